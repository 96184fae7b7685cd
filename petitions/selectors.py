"""Reads for petitions: every query starts from ``Petition.objects.visible_to(user)``."""

import hashlib
import re
import uuid
from datetime import date

from django.core.cache import cache
from django.db import connections
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal import policy
from dialogue_portal.datastamp import stats_version
from dialogue_portal.directory.models import OrgUnit, TopicCategory, prime_current_departments, prime_current_units
from dialogue_portal.labels import label_of
from dialogue_portal.text import fold

from . import pagecache
from .models import Answer, AnswerTemplate, Assignment, AssignmentStatus, Attachment, Petition, PetitionStatus
from .workflow import WAITING


def _overdue_assignments(today: date) -> QuerySet:
    return Assignment.objects.filter(status=AssignmentStatus.PENDING, due_date__lt=today)


def petitions_for_list(*, user, today: date | None = None) -> QuerySet:
    """Visible, not archived petitions with what a list row shows, in a fixed number of queries.

    Annotated ``is_overdue``; assignments (with their department) prefetched as the list ``listed_assignments``
    (a plain list: as ``assignments.all()`` Django builds a filtered queryset per row only to hold them, a
    tenth of a search page's time); the long texts a row never shows are left in the database.
    """
    today = today or timezone.localdate()
    assignments = Assignment.objects.select_related("department").order_by("due_date", "pk")
    return (
        Petition.objects.visible_to(user)
        .filter(is_archived=False)
        .defer("content", "search_text")
        .select_related("unit")
        .prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="listed_assignments"))
        # ``next_due`` is the earliest pending due date: overdue is one comparison per row, not a subquery.
        .annotate(is_overdue=ExpressionWrapper(Q(next_due__lt=today), output_field=BooleanField()))
    )


class _EqualsAny(Func):
    """``field = ANY(array)`` (PostgreSQL)."""

    arg_joiner, template, output_field = " = ANY(", "(%(expressions)s))", BooleanField()


def with_status(queryset: QuerySet, status: str) -> QuerySet:
    """Petitions in ``status``, to be sorted by ``newest_first(..., status=status)``.

    On PostgreSQL written ``status = ANY(ARRAY[...])``: the planner then keeps "status" in the sort order and reads
    the page from the (status, created_at) index. Written ``status = '...'`` it walks the newest-first index and
    filters, assuming each status is spread evenly over time; resolved petitions are the old ones, so it read
    15,000 newer rows first at 100,000 petitions (40 ms instead of 1 ms).
    """
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(status=status)
    return queryset.filter(_EqualsAny(F("status"), Value([status])))


def newest_first(queryset: QuerySet, *, status: str = "") -> QuerySet:
    """The list's order: newest first; with one status chosen (``with_status``), by status first, the same rows."""
    return queryset.order_by(*(["status"] if status else []), "-created_at", "-pk")


def list_page_petitions(page) -> list[Petition]:
    """A list page's petitions with merged units' and closed departments' current names loaded in bulk.

    Without this each such row asks for its successors; with it the page costs the same however many there are.
    """
    petitions = list(page)
    prime_current_units([p.unit for p in petitions])
    prime_current_departments([a.department for p in petitions for a in p.listed_assignments])
    return petitions


# With this many matches found by whole words and word beginnings, the search stops there.
SEARCH_ENOUGH_BY_WORDS = 25


def search(queryset: QuerySet, text: str, *, enough: int = SEARCH_ENOUGH_BY_WORDS) -> QuerySet:
    """Accent- and case-insensitive search on the folded column; each word must match.

    A word matches where it appears in the text (``contains``). On PostgreSQL the word index answers first,
    for rows where each word also begins a word of the text ("ngu" finds "người"); only when that gives
    fewer than ``enough`` rows does the search read the trigram index for matches inside words too. So a
    rare word made of common letter groups («ruồi») stays fast, and a code or a few matches are found
    exactly as before.
    """
    words = fold(text).split()[:10]
    contains = queryset
    for word in words:
        contains = contains.filter(search_text__contains=word)
    prefixes = [_prefix_query(word) for word in words]
    if not words or not all(prefixes) or connections[queryset.db].vendor != "postgresql":
        return contains
    by_words = queryset.filter(_matches_words(" & ".join(prefixes)))
    for word in words:
        # strpos, not LIKE: the same test, checked on the word index's few rows instead of joining the trigram index.
        by_words = by_words.filter(GreaterThan(StrIndex("search_text", Value(word)), 0))
    return by_words if _enough(by_words, enough) else contains


