"""Writes for petitions: intake, the one workflow transition, routing, answers, attachments, merging."""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal import policy
from dialogue_portal.audit.services import record_event
from dialogue_portal.background import enqueue
from dialogue_portal.directory.models import OrgUnit
from dialogue_portal.text import fold, nfc
from dialogue_portal.workflow import StaleEdit

from . import pagecache, placeholders, workflow
from .files import check_upload, generated_name
from .models import (
    Answer,
    AnswerMethod,
    Assignment,
    AssignmentStatus,
    Attachment,
    Petition,
    PetitionCounter,
    PetitionKind,
    PetitionStatus,
    PetitionStatusChange,
)

MAX_TITLE = 300
MAX_CONTENT = 10_000
MAX_ANSWER = 10_000
MAX_SUPPORTERS = 100_000
EDITABLE_FIELDS = (
    "kind",
    "title",
    "content",
    "petitioner_name",
    "petitioner_phone",
    "petitioner_ethnicity",
    "petitioner_has_disability",
    "participant_group",
    "supporters_count",
    "is_anonymous",
)


@dataclass
class Change:
    field: str
    old: str
    new: str

    def __str__(self):
        return f"{self.field}: {self.old} → {self.new}"


# --- helpers -----------------------------------------------------------------------------------

# Set while loading demo or imported history, so nobody is mailed about it.
_notifications_muted: ContextVar[bool] = ContextVar("petition_notifications_muted", default=False)


@contextmanager
def notifications_muted():
    """Run services without queueing any notification (demo data, data migrations)."""
    token = _notifications_muted.set(True)
    try:
        yield
    finally:
        _notifications_muted.reset(token)


def _queue(task_name: str, object_id: int) -> None:
    """Enqueue a notification task (petitions.tasks) once the transaction commits (nothing on rollback)."""
    if not _notifications_muted.get():
        enqueue(f"petitions.tasks.{task_name}", object_id)


def search_text_for(petition: Petition) -> str:
    """The folded search key. An anonymous petitioner's name is left out so no search can reveal it."""
    name = "" if petition.is_anonymous else petition.petitioner_name
    return fold(" ".join([petition.code, petition.title, petition.content, name]))


def _next_number(year: int) -> int:
    """Take the next number of ``year``; the counter row stays locked until the caller's transaction ends."""
    updated = PetitionCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
    if not updated:
        start = Petition.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0
        try:
            with transaction.atomic():
                PetitionCounter.objects.create(year=year, last_number=start + 1)
        except IntegrityError:
            # Another submission created the row first; take a number from it.
            PetitionCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
    return PetitionCounter.objects.get(year=year).last_number


def _clean_text(value, *, field: str, required: bool, limit: int) -> str:
    value = nfc(value)
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError(
            {field: _("At most %(limit)s characters (this has %(count)s).") % {"limit": limit, "count": len(value)}}
        )
    return value


def _normalise(petition: Petition) -> None:
    petition.title = _clean_text(petition.title, field="title", required=True, limit=MAX_TITLE)
    petition.content = _clean_text(petition.content, field="content", required=True, limit=MAX_CONTENT)
    petition.petitioner_name = _clean_text(petition.petitioner_name, field="petitioner_name", required=False, limit=200)
    petition.petitioner_phone = _clean_text(
        petition.petitioner_phone, field="petitioner_phone", required=False, limit=30
    )
    petition.petitioner_ethnicity = _clean_text(
        petition.petitioner_ethnicity, field="petitioner_ethnicity", required=False, limit=100
    )
    if not 1 <= (petition.supporters_count or 0) <= MAX_SUPPORTERS:
        raise ValidationError({"supporters_count": _("Enter a number from 1 to %(max)s.") % {"max": MAX_SUPPORTERS}})


def _require(rule: str, actor, obj=None) -> None:
    if not policy.may(rule, actor, obj):
        raise PermissionDenied(_("Only province staff may do this."))


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("unit").get(pk=petition.pk)


