"""Reads for reports: the session summary, the period report and the dashboard, all through ``visible_to``.

Dashboard figures are cached under a version stamp that any change to a petition, assignment, answer or
session bumps (see signals.py), so a cached figure is never older than the data behind it.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.datastamp import stats_version
from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory
from dialogues.models import DialogueSession, Invitation, ParticipantAttendance, SessionStatus
from petitions import workflow as petition_workflow
from petitions.models import Answer, AnswerMethod, Assignment, AssignmentStatus, Petition, PetitionStatus

from .models import ExportJob, Transmittal

CACHE_SECONDS = 15 * 60
HELD = (SessionStatus.HELD, SessionStatus.SUMMARY_SENT)
# Settled petitions: the workflow's final statuses, and "resolved" (its only move left is to "closed").
# Every other status — unrouted ones included — still waits for the union or a department.
CLOSED_STATUSES = (*sorted(petition_workflow.FINAL), PetitionStatus.RESOLVED)


def jobs_for(user, limit: int = 20):
    return ExportJob.objects.visible_to(user).select_related("requested_by")[:limit]


def transmittals_visible_to(user):
    return Transmittal.objects.visible_to(user).select_related("session", "sent_by")


def transmittals_for_session(*, session, user):
    """The summaries of ``session`` sent to the committees, newest first (none for anyone but province staff);
    ``session`` is the one given, not joined again."""
    rows = list(Transmittal.objects.visible_to(user).filter(session=session).select_related("sent_by"))
    for row in rows:
        row.session = session
    return rows


# --- the session summary -------------------------------------------------------------------------------


def primary_topic_name():
    """The petition's first topic (by the topics' own order), to group each petition once."""
    through = Petition.topics.through.objects.filter(petition_id=OuterRef("pk")).order_by(
        "topiccategory__sort_order", "topiccategory__name"
    )
    return Subquery(through.values("topiccategory__name")[:1])


def _answer_of(assignment):
    try:
        return assignment.answer
    except Answer.DoesNotExist:
        return None


@dataclass
class SummaryData:
    """What the session summary states. Every figure says what it counts: petitions or answers, never both."""

    session: DialogueSession
    invitations: list
    attendance: list
    total_participants: int
    petition_count: int
    topic_counts: list  # (topic name, petitions): one per petition-topic pair
    petition_figures: list  # (label, petitions), each petition counted once per line
    department_figures: list  # DepartmentRow per department the session's petitions were sent to
    answer_figures: list  # (label, answers) by how the department answered
    open_count: int
    unrouted_count: int
    number: int | None = None
    date: datetime.date = field(default_factory=timezone.localdate)


def summary_petitions(*, session, viewer):
    """The session's petitions ``viewer`` may see, each once under its first topic, with answers loaded."""
    return (
        Petition.objects.visible_to(viewer)
        .filter(session=session)
        .exclude(status__in=(PetitionStatus.DRAFT, PetitionStatus.MERGED))
        .annotate(primary_topic=primary_topic_name())
        .select_related("unit")
        .prefetch_related(
            "topics",
            Prefetch("assignments", queryset=Assignment.objects.select_related("department", "answer").order_by("pk")),
        )
        .order_by(F("primary_topic").asc(nulls_last=True), "year", "number")
    )


def open_petitions(petitions):
    """Petitions not yet settled — unrouted ones included: nothing is "answered" while one of these exists."""
    return petitions.exclude(status__in=CLOSED_STATUSES)


def topic_counts(petitions) -> list[tuple[str, int]]:
    """(topic, petitions) per petition-topic pair, most first; petitions without a topic under "Other matters"."""
    ids = petitions.values("pk")
    pairs = (
        TopicCategory.objects.filter(petition__in=ids)
        .annotate(count=Count("petition"))
        .order_by("-count", "sort_order", "name")
        .values_list("name", "count")
    )
    counts = list(pairs)
    untopical = petitions.filter(topics__isnull=True).count()
    if untopical:
        counts.append((str(_("Other matters")), untopical))
    return counts