def _enough(queryset: QuerySet, enough: int) -> bool:
    """Whether ``queryset`` has ``enough`` rows; remembered until the data changes (common words cost a scan)."""
    keys = queryset.order_by().values_list("pk", flat=True)[:enough]
    sql, params = keys.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key = f"petitions:search-enough:{stats_version()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = len(keys) >= enough
        cache.set(key, found, 600)
    return found


def _prefix_query(word: str) -> str:
    """``'vay':*``, or ``'kn':* & '2026':*`` for a word the text parser splits; empty when nothing is a letter."""
    return " & ".join(f"'{token}':*" for token in re.findall(r"[^\W_]+", word))


def _matches_words(tsquery: str):
    """``to_tsvector('simple', search_text) @@ to_tsquery('simple', …)``: the expression the word index is on."""
    words = Func(F("search_text"), template="to_tsvector('simple'::regconfig, %(expressions)s)")
    wanted = Func(Value(tsquery), template="to_tsquery('simple'::regconfig, %(expressions)s)")
    return Func(words, wanted, template="%(expressions)s", arg_joiner=" @@ ", output_field=BooleanField())


def overdue(queryset: QuerySet, *, today: date | None = None, department=None) -> QuerySet:
    """Petitions waiting past a due date (at ``department`` when given)."""
    today = today or timezone.localdate()
    if department is None:
        return queryset.filter(next_due__lt=today)
    late = _overdue_assignments(today).filter(petition=OuterRef("pk"), department=department)
    return queryset.filter(Exists(late))


def triage_queue(*, user) -> QuerySet:
    """Petitions waiting for staff: submitted (not yet received) or received (not yet routed), oldest first."""
    return (
        petitions_for_list(user=user)
        .filter(status__in=[PetitionStatus.SUBMITTED, PetitionStatus.RECEIVED])
        .order_by("submitted_at", "pk")
    )


# What the petition page prints of each related row: fewer columns to compile and read on every view.
_PAGE_RELATED_FIELDS = (
    "unit__id",
    "unit__name",
    "unit__path",  # a leader's right to see an anonymous petitioner
    "unit__successor_id",
    "session__id",
    "session__title",
    "participant_group__id",
    "participant_group__name",
)
_PERSON_FIELDS = ("id", "username", "full_name")  # what ``display_name`` reads


def _page_fields() -> list[str]:
    """Every petition column (the views that save the petition after this read need them all, or saving
    reloads the missing ones), plus ``_PAGE_RELATED_FIELDS``."""
    own = [f.name for f in Petition._meta.concrete_fields]
    return [*own, *_PAGE_RELATED_FIELDS]


def _page_petition(user) -> QuerySet:
    # ``merged_into`` is left to load when set: few petitions are merged, and the join costs every page.
    return (
        Petition.objects.visible_to(user).select_related("unit", "session", "participant_group").only(*_page_fields())
    )


def _page_assignments() -> QuerySet:
    return (
        Assignment.objects.select_related("department", "answer__author")
        .only(
            *(f.name for f in Assignment._meta.concrete_fields),
            "department__id",
            "department__name",
            "department__is_active",
            *(f"answer__{f.name}" for f in Answer._meta.concrete_fields),
            *(f"answer__author__{name}" for name in _PERSON_FIELDS),
        )
        .order_by("due_date", "pk")
    )


def _page_attachments() -> QuerySet:
    return Attachment.objects.only("id", "petition_id", "original_name", "size").order_by("uploaded_at", "pk")


def petition_detail(*, user, pk: int) -> Petition:
    """One visible petition with its assignments, answers, attachments and topics (404 outside scope)."""
    queryset = _page_petition(user).prefetch_related(
        Prefetch("topics", queryset=TopicCategory.objects.only("id", "name")),
        Prefetch("assignments", queryset=_page_assignments()),
        Prefetch("attachments", queryset=_page_attachments()),
    )
    petition = get_object_or_404(queryset, pk=pk)
    # A closed department's successors, for all its assignments at once (none asked while all are open).
    prime_current_departments([assignment.department for assignment in petition.assignments.all()])
    return petition