def _check_version(petition: Petition, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != petition.version:
        raise StaleEdit(changes_since(petition=petition, version=int(expected_version)))


def _save(petition: Petition, actor, reason: str = "") -> None:
    petition.version += 1
    petition.search_text = search_text_for(petition)
    petition._history_user = actor
    petition._change_reason = reason[:100] if reason else None
    petition.save()


def changes_since(*, petition: Petition, version: int) -> list[Change]:
    """What changed in ``petition`` since ``version``, field by field, read from its history."""
    records = petition.history.filter(version__in=[version, petition.version]).order_by("-history_id")
    new = next((r for r in records if r.version == petition.version), None)
    old = next((r for r in records if r.version == version), None)
    if new is None or old is None:
        return []
    delta = new.diff_against(old, excluded_fields=["updated_at", "version", "search_text"])
    changes = []
    for change in delta.changes:
        field = Petition._meta.get_field(change.field)
        changes.append(Change(field.verbose_name, _display(field, change.old), _display(field, change.new)))
    return changes


def _audit(action: str, *, actor, target, **details) -> None:
    """One audit event for a change; the address comes from the request being served, if any."""
    record_event(action=action, actor=actor, target=target, details=details)


def _display(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


# --- intake ------------------------------------------------------------------------------------


class _Replay(Exception):
    """Internal: the submission key was taken while this submission waited for its number."""


def _replayed(petition: Petition, actor) -> Petition:
    if petition.submitted_by_id != actor.pk:
        raise ValidationError(_("This submission was already used for another petition."), code="key_taken")
    petition.replayed = True
    return petition


@transaction.atomic
def submit_petition(
    *,
    actor,
    unit,
    title: str,
    content: str,
    kind: str = "recommendation",
    topics: Iterable = (),
    petitioner_name: str = "",
    petitioner_phone: str = "",
    petitioner_ethnicity: str = "",
    petitioner_has_disability: bool = False,
    participant_group=None,
    supporters_count: int = 1,
    is_anonymous: bool = False,
    session=None,
    attachments: Iterable = (),
    as_draft: bool = False,
    client_key=None,
) -> Petition:
    """Create a petition with the next code of the year (KN-2024-00123) and submit it.

    Side effects: a history row; the status log draft → submitted (unless ``as_draft``);
    attachments stored under generated names. The unit must lie in the actor's scope.
    ``client_key`` (a UUID chosen by the phone) makes a resend harmless: the petition already
    created with that key is returned, marked ``replayed``, and nothing new is written.
    """
    if client_key is not None and (existing := Petition.objects.filter(client_key=client_key).first()):
        return _replayed(existing, actor)
    if not (policy.may_submit(actor) and OrgUnit.objects.visible_to(actor).filter(pk=unit.pk).exists()):
        raise PermissionDenied(_("You may submit petitions only for your own unit and the units below it."))
    if session is not None:
        from dialogues.models import DialogueSession

        if not DialogueSession.objects.visible_to(actor).open_to_petitions().filter(pk=session.pk).exists():
            raise ValidationError({"session": _("Choose a dialogue session you can see.")})
    petition = Petition(
        kind=kind,
        title=title,
        content=content,
        unit=unit,
        submitted_by=actor,
        petitioner_name=petitioner_name,
        petitioner_phone=petitioner_phone,
        petitioner_ethnicity=petitioner_ethnicity,
        petitioner_has_disability=bool(petitioner_has_disability),
        participant_group=participant_group,
        supporters_count=supporters_count,
        is_anonymous=bool(is_anonymous),
        session=session,
        status=PetitionStatus.DRAFT,
    )
    if kind not in PetitionKind.values:
        raise ValidationError({"kind": _("Choose a kind of petition.")})
    _normalise(petition)
    checked = [(upload, check_upload(upload)) for upload in attachments]
    petition.year = timezone.localdate().year
    petition.client_key = client_key
    try:
        # Numbering serialises submissions; a twin sent at the same moment is found once it is our turn,
        # and the savepoint gives its number back.
        with transaction.atomic():
            petition.number = _next_number(petition.year)
            if client_key is not None and Petition.objects.filter(client_key=client_key).exists():
                raise _Replay
            petition.code = f"KN-{petition.year}-{petition.number:05d}"
            petition.version = 0
            _save(petition, actor)
    except (_Replay, IntegrityError):
        existing = Petition.objects.filter(client_key=client_key).first() if client_key is not None else None
        if existing is None:
            raise
        return _replayed(existing, actor)
    _audit("petition.created", actor=actor, target=petition, unit=petition.unit_id, as_draft=as_draft)
    petition.topics.set(list(topics))
    for upload, kind_and_type in checked:
        _store_attachment(petition=petition, upload=upload, checked=kind_and_type, actor=actor)
    if not as_draft:
        petition = transition(petition=petition, to_status=PetitionStatus.SUBMITTED, actor=actor)
    return petition


@transaction.atomic
def update_petition(*, petition: Petition, actor, expected_version: int, topics: Iterable | None = None, **data):
    """Change a petition's text and petitioner details.

    Refused with StaleEdit (listing what changed) when someone saved since ``expected_version``.
    Side effects: version +1, a history row.
    """
    petition = _locked(petition)
    if not workflow.may_edit(actor, petition):
        raise PermissionDenied(_("This petition can no longer be edited."))
    _check_version(petition, expected_version)
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not editable here")
        setattr(petition, name, value)
    _normalise(petition)
    _save(petition, actor)
    if topics is not None:
        petition.topics.set(list(topics))
    _audit("petition.updated", actor=actor, target=petition, fields=sorted(data) + (["topics"] if topics else []))
    return petition


# --- the workflow --------------------------------------------------------------------------------


@transaction.atomic
def transition(*, petition: Petition, to_status: str, actor, note: str = "", **fields) -> Petition:
    """Move ``petition`` to ``to_status`` if the workflow table lets ``actor`` do it.

    ``fields``: ``merged_into`` (merged), ``forwarded_authority`` (forwarded), ``expected_version``
    (refuse a stale form). The note is required when rejecting or returning.
    Side effects: version +1, a history row, a PetitionStatusChange, notifications queued after commit.
    """
    expected_version = fields.pop("expected_version", None)
    petition = _locked(petition)
    _check_version(petition, expected_version)
    from_status = petition.status
    note = nfc(note)
    workflow.PETITION.check(
        from_status, to_status, workflow.roles_of(actor, petition), label=lambda s: PetitionStatus(s).label
    )
    required = workflow.REQUIRED.get(to_status)
    if required:
        name, message = required
        value = note if name == "note" else fields.get(name)
        if isinstance(value, str):
            value = nfc(value)
        if not value:
            raise ValidationError({name: message})
    if len(note) > MAX_CONTENT:
        raise ValidationError({"note": _("The note is too long.")})
    if to_status == PetitionStatus.MERGED:
        petition.merged_into = fields["merged_into"]
    if to_status == PetitionStatus.FORWARDED:
        petition.forwarded_authority = _clean_text(
            fields["forwarded_authority"], field="forwarded_authority", required=True, limit=300
        )
    if to_status in (PetitionStatus.REJECTED, PetitionStatus.RETURNED):
        petition.status_reason = note
    if to_status == PetitionStatus.SUBMITTED and petition.submitted_at is None:
        petition.submitted_at = timezone.now()
    petition.status = to_status
    _save(petition, actor, reason=note)
    change = PetitionStatusChange.objects.create(
        petition=petition, from_status=from_status, to_status=to_status, actor=actor, note=note
    )
    _audit("petition.transition", actor=actor, target=petition, from_status=from_status, to_status=to_status, note=note)
    _queue("notify_status_change", change.pk)
    return petition


def refresh_next_due(petition_ids: Iterable[int]) -> None:
    """Recompute ``Petition.next_due`` (earliest pending due date) for these petitions, in one UPDATE.

    Runs after every save or delete of an assignment (petitions/signals.py), and from the code that moves
    assignments with a queryset update (the reorganisation), which sends no signal.
    """
    earliest = (
        Assignment.objects.filter(petition=OuterRef("pk"), status=AssignmentStatus.PENDING)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    Petition.objects.filter(pk__in=list(petition_ids)).update(next_due=Subquery(earliest))


def _follow_assignments(petition: Petition, actor) -> Petition:
    """Move the petition to the status its assignments add up to (answered when all are answered)."""
    statuses = list(petition.assignments.values_list("status", flat=True))
    if not statuses or AssignmentStatus.PENDING in statuses:
        target = PetitionStatus.ASSIGNED
    elif all(s == AssignmentStatus.RESOLVED for s in statuses):
        target = PetitionStatus.RESOLVED
    elif all(s in (AssignmentStatus.FORWARDED, AssignmentStatus.RESOLVED) for s in statuses):
        target = PetitionStatus.FORWARDED
    else:
        target = PetitionStatus.ANSWERED
    if target == petition.status or target not in workflow.TRANSITIONS.get(petition.status, {}):
        return petition
    fields = {}
    if target == PetitionStatus.FORWARDED:
        authorities = Answer.objects.filter(assignment__petition=petition).exclude(forwarded_authority="")
        fields["forwarded_authority"] = "; ".join(
            sorted(set(authorities.values_list("forwarded_authority", flat=True)))
        )
        fields["forwarded_authority"] = fields["forwarded_authority"] or petition.forwarded_authority or "—"
    return transition(petition=petition, to_status=target, actor=actor, **fields)


# --- routing and answers -------------------------------------------------------------------------


@transaction.atomic
def assign_petition(
    *, petition: Petition, actor, routes: Iterable[tuple], note: str = "", expected_version: int | None = None
) -> list[Assignment]:
    """Send the petition to departments, each ``(department, due_date)``.

    Side effects: a submitted petition is received first; status → assigned; one Assignment
    (with history) per department; each department notified after commit.
    """
    _require("route", actor)
    petition = _locked(petition)
    _check_version(petition, expected_version)
    routes = list(routes)
    if not routes:
        raise ValidationError(_("Choose at least one department."))
    today = timezone.localdate()
    seen = set()
    taken = set(petition.assignments.values_list("department_id", flat=True))
    for department, due_date in routes:
        if department.pk in seen or department.pk in taken:
            raise ValidationError(_("%(department)s already has this petition.") % {"department": department})
        if not department.is_active:
            raise ValidationError(_("%(department)s is no longer active.") % {"department": department})
        if due_date is None or due_date < today:
            raise ValidationError(_("The due date for %(department)s is in the past.") % {"department": department})
        seen.add(department.pk)
    if petition.status == PetitionStatus.SUBMITTED:
        petition = transition(petition=petition, to_status=PetitionStatus.RECEIVED, actor=actor)
    if petition.status != PetitionStatus.ASSIGNED:
        petition = transition(petition=petition, to_status=PetitionStatus.ASSIGNED, actor=actor, note=note)
    made = []
    for department, due_date in routes:
        assignment = Assignment(petition=petition, department=department, due_date=due_date, assigned_by=actor)
        assignment._history_user = actor
        assignment.save()
        _audit(
            "assignment.created",
            actor=actor,
            target=assignment,
            petition=petition.code,
            department=department.pk,
            due_date=due_date.isoformat(),
        )
        made.append(assignment)
    for assignment in made:
        _queue("notify_assignment", assignment.pk)
    return made


def fill_answer_template(text: str, *, assignment: Assignment, forwarded_authority: str = "") -> str:
    """A template's text with its blanks filled for ``assignment``: {ngày} today (dd/mm/yyyy), {đơn vị} the
    petition's unit, {sở} the answering department, {cơ quan} the competent authority when known, {mã}, {tiêu đề}.
    """
    return placeholders.fill(text, placeholders.values_for(assignment, forwarded_authority=forwarded_authority))


def answer_templates_for(assignment: Assignment, templates) -> dict[str, str]:
    """{template id: its text filled for ``assignment``}, for the answer forms' template picker."""
    return {str(t.pk): fill_answer_template(t.text, assignment=assignment) for t in templates}


def check_answer_blanks(text: str) -> None:
    """Raise ValidationError ("Chưa điền chỗ trống {ngày}") while the answer still holds a template's blank."""
    try:
        placeholders.check_filled(text)
    except ValidationError as error:
        raise ValidationError({"text": error.messages}) from error


def _may_answer(actor, assignment: Assignment) -> bool:
    return policy.may_answer(actor, assignment)


@transaction.atomic
def answer_assignment(
    *,
    assignment: Assignment,
    actor,
    text: str,
    method: str,
    forwarded_authority: str = "",
    resolve_by: date | None = None,
    attachments: Iterable = (),
) -> Answer:
    """Record (or correct) a department's answer to its assignment.

    Side effects: the assignment becomes answered (forwarded when the answer forwards it); the
    petition follows (answered once every assignment is); history rows; attachments stored;
    staff and the submitter notified after commit.
    """
    assignment = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
    if not _may_answer(actor, assignment):
        raise PermissionDenied(_("Only the assigned department or province staff may answer."))
    if assignment.petition.status in workflow.FINAL or assignment.petition.is_archived:
        raise ValidationError(_("This petition is closed; its answers can no longer change."))
    text = _clean_text(text, field="text", required=True, limit=MAX_ANSWER)
    check_answer_blanks(text)
    if method not in AnswerMethod.values:
        raise ValidationError({"method": _("Choose how it was answered.")})
    forwarded_authority = _clean_text(forwarded_authority, field="forwarded_authority", required=False, limit=300)
    if method == AnswerMethod.FORWARDED and not forwarded_authority:
        raise ValidationError({"forwarded_authority": _("Name the competent authority.")})
    if method == AnswerMethod.WILL_RESOLVE and resolve_by is None:
        raise ValidationError({"resolve_by": _("Give the date by which it will be resolved.")})
    checked = [(upload, check_upload(upload)) for upload in attachments]
    answer = Answer.objects.filter(assignment=assignment).first() or Answer(assignment=assignment)
    is_new = answer.pk is None
    answer.text, answer.method, answer.author = text, method, actor
    answer.forwarded_authority = forwarded_authority if method == AnswerMethod.FORWARDED else ""
    answer.resolve_by = resolve_by if method == AnswerMethod.WILL_RESOLVE else None
    answer._history_user = actor
    answer.save()
    _audit(
        "answer.created" if is_new else "answer.updated",
        actor=actor,
        target=answer,
        petition=assignment.petition.code,
        department=assignment.department_id,
        method=method,
    )
    if assignment.status != AssignmentStatus.RESOLVED:
        assignment.status = (
            AssignmentStatus.FORWARDED if method == AnswerMethod.FORWARDED else AssignmentStatus.ANSWERED
        )
    assignment.answered_at = assignment.answered_at or timezone.now()
    assignment._history_user = actor
    assignment.save()
    for upload, kind_and_type in checked:
        _store_attachment(
            petition=assignment.petition, upload=upload, checked=kind_and_type, actor=actor, answer=answer
        )
    _follow_assignments(assignment.petition, actor)
    _queue("notify_answer" if is_new else "notify_answer_corrected", answer.pk)
    return answer


@transaction.atomic
def answer_assignments(
    *,
    assignments: Iterable[Assignment],
    actor,
    text: str,
    method: str,
    forwarded_authority: str = "",
    resolve_by: date | None = None,
) -> list[Answer]:
    """Answer several assignments on one matter with the same text, all or none.

    Each assignment gets its own answer, audit row and notification (as ``answer_assignment``); the first
    refusal names its petition and nothing is saved.
    """
    answers = []
    for assignment in assignments:
        try:
            answers.append(
                answer_assignment(
                    assignment=assignment,
                    actor=actor,
                    text=text,
                    method=method,
                    forwarded_authority=forwarded_authority,
                    resolve_by=resolve_by,
                )
            )
        except (ValidationError, PermissionDenied) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            raise ValidationError(
                _("%(code)s: %(message)s Nothing was changed.") % {"code": assignment.petition.code, "message": message}
            ) from error
    if not answers:
        raise ValidationError(_("Select at least one petition waiting for your answer."))
    return answers


@transaction.atomic
def mark_assignment(*, assignment: Assignment, actor, status: str, authority: str = "") -> Assignment:
    """Mark one department's part forwarded to a competent authority, or resolved.

    Side effects: history row; the petition's status follows its assignments.
    """
    assignment = Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)
    if not _may_answer(actor, assignment):
        raise PermissionDenied(_("Only the assigned department or province staff may do this."))
    if status not in (AssignmentStatus.FORWARDED, AssignmentStatus.RESOLVED):
        raise ValueError(status)
    workflow.ASSIGNMENT.check(assignment.status, status, policy.assignment_roles(actor, assignment))
    if assignment.petition.status in workflow.FINAL:
        raise ValidationError(_("This petition is closed; its answers can no longer change."))
    if status == AssignmentStatus.FORWARDED:
        answer = Answer.objects.filter(assignment=assignment).first()
        authority = nfc(authority) or (answer.forwarded_authority if answer else "")
        if not authority:
            raise ValidationError(_("Write the answer naming the competent authority first."))
        if answer and not answer.forwarded_authority:
            answer.forwarded_authority = authority
            answer._history_user = actor
            answer.save()
    assignment.status = status
    assignment.answered_at = assignment.answered_at or timezone.now()
    assignment._history_user = actor
    assignment.save()
    _audit("assignment.marked", actor=actor, target=assignment, petition=assignment.petition.code, status=status)
    _follow_assignments(assignment.petition, actor)
    return assignment


# --- staff tools ------------------------------------------------------------------------------------


@transaction.atomic
def link_to_session(*, petition: Petition, session, actor, expected_version: int | None = None) -> Petition:
    """Raise the petition at a dialogue session (or unlink with ``session=None``). Side effects: version +1, history."""
    _require("route", actor)
    petition = _locked(petition)
    _check_version(petition, expected_version)
    if session is not None:
        from dialogues.models import DialogueSession

        if not DialogueSession.objects.visible_to(actor).filter(pk=session.pk).exists():
            raise ValidationError(_("Choose a dialogue session you can see."))
    petition.session = session
    _save(petition, actor)
    _audit("petition.session_linked", actor=actor, target=petition, session=session.pk if session else None)
    return petition


@transaction.atomic
def merge_petitions(*, duplicate: Petition, keep: Petition, actor, note: str = "") -> Petition:
    """Merge ``duplicate`` into ``keep``.

    Side effects: the kept petition gains the duplicate's supporters, topics and attachments (its
    timeline shows the duplicate's history); the duplicate becomes "merged" and points to it.
    """
    _require("merge", actor)
    if duplicate.pk == keep.pk:
        raise ValidationError(_("A petition cannot be merged into itself."))
    keep = _locked(keep)
    if keep.status in workflow.FINAL or keep.is_archived:
        raise ValidationError(_("The petition to keep is closed; choose an open one."))
    duplicate = transition(
        petition=duplicate,
        to_status=PetitionStatus.MERGED,
        actor=actor,
        note=note or _("Merged into %(code)s") % {"code": keep.code},
        merged_into=keep,
    )
    keep.supporters_count += duplicate.supporters_count
    if keep.session_id is None:
        keep.session_id = duplicate.session_id
    _save(keep, actor, reason=f"merge {duplicate.code}")
    _audit("petition.merged", actor=actor, target=keep, duplicate=duplicate.code)
    keep.topics.add(*duplicate.topics.all())
    Attachment.objects.filter(petition=duplicate).update(petition=keep)
    pagecache.petitions_changed(duplicate.pk, keep.pk)  # a queryset update sends no signal
    PetitionStatusChange.objects.create(
        petition=keep,
        from_status=keep.status,
        to_status=keep.status,
        actor=actor,
        note=_("%(code)s merged into this petition (%(count)s members).")
        % {"code": duplicate.code, "count": duplicate.supporters_count},
    )
    return keep


@transaction.atomic
def bulk_transition(*, petitions: Iterable[Petition], to_status: str, actor, note: str = "") -> int:
    """Move several petitions at once; all or none (the first refusal names the petition)."""
    count = 0
    for petition in petitions:
        try:
            transition(petition=petition, to_status=to_status, actor=actor, note=note)
        except (ValidationError, PermissionDenied) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            raise ValidationError(
                _("%(code)s: %(message)s Nothing was changed.") % {"code": petition.code, "message": message}
            ) from error
        count += 1
    return count


@transaction.atomic
def archive_petition(*, petition: Petition, actor, archived: bool = True) -> Petition:
    """Archive (or restore) a petition: hidden from lists, never deleted. Side effects: version +1, history."""
    petition = _locked(petition)
    roles = workflow.roles_of(actor, petition)
    if not (workflow.STAFF in roles or (workflow.LEADER in roles and petition.status == PetitionStatus.DRAFT)):
        raise PermissionDenied(_("You may not archive this petition."))
    petition.is_archived = archived
    _save(petition, actor)
    _audit("petition.archived" if archived else "petition.restored", actor=actor, target=petition)
    return petition


# --- attachments -------------------------------------------------------------------------------------


def _store_attachment(*, petition, upload, checked, actor, answer=None) -> Attachment:
    extension, content_type = checked
    attachment = Attachment(
        petition=petition,
        answer=answer,
        original_name=nfc(upload.name)[:255] or generated_name(extension),
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    upload.seek(0)
    attachment.file.save(generated_name(extension), upload, save=False)
    attachment.save()
    _audit("petition.attachment_added", actor=actor, target=petition, attachment=attachment.pk, size=attachment.size)
    return attachment


@transaction.atomic
def add_attachment(*, petition: Petition, upload, actor) -> Attachment:
    """Attach a checked file (pdf, docx, xlsx, jpg, png; ≤ 10 MB) under a generated name."""
    roles = workflow.roles_of(actor, petition)
    if not roles & {workflow.STAFF, workflow.LEADER}:
        raise PermissionDenied(_("You may not add files to this petition."))
    return _store_attachment(petition=petition, upload=upload, checked=check_upload(upload), actor=actor)


# --- reminders -----------------------------------------------------------------------------------------


def remind_overdue(*, today: date | None = None) -> int:
    """E-mail each department its overdue assignments, and staff the whole list. Returns mails queued."""
    from .notifications import send_overdue_reminders

    return send_overdue_reminders(today=today or timezone.localdate())


# --- publishing on the public outcomes page ---------------------------------------------------------

PUBLISHABLE = (PetitionStatus.ANSWERED, PetitionStatus.RESOLVED, PetitionStatus.CLOSED)


def publish_problem(petition: Petition) -> str | None:
    """Why ``petition``'s answer cannot be published now, in the user's language (None: it can)."""
    if petition.status not in PUBLISHABLE:
        return _("Only an answered, resolved or closed petition can be published; this one is “%(status)s”.") % {
            "status": petition.get_status_display()
        }
    if not Answer.objects.filter(assignment__petition=petition).exists():
        return _("This petition has no answer to publish yet.")
    if petition.is_archived:
        return _("An archived petition is not shown on the public page; restore it first.")
    return None


def _set_published(*, actor, petition: Petition, published: bool) -> Petition:
    from dialogue_portal import policy

    if not policy.may_publish(actor):
        raise PermissionDenied(_("Only province staff may publish on the public page."))
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        problem = publish_problem(petition) if published else None
        if problem:
            raise ValidationError(problem)
        if petition.is_published == published:
            return petition  # nothing changes, nothing to record
        # Not a version bump: publishing changes nothing an open edit form holds.
        petition.is_published = published
        petition._history_user = actor
        petition.save(update_fields=["is_published", "updated_at"])
        _audit("petition.published" if published else "petition.withdrawn", actor=actor, target=petition)
    return petition


def publish_answer(actor, petition: Petition) -> Petition:
    """Show a petition and its departments' answers on the public outcomes page (never the petitioner).

    Side effects: is_published set, an audit row. Raises PermissionDenied unless ``policy.may_publish(actor)``;
    ValidationError unless the petition is answered, resolved or closed, has an answer and is not archived.
    """
    return _set_published(actor=actor, petition=petition, published=True)


def withdraw_answer(actor, petition: Petition) -> Petition:
    """Take a petition off the public outcomes page. Side effects and checks as ``publish_answer``."""
    return _set_published(actor=actor, petition=petition, published=False)