def session_summary(*, session, viewer) -> SummaryData:
    """Everything the summary says except the per-petition rows (streamed from ``summary_rows``, ``open_rows``)."""
    invitations = list(
        Invitation.objects.filter(session=session).select_related("department").order_by("department__sort_order")
    )
    attendance = list(ParticipantAttendance.objects.filter(session=session).select_related("group"))
    petitions = (
        Petition.objects.visible_to(viewer)
        .filter(session=session)
        .exclude(status__in=(PetitionStatus.DRAFT, PetitionStatus.MERGED))
    )
    ids = petitions.values("pk")
    assignments = Assignment.objects.filter(petition__in=ids)
    methods = Counter(Answer.objects.filter(assignment__in=assignments).values_list("method", flat=True))
    petition_count = petitions.count()
    routed = petitions.filter(assignments__isnull=False).distinct().count()
    waiting = assignments.filter(status=AssignmentStatus.PENDING).values("petition_id")
    fully_answered = petitions.filter(assignments__isnull=False).exclude(pk__in=waiting).distinct().count()
    open_count = open_petitions(petitions).count()
    petition_figures = [
        (_("Opinions and recommendations received"), petition_count),
        (_("Sent to at least one department"), routed),
        (_("Not sent to any department yet"), petition_count - routed),
        (_("Answered by every department they were sent to"), fully_answered),
        (_("Still open (not yet settled)"), open_count),
        (_("Settled (resolved, closed or declined)"), petition_count - open_count),
    ]
    answer_figures = [(label, methods[value]) for value, label in AnswerMethod.choices]
    return SummaryData(
        session=session,
        invitations=invitations,
        attendance=attendance,
        total_participants=sum(row.actual or 0 for row in attendance),
        petition_count=petition_count,
        topic_counts=topic_counts(petitions),
        petition_figures=petition_figures,
        department_figures=department_rows(assignments),
        answer_figures=answer_figures,
        open_count=open_count,
        unrouted_count=petition_count - routed,
    )


def _what_remains(petition) -> tuple[str, str]:
    """(departments, what remains) for an open petition, one line per department."""
    departments, remains = [], []
    for assignment in petition.assignments.all():
        answer = _answer_of(assignment)
        departments.append(assignment.department.name)
        if assignment.status == AssignmentStatus.PENDING or answer is None:
            due = assignment.due_date.strftime("%d/%m/%Y") if assignment.due_date else "–"
            remains.append(str(_("waiting for the department's answer (due %s)") % due))
        elif answer.method == AnswerMethod.FORWARDED:
            remains.append(str(_("forwarded to %s") % (answer.forwarded_authority or "…")))
        elif answer.method == AnswerMethod.WILL_RESOLVE:
            when = answer.resolve_by.strftime("%d/%m/%Y") if answer.resolve_by else "…"
            remains.append(str(_("to be resolved by %s") % when))
        else:
            remains.append(str(_("answered; not yet settled")))
    if not departments:
        departments.append("–")
        if petition.forwarded_authority:
            remains.append(str(_("forwarded to %s") % petition.forwarded_authority))
        else:
            remains.append(str(_("not yet sent to any department")))
    return "\n".join(departments), "\n".join(remains)


def open_rows(*, session, viewer):
    """[no., code, title, departments, what remains] for each open petition, in the summary's order."""
    petitions = open_petitions(summary_petitions(session=session, viewer=viewer)).iterator(chunk_size=2000)
    for position, petition in enumerate(petitions, start=1):
        departments, remains = _what_remains(petition)
        yield [str(position), petition.code, petition.title, departments, remains]


def summary_rows(*, session, viewer):
    """("group", topic) before each topic's petitions, then ("row", [no., code, content, unit, answers, status]).

    Each petition is listed once, under its first topic; its other topics are named in its content cell.
    """
    current = object()
    petitions = summary_petitions(session=session, viewer=viewer).iterator(chunk_size=2000)
    for position, petition in enumerate(petitions, start=1):
        if petition.primary_topic != current:
            current = petition.primary_topic
            yield "group", current or str(_("Other matters"))
        answers = []
        for assignment in petition.assignments.all():
            answer = _answer_of(assignment)
            text = answer.text if answer else str(_("(not answered yet)"))
            answers.append(f"{assignment.department.name}: {text}")
        content = petition.title if petition.title == petition.content else f"{petition.title}\n{petition.content}"
        others = [topic.name for topic in petition.topics.all() if topic.name != petition.primary_topic]
        if others:
            content += "\n" + str(_("Also about: %s") % ", ".join(others))
        yield (
            "row",
            [
                str(position),
                petition.code,
                content,
                petition.unit.name,
                "\n".join(answers) or str(_("not yet sent to any department")),
                petition.get_status_display(),
            ],
        )


# --- the period report ----------------------------------------------------------------------------------