def petition_page(*, user, pk: int) -> tuple[Petition, dict]:
    """The petition page's reads: the petition through ``user``'s scope on every request (404 outside it),
    and its parts, the same for every viewer, from the cache until the petition or its parts change
    (petitions/pagecache.py): ``topics`` (names), ``assignments`` (with department and answer), ``attachments``
    (id, name, size) and the timeline's ``steps`` (see ``timeline_steps``).

    The parts hold nothing a viewer's rights or language decide; the view works those out per request.
    """
    petition = petition_for_page(user=user, pk=pk)
    return petition, petition_parts(petition)


def petition_for_page(*, user, pk: int) -> Petition:
    """The petition through ``user``'s scope, with what its page prints of it; 404 outside the scope."""
    return get_object_or_404(_page_petition(user), pk=pk)


def petition_parts(petition: Petition) -> dict:
    """``petition``'s page parts (see ``petition_page``). They are read by its id alone, after their key: a write
    committed after these reads moves the key, whenever the petition itself was read."""
    # (created_at: the same id in a rebuilt database is another petition)
    key = f"{pagecache.parts_key(petition.pk)}:{petition.created_at.timestamp()}"
    parts = cache.get(key)
    if parts is None:
        assignments = list(_page_assignments().filter(petition=petition))
        prime_current_departments([assignment.department for assignment in assignments])
        parts = {
            "topics": list(TopicCategory.objects.filter(petition=petition).values_list("name", flat=True)),
            "assignments": assignments,
            "attachments": list(
                _page_attachments().filter(petition=petition).values_list("id", "original_name", "size")
            ),
            "steps": timeline_steps(petition, _answers_of(assignments)),
        }
        cache.set(key, parts, pagecache.TIMEOUT)
    for assignment in parts["assignments"]:
        assignment.petition = petition
    return parts


def timeline(*, petition: Petition, user) -> list[dict]:
    """The petition's timeline as its page shows it to ``user`` (a merged duplicate's steps on the kept petition)."""
    _shown, parts = petition_page(user=user, pk=petition.pk)
    return timeline_entries(parts["steps"])


def timeline_steps(petition: Petition, answers: list[Answer]) -> list[dict]:
    """The timeline in no language: statuses as stored, departments by name (``timeline_entries`` labels them)."""
    from .models import PetitionStatusChange

    # The petition and its merged duplicates by their own indexes (a subquery: one OR across the join would
    # scan every status change), their steps by the petition index.
    petitions = Petition.objects.filter(Q(pk=petition.pk) | Q(merged_into=petition.pk)).values("pk")
    changes = (
        PetitionStatusChange.objects.filter(petition_id__in=petitions)
        .select_related("actor", "petition")
        .only(
            "at",
            "note",
            "from_status",
            "to_status",
            "petition__code",
            *(f"actor__{name}" for name in _PERSON_FIELDS),
        )
    )
    steps = [
        {
            "at": change.at,
            "actor": change.actor,
            "from_status": change.from_status,
            "to_status": change.to_status,
            "note": change.note,
            "code": change.petition.code if change.petition_id != petition.pk else "",
            "kind": "status",
        }
        for change in changes
    ]
    steps.extend(_corrections(answers))
    for answer in answers:
        steps.append(
            {
                "at": answer.created_at,
                "actor": answer.author,
                "department": str(answer.assignment.department),
                "note": "",
                "code": "",
                "kind": "answer",
            }
        )
    return sorted(steps, key=lambda step: step["at"])


def timeline_entries(steps: list[dict]) -> list[dict]:
    """``timeline_steps`` in the active language: ``from_status`` and ``to_status`` are what the page prints."""
    entries = []
    for step in steps:
        entry = dict(step)
        if step["kind"] == "status":
            entry["from_status"] = label_of(PetitionStatus, step["from_status"]) if step["from_status"] else ""
            entry["to_status"] = label_of(PetitionStatus, step["to_status"])
        elif step["kind"] == "answer":
            entry["to_status"] = _("Answer from %(department)s") % {"department": step["department"]}
        else:
            entry["to_status"] = _("Answer from %(department)s corrected") % {"department": step["department"]}
        entries.append(entry)
    return entries


def _answers_of(assignments) -> list[Answer]:
    answers = []
    for assignment in assignments:
        try:
            answers.append(assignment.answer)  # select_related: no query, and it points back to the assignment
        except Answer.DoesNotExist:
            continue
    return answers