def period_bounds(year: int, quarter: int | None) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of a year or a quarter, in local time."""
    first_month = 1 if not quarter else 3 * (quarter - 1) + 1
    start = datetime.datetime(year, first_month, 1)
    end = (
        datetime.datetime(year + 1, 1, 1)
        if not quarter or quarter == 4
        else datetime.datetime(year, first_month + 3, 1)
    )
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def period_petitions(*, viewer, unit, year, quarter):
    start, end = period_bounds(year, quarter)
    petitions = Petition.objects.visible_to(viewer).filter(submitted_at__gte=start, submitted_at__lt=end)
    if unit is not None:
        petitions = petitions.filter(unit__path__startswith=unit.path)
    return petitions


@dataclass
class DepartmentRow:
    department: Department
    assigned: int
    answered: int
    overdue: int
    median_days: float | None

    @property
    def pending(self) -> int:
        """Petitions sent to the department that still wait for its answer."""
        return self.assigned - self.answered

    @property
    def answer_rate(self) -> float:
        return round(100 * self.answered / self.assigned, 1) if self.assigned else 0.0


def department_rows(assignments) -> list[DepartmentRow]:
    """Per department: assigned, answered, overdue, answer rate and the median days from assignment to answer."""
    today = timezone.localdate()
    durations = defaultdict(list)
    for department_id, assigned_at, answered_at in assignments.filter(answered_at__isnull=False).values_list(
        "department_id", "assigned_at", "answered_at"
    ):
        durations[department_id].append((answered_at - assigned_at).total_seconds() / 86400)
    counts = assignments.values("department_id").annotate(
        assigned=Count("pk"),
        answered=Count("pk", filter=~Q(status=AssignmentStatus.PENDING)),
        overdue=Count("pk", filter=Q(status=AssignmentStatus.PENDING, due_date__lt=today)),
    )
    departments = Department.objects.in_bulk([row["department_id"] for row in counts])
    rows = [
        DepartmentRow(
            department=departments[row["department_id"]],
            assigned=row["assigned"],
            answered=row["answered"],
            overdue=row["overdue"],
            median_days=round(statistics.median(durations[row["department_id"]]), 1)
            if durations[row["department_id"]]
            else None,
        )
        for row in counts
    ]
    return sorted(rows, key=lambda r: (r.department.sort_order, r.department.name))


@dataclass
class PeriodData:
    unit: OrgUnit | None
    year: int
    quarter: int | None
    sessions: list
    petition_count: int
    by_topic: list
    by_status: list
    by_department: list
    overdue_count: int


def period_sessions(*, viewer, unit, year, quarter):
    """Dialogues held in the period, hosted in the unit's subtree."""
    start, end = period_bounds(year, quarter)
    sessions = DialogueSession.objects.visible_to(viewer).filter(
        starts_at__gte=start, starts_at__lt=end, status__in=HELD
    )
    if unit is not None:
        sessions = sessions.filter(host_unit__path__startswith=unit.path)
    return sessions