_ANSWER_WORDING = ("text", "method", "forwarded_authority", "resolve_by")


def _corrections(answers: list[Answer]) -> list[dict]:
    """One timeline entry per saved change to an answer's wording (its first version is the answer itself)."""
    if not answers:
        return []
    by_id = {answer.pk: answer for answer in answers}
    records = (
        Answer.history.filter(id__in=by_id)
        .select_related("history_user")
        .only(
            "history_id",
            "id",
            "history_date",
            *_ANSWER_WORDING,
            *(f"history_user__{name}" for name in _PERSON_FIELDS),
        )
        .order_by("history_date", "history_id")
    )
    entries, previous = [], {}
    for record in records:
        answer = by_id[record.id]
        wording = tuple(getattr(record, name) for name in _ANSWER_WORDING)
        if previous.get(record.id) not in (None, wording):
            entries.append(
                {
                    "at": record.history_date,
                    "actor": record.history_user,
                    "department": str(answer.assignment.department),
                    "note": "",
                    "code": "",
                    "kind": "correction",
                }
            )
        previous[record.id] = wording
    return entries


def days_waiting(petition: Petition, today: date | None = None) -> int | None:
    """Calendar days since submission while the petition still waits; None once it has moved on."""
    if petition.status not in WAITING or petition.submitted_at is None:
        return None
    today = today or timezone.localdate()
    return (today - timezone.localtime(petition.submitted_at).date()).days


def petitions_for_session(*, session, user) -> QuerySet:
    """The petitions raised at ``session`` that ``user`` may see: code, title and status, what the session
    page's panel prints (one query, nothing prefetched)."""
    return (
        Petition.objects.visible_to(user).filter(session=session).order_by("code").only("pk", "code", "title", "status")
    )


def overdue_assignments(*, today: date, user=None) -> QuerySet:
    """Pending assignments past their due date, oldest first (within ``user``'s scope when given)."""
    queryset = _overdue_assignments(today).filter(petition__is_archived=False)
    if user is not None:
        queryset = queryset.filter(petition__in=Petition.objects.visible_to(user))
    return queryset.select_related("petition", "department").order_by("due_date", "pk")


def answer_templates(*, topic_ids=()) -> QuerySet:
    queryset = AnswerTemplate.objects.filter(is_active=True).select_related("topic")
    if topic_ids:
        queryset = queryset.filter(Q(topic__isnull=True) | Q(topic_id__in=topic_ids))
    return queryset


def overdue_petition_count(*, today: date) -> int:
    """How many petitions wait past a due date, province-wide; cached until the data or the day changes."""
    key = f"petitions:overdue:{today.isoformat()}:{stats_version()}"
    count = cache.get(key)
    if count is None:
        # Counted from the pending-assignments side (a partial index serves it), not per petition.
        pending = _overdue_assignments(today).filter(petition__is_archived=False)
        count = pending.values("petition").distinct().count()
        cache.set(key, count, 60 * 60)
    return count


def _count_for(user, name: str, queryset: QuerySet) -> int:
    """``queryset.count()`` for a home card, cached per scope (worked out afresh from the user's roles on
    every request) until the data changes (the stamp): the triage queue alone is thousands of rows."""
    scope = hashlib.sha256(repr(policy.scope_of(user)).encode()).hexdigest()[:32]
    key = f"petitions:home:{name}:{stats_version()}:{scope}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, 60 * 60)
    return count


def home_cards(user) -> list[dict]:
    """What this app asks of ``user`` next, as home-page cards."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    visible = Petition.objects.visible_to(user).filter(is_archived=False)
    cards = []
    list_url = reverse("petitions:list")
    if policy.may_triage(user):
        queue = _count_for(
            user, "triage", visible.filter(status__in=[PetitionStatus.SUBMITTED, PetitionStatus.RECEIVED])
        )
        late = overdue_petition_count(today=today)
        cards.append(
            {
                "title": _("Petitions to triage"),
                "value": queue,
                "note": _("Submitted or received, not yet sent to a department."),
                "url": reverse("petitions:triage"),
                "link_text": _("Open the triage queue"),
                "level": "warning" if queue else "",
            }
        )
        cards.append(
            {
                "title": _("Overdue petitions"),
                "value": late,
                "note": _("A department's due date has passed without an answer."),
                "url": f"{list_url}?overdue=true",
                "link_text": _("See overdue petitions"),
                "level": "danger" if late else "",
            }
        )
    elif policy.may_submit(user):
        waiting = _count_for(user, "waiting", visible.filter(status__in=WAITING))
        answered = _count_for(
            user, "answered", visible.filter(status__in=[PetitionStatus.ANSWERED, PetitionStatus.RESOLVED])
        )
        returned = _count_for(user, "returned", visible.filter(status=PetitionStatus.RETURNED))
        cards.append(
            {
                "title": _("Your petitions waiting"),
                "value": waiting,
                "note": _("%(count)s returned to you for more information.") % {"count": returned} if returned else "",
                "url": list_url,
                "link_text": _("Follow your petitions"),
                "level": "warning" if returned else "",
            }
        )
        cards.append(
            {
                "title": _("Answered petitions"),
                "value": answered,
                "note": "",
                "url": f"{list_url}?status=answered",
                "link_text": _("Read the answers"),
                "level": "",
            }
        )
        cards.append(
            {
                "title": _("Submit a petition"),
                "value": None,
                "note": _("One short form, or many at once from a spreadsheet."),
                "url": reverse("petitions:create"),
                "link_text": _("Submit"),
                "level": "",
            }
        )
    elif policy.may_use_admin(user):
        mine = Assignment.objects.visible_to(user).filter(status=AssignmentStatus.PENDING, petition__is_archived=False)
        pending = mine.count()
        late = mine.filter(due_date__lt=today).count()
        cards.append(
            {
                "title": _("Petitions waiting for your answer"),
                "value": pending,
                "note": _("%(count)s past the due date.") % {"count": late} if late else "",
                "url": reverse("admin:petitions_petition_changelist"),
                "link_text": _("Answer in the admin panel"),
                "level": "danger" if late else ("warning" if pending else ""),
            }
        )
    return cards


# --- the public outcomes page's view of a petition (public/ lists them; the preview shows one) ------

# The only petition columns the public page may load: no petitioner, phone, unit or submitter.
PUBLIC_PETITION_FIELDS = ("id", "code", "kind", "title", "content", "session_id", "submitted_at", "created_at")


def public_petitions() -> QuerySet[Petition]:
    answered = (
        Assignment.objects.filter(answer__isnull=False)
        .select_related("department", "answer")
        .only(
            "id",
            "petition_id",
            "department__name",
            "answer__id",
            "answer__text",
            "answer__method",
            "answer__forwarded_authority",
            "answer__resolve_by",
        )
        .order_by("department__sort_order", "pk")
    )
    return (
        Petition.objects.filter(is_archived=False)
        .only(*PUBLIC_PETITION_FIELDS)
        .prefetch_related("topics", Prefetch("assignments", queryset=answered, to_attr="answered_assignments"))
        .order_by("-submitted_at", "-created_at", "-pk")
    )


def petition_as_public(pk: int) -> Petition | None:
    """The petition exactly as the public page would load it once published (None: the page would not show it)."""
    return public_petitions().filter(pk=pk).first()


# --- similar petitions -------------------------------------------------------------------------------

SIMILAR_LIMIT = 5
# Suggestions come from the newest this many petitions in scope: a duplicate is raised soon after the matter
# it repeats, and older matters are found with the list's search.
SIMILAR_WINDOW = 500
# Trigram word similarity (0–1) below which a petition is not worth suggesting.
SIMILAR_THRESHOLD = 0.3
# Words this short, or this common, say nothing about the matter raised.
_COMMON = frozenset(
    {
        "cac",
        "cho",
        "cua",
        "co",
        "duoc",
        "khong",
        "la",
        "mot",
        "nhung",
        "nhu",
        "va",
        "ve",
        "voi",
        "de",
        "da",
        "dang",
        "can",
        "the",
        "thi",
        "tai",
        "tu",
        "trong",
    }
)
_SIMILAR_QUERY_CHARS = 600


def _key_words(folded: str) -> list[str]:
    words = [w.strip(".,;:!?()\"'“”") for w in folded.split()]
    return list(dict.fromkeys(w for w in words if len(w) >= 3 and w not in _COMMON))[:30]


def _suggestable(user) -> QuerySet:
    """The petitions ``user`` may see that a suggestion may name: open, not archived, not a draft."""
    return (
        Petition.objects.visible_to(user)
        .filter(is_archived=False)
        .exclude(status__in=[PetitionStatus.MERGED, PetitionStatus.REJECTED, PetitionStatus.DRAFT])
        .select_related("unit")
    )


def similar_petitions(*, user, text: str, exclude_pk: int | None = None, limit: int = SIMILAR_LIMIT) -> list[Petition]:
    """The petitions most like ``text`` (title and content as typed, any accents), within ``user``'s scope.

    PostgreSQL: trigram word similarity on the folded ``search_text`` (pg_trgm). Elsewhere: the share of
    the text's words (folded, three letters or more) found in the petition. Merged, rejected and archived
    petitions are left out; so is ``exclude_pk``. Each result carries ``similarity`` (0–1).
    """
    folded = fold(text)[:_SIMILAR_QUERY_CHARS]
    words = _key_words(folded)
    if not words:
        return []
    queryset = _suggestable(user).exclude(pk=exclude_pk)
    from django.db import connection

    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        query = " ".join(words)
        # Scored within the newest SIMILAR_WINDOW (the created_at index finds them): word similarity costs
        # a fraction of a millisecond a row and most petitions share everyday words, so scoring the whole
        # table took seconds at 100,000 petitions.
        window = queryset.order_by("-created_at", "-pk").values("pk")[:SIMILAR_WINDOW]
        found = (
            Petition.objects.filter(pk__in=window)
            .select_related("unit")
            .annotate(similarity=TrigramWordSimilarity(query, "search_text"))
            .filter(similarity__gte=SIMILAR_THRESHOLD)
            .order_by("-similarity", "-created_at")[:limit]
        )
        return list(found)
    any_word = Q()
    for word in words:
        any_word |= Q(search_text__contains=word)
    scored = []
    for petition in queryset.filter(any_word).order_by("-created_at")[:SIMILAR_WINDOW]:
        shared = sum(1 for word in words if word in petition.search_text.split())
        petition.similarity = shared / len(words)
        if petition.similarity >= SIMILAR_THRESHOLD:
            scored.append(petition)
    scored.sort(key=lambda p: (-p.similarity, -p.created_at.timestamp()))
    return scored[:limit]


def find_by_code(queryset: QuerySet, text: str) -> Petition | None:
    """The petition whose code ``text`` means: case, spaces, dashes and leading zeros do not matter
    ("kn-2026-34", "KN202634", "kn 2026 34" all find KN-2026-00034)."""
    import re

    match = re.fullmatch(r"\s*kn[\s_.\-/]*(\d{4})[\s_.\-/]*0*(\d{1,7})\s*", text or "", flags=re.IGNORECASE)
    if not match:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    return queryset.filter(year=year, number=number).first()


def submitted_with_key(*, user, key) -> Petition | None:
    """The petition ``user`` already submitted with this submission key (a resend), or None."""
    try:
        key = uuid.UUID(str(key))
    except (TypeError, ValueError):
        return None
    return Petition.objects.filter(client_key=key, submitted_by=user).first()


def similar_to_petition(*, user, petition: Petition) -> list[Petition]:
    """``similar_petitions`` for a petition's page, kept per scope until the data changes (the stamp).

    What a scope may see changes only with the data (every write to a petition, an assignment or a unit moves
    the stamp) or with the scope itself, which is in the key: the suggestions are kept as they are shown.
    """
    scope = hashlib.sha256(repr(policy.scope_of(user)).encode()).hexdigest()[:32]
    key = f"petitions:similar:{petition.pk}:{scope}:{stats_version()}"
    kept = cache.get(key)
    if kept is None:
        found = similar_petitions(user=user, text=f"{petition.title} {petition.content}", exclude_pk=petition.pk)
        kept = [
            (p.pk, p.code, p.title, p.status, p.supporters_count, p.unit_id, p.unit.name, p.similarity) for p in found
        ]
        cache.set(key, kept, 60 * 60)
    return [_suggestion(*row) for row in kept]


def _suggestion(pk, code, title, status, supporters_count, unit_id, unit_name, similarity) -> Petition:
    """A suggested petition with what its line shows."""
    shown = Petition(
        pk=pk,
        code=code,
        title=title,
        status=status,
        supporters_count=supporters_count,
        unit=OrgUnit(pk=unit_id, name=unit_name),
    )
    shown.similarity = similarity
    return shown