def period_report(*, viewer, unit, year: int, quarter: int | None) -> PeriodData:
    sessions = period_sessions(viewer=viewer, unit=unit, year=year, quarter=quarter)
    petitions = period_petitions(viewer=viewer, unit=unit, year=year, quarter=quarter)
    status_counts = dict(petitions.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    assignments = Assignment.objects.filter(petition__in=petitions.values("pk"))
    departments = department_rows(assignments)
    return PeriodData(
        unit=unit,
        year=year,
        quarter=quarter,
        sessions=list(sessions.select_related("host_unit").order_by("starts_at")),
        petition_count=petitions.count(),
        by_topic=topic_counts(petitions),
        by_status=[(label, status_counts[value]) for value, label in PetitionStatus.choices if value in status_counts],
        by_department=departments,
        overdue_count=sum(row.overdue for row in departments),
    )


def overdue_rows(*, viewer, unit, year, quarter):
    """("row", [no., code, title, unit, department, due date, days late]) for each overdue assignment."""
    today = timezone.localdate()
    petitions = period_petitions(viewer=viewer, unit=unit, year=year, quarter=quarter)
    late = (
        Assignment.objects.filter(
            petition__in=petitions.values("pk"), status=AssignmentStatus.PENDING, due_date__lt=today
        )
        .select_related("petition__unit", "department")
        .order_by("due_date", "pk")
    )
    for position, assignment in enumerate(late.iterator(chunk_size=2000), start=1):
        petition = assignment.petition
        yield (
            "row",
            [
                position,
                petition.code,
                petition.title,
                petition.unit.name,
                assignment.department.name,
                assignment.due_date.strftime("%d/%m/%Y"),
                (today - assignment.due_date).days,
            ],
        )


# --- the dashboard --------------------------------------------------------------------------------------


def dashboard_units(user):
    """Units the user may pick on the dashboard: all for staff, their subtree for a unit leader."""
    if not policy.may_view_dashboard(user):
        return OrgUnit.objects.none()
    return OrgUnit.objects.visible_to(user)


def dashboard_key(*, user, year: int, unit=None, structure: str = "current") -> str:
    """The cache key of the dashboard's figures for ``user``'s visibility, unit, structure, year, day and
    language (the figures hold translated status labels), under the statistics version stamp."""
    from .scope import scope_of

    scope = scope_of(user)
    return "reports:dash:{}:{}:{}:{}:{}:{}:{}:{}:{}".format(
        stats_version(),
        translation.get_language(),
        scope.get("kind"),
        scope.get("unit_path") or scope.get("department_id") or "",
        ",".join(scope.get("history_paths") or ()),
        unit.pk if unit else "",
        structure,
        year,
        timezone.localdate().isoformat(),
    )


def dashboard(*, user, year: int, unit=None, structure: str = "current") -> dict:
    """The dashboard's figures for ``user`` (their visibility), one year, optionally one unit's subtree.

    ``structure="current"`` counts work under today's units and departments (a merged unit's or a
    dissolved department's history rolled up to its successor); ``"as_at"`` under those of the time.
    Cached under ``dashboard_key``.
    """
    key = dashboard_key(user=user, year=year, unit=unit, structure=structure)
    figures = cache.get(key)
    if figures is None:
        figures = _dashboard_figures(user=user, year=year, unit=unit, structure=structure)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def _unit_with_history(field: str, unit) -> Q:
    """Rows under ``unit``'s subtree or under former units merged into it."""
    condition = Q(**{f"{field}__path__startswith": unit.path})
    for path in policy.history_paths_of(unit.path):
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


def _rolled_up_departments(rows) -> list[tuple]:
    """Department rows of dissolved departments added to the successor that took their open work."""
    merged: dict[int, list] = {}
    for row in rows:
        department = row.department
        seen = {department.pk}
        while not department.is_active:
            succession = department.successions_out.filter(receives_open_work=True).select_related("successor").first()
            if succession is None or succession.successor_id in seen:
                break
            department = succession.successor
            seen.add(department.pk)
        entry = merged.setdefault(department.pk, [department, 0, 0, 0])
        entry[1] += row.assigned
        entry[2] += row.answered
        entry[3] += row.overdue
    result = []
    for department, assigned, answered, overdue in merged.values():
        rate = round(100 * answered / assigned, 1) if assigned else 0.0
        result.append((department.pk, department.name, assigned, answered, rate, overdue))
    return sorted(result, key=lambda r: (-r[2], r[1]))


def _rolled_up_units(per_unit) -> list[tuple]:
    """(unit id, name, year, n) with a merged unit's sessions counted under its live successor."""
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={row[0] for row in per_unit}, successor__isnull=False)}
    totals: dict[tuple, list] = {}
    for unit_id, name, year, n in per_unit:
        if unit_id in units:
            live = units[unit_id].current()
            unit_id, name = live.pk, live.name
        totals.setdefault((unit_id, year), [unit_id, name, year, 0])[3] += n
    return [tuple(row) for row in totals.values()]


def _dashboard_figures(*, user, year, unit, structure="current") -> dict:
    if structure == "current" and unit is not None:
        start, end = period_bounds(year, None)
        petitions = Petition.objects.visible_to(user).filter(
            _unit_with_history("unit", unit), submitted_at__gte=start, submitted_at__lt=end
        )
    else:
        petitions = period_petitions(viewer=user, unit=unit, year=year, quarter=None)
    # Every figure links to the petition or session list, which leaves archived records out: so does the dashboard.
    petitions = petitions.filter(is_archived=False)
    ids = petitions.values("pk")
    topics = list(
        TopicCategory.objects.filter(petition__in=ids)
        .annotate(count=Count("petition"))
        .order_by("-count", "sort_order")
        .values_list("pk", "name", "count")
    )
    status_counts = dict(petitions.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    statuses = [
        (value, str(label), status_counts[value]) for value, label in PetitionStatus.choices if value in status_counts
    ]
    rows = department_rows(Assignment.objects.filter(petition__in=ids))
    if structure == "current":
        departments = _rolled_up_departments(rows)
    else:
        departments = [
            (row.department.pk, row.department.name, row.assigned, row.answered, row.answer_rate, row.overdue)
            for row in rows
        ]
    zone = timezone.get_current_timezone()
    months = dict(
        petitions.annotate(month=ExtractMonth("submitted_at", tzinfo=zone))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    sessions = DialogueSession.objects.visible_to(user).filter(status__in=HELD, is_archived=False)
    if unit is not None:
        sessions = sessions.filter(
            _unit_with_history("host_unit", unit)
            if structure == "current"
            else Q(host_unit__path__startswith=unit.path)
        )
    per_unit = list(
        sessions.annotate(year=ExtractYear("starts_at", tzinfo=zone))
        .values_list("host_unit_id", "host_unit__name", "year")
        .annotate(n=Count("pk"))
        .order_by("host_unit__path", "year")
    )
    if structure == "current":
        per_unit = _rolled_up_units(per_unit)
    return {
        "total": petitions.count(),
        "topics": topics,
        "statuses": statuses,
        "departments": departments,
        "months": [(month, months.get(month, 0)) for month in range(1, 13)],
        "sessions_per_unit": per_unit,
    }
