"""Reads for dialogue sessions: permission-aware querysets, statistics and home cards."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal import policy

from . import minutes as facts
from .models import (
    Addressee,
    AgendaItem,
    DialogueSession,
    FollowUp,
    Invitation,
    InvitationState,
    ParticipantAttendance,
    Recommendation,
    SessionOpinion,
    SessionStatus,
    SessionStatusChange,
)

HELD_STATES = (SessionStatus.HELD, SessionStatus.SUMMARY_SENT)


def sessions_visible_to(user, *, include_archived: bool = False):
    """Sessions ``user`` may see, with the host unit joined (one query per page of rows)."""
    qs = DialogueSession.objects.visible_to(user).select_related("host_unit")
    if not include_archived:
        qs = qs.filter(is_archived=False)
    return qs


def sessions_between(user, start, end):
    """Visible, unarchived sessions overlapping [start, end), in time order: calendars and feeds."""
    return sessions_visible_to(user).filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at", "pk")


def upcoming_sessions(user, *, now=None):
    """Visible sessions not yet over and not cancelled, soonest first, with their agenda."""
    now = now or timezone.now()
    return (
        sessions_visible_to(user)
        .filter(ends_at__gte=now)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter_department")),
        )
    )


def session_for_page(user, pk: int) -> DialogueSession:
    """One visible session with its host unit; DoesNotExist when out of scope (every request's access check)."""
    return DialogueSession.objects.visible_to(user).select_related("host_unit").get(pk=pk)


def load_session_parts(session: DialogueSession) -> DialogueSession:
    """Read the rows ``session``'s page shows (topics, agenda, invitations, attendance, status history)."""
    prefetch_related_objects(
        [session],
        "topics",
        # The models' orderings start with "session", which joins the session table again only to sort
        # rows that all share one session: each is ordered here by the rest of its own ordering.
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("presenter_department").order_by("position", "pk"),
        ),
        Prefetch(
            "invitations",
            queryset=Invitation.objects.select_related("department").order_by("department__sort_order"),
        ),
        Prefetch(
            "attendance",
            queryset=ParticipantAttendance.objects.select_related("group").order_by("group__sort_order"),
        ),
        Prefetch("status_changes", queryset=SessionStatusChange.objects.select_related("actor")),
    )
    return session


def invitations_visible_to(user):
    """Invitations ``user`` may see: staff all, branch leaders their subtree's, representatives their department's."""
    return Invitation.objects.visible_to(user).select_related("session__host_unit", "department")


def held_per_unit_per_year(user):
    """Rows (unit name, level, year, count) of sessions held, for the statistics page."""
    return (
        sessions_visible_to(user)
        .filter(status__in=HELD_STATES)
        .annotate(year=ExtractYear("starts_at"))
        .values("host_unit__name", "host_unit__level", "host_unit__path", "year")
        .annotate(count=Count("pk"))
        .order_by("-year", "host_unit__path")
    )


def department_attendance(user):
    """Per department: invitations to held sessions, how many recorded, attended; and the rate."""
    held = sessions_visible_to(user).filter(status__in=HELD_STATES).values("pk")
    rows = (
        Invitation.objects.filter(session__in=held)
        .values("department__name", "department__sort_order")
        .annotate(
            invited=Count("pk"),
            recorded=Count("pk", filter=Q(attended__isnull=False)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .order_by("department__sort_order", "department__name")
    )
    result = []
    for row in rows:
        row["rate"] = round(100 * row["attended"] / row["recorded"]) if row["recorded"] else None
        result.append(row)
    return result


def home_cards(user) -> list[dict]:
    """What this app asks of ``user`` next, as home-page cards."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    visible = sessions_visible_to(user)
    cards = []
    soon = visible.filter(starts_at__gte=now, starts_at__lt=now + timedelta(days=30)).exclude(
        status=SessionStatus.CANCELLED
    )
    cards.append(
        {
            "title": _("Dialogues in the next 30 days"),
            "value": soon.count(),
            "note": _("Planned and invited sessions you can see."),
            "url": reverse("dialogues:agenda"),
            "link_text": _("Open the agenda"),
            "level": "info",
        }
    )
    if not policy.may_plan(user) and policy.may_use_admin(user):
        pending = invitations_visible_to(user).filter(state="pending", session__starts_at__gte=now).count()
        cards.append(
            {
                "title": _("Invitations waiting for your reply"),
                "value": pending,
                "note": _("Confirm, decline or name who attends."),
                "url": reverse("admin:dialogues_invitation_changelist"),
                "link_text": _("Reply in the admin panel"),
                "level": "warning" if pending else "info",
            }
        )
    elif policy.may_plan(user):
        undone = visible.filter(status=SessionStatus.INVITATIONS_SENT, ends_at__lt=now).count()
        if undone:
            cards.append(
                {
                    "title": _("Sessions to close"),
                    "value": undone,
                    "note": _("Over, but not yet marked as held: record attendance and minutes."),
                    "url": reverse("dialogues:list") + "?status=invitations_sent",
                    "link_text": _("Open the list"),
                    "level": "warning",
                }
            )
    return cards


# --- the minutes (biên bản) and the recommendations ---------------------------------------------------


def recommendations_visible_to(user):
    return Recommendation.objects.visible_to(user).select_related("department", "session")


def session_recommendations(user, session: DialogueSession) -> list:
    """The recommendations of ``session`` that ``user`` may see, for its page: the session is the one already
    read, not joined again with every column of its own."""
    rows = list(
        Recommendation.objects.visible_to(user)
        .filter(session=session)
        .select_related("department")
        .order_by("created_at", "pk")  # the model's ordering, less its leading "session" (a join)
    )
    for rec in rows:
        rec.session = session
    return rows


def _recommendation_fact(number: int, rec: Recommendation) -> facts.RecommendationFact:
    return facts.RecommendationFact(
        number=number,
        text=rec.text,
        addressed_to=rec.addressed_to,
        addressee=rec.addressee_label,
        department=rec.department.name if rec.department_id else "",
        follow_up=rec.follow_up,
        follow_up_label=str(FollowUp(rec.follow_up).label),
        follow_up_on=rec.follow_up_on,
        response_note=rec.response_note,
        is_published=rec.is_published,
    )


def recommendations_for_session(session, viewer) -> list[facts.RecommendationFact]:
    """The recommendations raised at ``session``, numbered in the order entered, as ``viewer`` may see them.

    For the summary's "Đề xuất, kiến nghị" section and the minutes; empty when the session is out of scope.
    """
    rows = (
        Recommendation.objects.visible_to(viewer)
        .filter(session=session)
        .select_related("department")
        .order_by("created_at", "pk")
    )
    return [_recommendation_fact(number, rec) for number, rec in enumerate(rows, start=1)]


@dataclass
class AddresseeCount:
    addressed_to: str  # Addressee value
    addressee: str  # "Tỉnh ủy", "UBND tỉnh" or the department's name
    counts: dict[str, int]  # FollowUp value -> number of recommendations
    total: int


@dataclass
class RecommendationCounts:
    """Recommendations (each one counted once) of the sessions in a period, by addressee and follow-up status."""

    total: int = 0
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (FollowUp value, label): the columns
    rows: list[AddresseeCount] = field(default_factory=list)  # one per addressee with at least one

    @property
    def by_status(self) -> list[tuple[str, int]]:
        return [(label, sum(row.counts[value] for row in self.rows)) for value, label in self.statuses]

    @property
    def by_addressee(self) -> list[tuple[str, int]]:
        return [(row.addressee, row.total) for row in self.rows]


def recommendation_counts(*, viewer, start, end, unit=None) -> RecommendationCounts:
    """Count the recommendations of sessions starting in [start, end) (cancelled ones excluded), hosted in
    ``unit``'s subtree when given, that ``viewer`` may see: per addressee (Tỉnh ủy, UBND tỉnh, then each
    department) and per follow-up status. ``reports.selectors.period_bounds(year, quarter)`` gives the bounds.
    """
    sessions = DialogueSession.objects.visible_to(viewer).filter(starts_at__gte=start, starts_at__lt=end)
    sessions = sessions.exclude(status=SessionStatus.CANCELLED)
    if unit is not None:
        sessions = sessions.filter(host_unit__path__startswith=unit.path)
    grouped = (
        Recommendation.objects.filter(session__in=sessions.values("pk"))
        .values("addressed_to", "department_id", "department__name", "department__sort_order", "follow_up")
        .annotate(n=Count("pk"))
    )
    statuses = [(value, str(label)) for value, label in FollowUp.choices]
    rows: dict[tuple, AddresseeCount] = {}
    order = {Addressee.PARTY_COMMITTEE: 0, Addressee.PEOPLES_COMMITTEE: 1, Addressee.DEPARTMENT: 2}
    keys = {}
    for row in grouped:
        key = (row["addressed_to"], row["department_id"])
        if key not in rows:
            label = row["department__name"] if row["department_id"] else str(Addressee(row["addressed_to"]).label)
            rows[key] = AddresseeCount(row["addressed_to"], label, dict.fromkeys(FollowUp.values, 0), 0)
            keys[key] = (order[row["addressed_to"]], row["department__sort_order"] or 0, label)
        rows[key].counts[row["follow_up"]] += row["n"]
        rows[key].total += row["n"]
    ordered = [rows[key] for key in sorted(rows, key=keys.get)]
    return RecommendationCounts(total=sum(r.total for r in ordered), statuses=statuses, rows=ordered)


def _presence(invitation: Invitation) -> str:
    if invitation.attended is True:
        return facts.DELEGATED if invitation.state == InvitationState.DELEGATED else facts.ATTENDED
    if invitation.attended is False or invitation.state == InvitationState.DECLINED:
        return facts.ABSENT
    return facts.NOT_RECORDED


def _presence_labels() -> dict[str, str]:
    return {
        facts.ATTENDED: _("Attended"),
        facts.DELEGATED: _("Delegated"),
        facts.ABSENT: _("Absent"),
        facts.NOT_RECORDED: _("Not recorded"),
    }


def session_opinions(session):
    """The opinions raised orally at ``session``, in the order entered (its page and the minutes)."""
    return SessionOpinion.objects.filter(session=session).select_related("answered_by").order_by("position", "pk")


def minutes_facts(session, viewer) -> facts.MinutesFacts:
    """Everything the minutes (biên bản hội nghị đối thoại) of ``session`` state, as ``viewer`` may see it.

    Raises DialogueSession.DoesNotExist when the session is outside the viewer's scope. The petitions part
    comes from the providers other apps register (dialogues/minutes.py), each filtered by the viewer's scope.
    """
    session = (
        DialogueSession.objects.visible_to(viewer)
        .select_related("host_unit")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter_department")),
            Prefetch("invitations", queryset=Invitation.objects.select_related("department")),
            Prefetch("attendance", queryset=ParticipantAttendance.objects.select_related("group")),
        )
        .get(pk=getattr(session, "pk", session))
    )
    labels = _presence_labels()
    departments = []
    for invitation in session.invitations.all():
        presence = _presence(invitation)
        departments.append(
            facts.DepartmentLine(
                department=invitation.department.name,
                presence=presence,
                presence_label=labels[presence],
                representative_name=invitation.representative_name,
                representative_title=invitation.representative_title,
                delegate_name=invitation.delegate_name if presence == facts.DELEGATED else "",
            )
        )
    groups = [facts.GroupLine(row.group.name, row.expected, row.actual) for row in session.attendance.all()]
    agenda = [
        facts.AgendaLine(
            position=number,
            title=item.title,
            presenter_department=item.presenter_department.name if item.presenter_department_id else "",
            presenter_name=item.presenter_name,
            planned_minutes=item.planned_minutes,
        )
        for number, item in enumerate(session.agenda_items.all(), start=1)
    ]
    oral = [
        facts.OpinionFact(
            source=facts.ORAL,
            reference="",
            speaker=opinion.speaker,
            title="",
            text=opinion.text,
            answers=(facts.AnswerFact(opinion.answered_by.name if opinion.answered_by_id else "", opinion.answer_text),)
            if opinion.answer_text
            else (),
        )
        for opinion in session_opinions(session)
    ]
    petition_opinions = [row for provider in facts.opinion_providers() for row in provider(session, viewer)]
    return facts.MinutesFacts(
        session_id=session.pk,
        title=session.title,
        theme=session.theme,
        programme=session.programme,
        opened_at=session.opened_at or session.starts_at,
        closed_at=session.closed_at or session.ends_at,
        scheduled_start=session.starts_at,
        scheduled_end=session.ends_at,
        venue=session.venue,
        host_unit=session.host_unit.name,
        chair=facts.Person(session.chair_name, session.chair_title),
        secretary=facts.Person(session.secretary_name, session.secretary_title),
        departments=departments,
        groups=groups,
        agenda=agenda,
        petition_opinions=petition_opinions,
        oral_opinions=oral,
        recommendations=recommendations_for_session(session, viewer),
        other_notes=session.minutes,
    )


# --- the public outcomes page's view of a session (public/ lists them; the preview shows one) -----


def public_sessions() -> QuerySet[DialogueSession]:
    attended = Invitation.objects.filter(attended=True).select_related("department").order_by("department__sort_order")
    return (
        DialogueSession.objects.filter(is_archived=False)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("host_unit")
        .only("id", "title", "theme", "starts_at", "ends_at", "venue", "status", "host_unit__name")
        .prefetch_related("topics", Prefetch("invitations", queryset=attended, to_attr="attended_invitations"))
        .order_by("-starts_at", "-pk")
    )


def session_as_public(pk: int) -> DialogueSession | None:
    """The session exactly as the public page would load it once published (None: the page would not show it)."""
    return public_sessions().filter(pk=pk).first()


def public_recommendations() -> QuerySet[Recommendation]:
    """Recommendations as the public page loads them (public/ keeps the published ones): of sessions not
    archived or cancelled; only the text, the addressee, the follow-up status and the session's title and date."""
    return (
        Recommendation.objects.filter(session__is_archived=False)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session", "department")
        .only(
            "id",
            "text",
            "addressed_to",
            "department__name",
            "follow_up",
            "session__id",
            "session__title",
            "session__starts_at",
        )
        .order_by("-session__starts_at", "session_id", "created_at", "pk")
    )


def unreachable_departments(session: DialogueSession) -> list:
    """Invited departments no mail can reach: no address of their own and no active representative with one."""
    from dialogue_portal.directory.models import Department

    prefetched = getattr(session, "_prefetched_objects_cache", {})
    if "invitations" in prefetched:
        # The session page read the invited departments already: only those without an address are asked about.
        without_email = [inv.department for inv in session.invitations.all() if not inv.department.email]
        if not without_email:
            return []
        with_rep = set(
            policy.departments_users([d.pk for d in without_email])
            .exclude(email="")
            .values_list("department_id", flat=True)
        )
        # As the query below sorts (the database collates by code point, as Python does).
        return sorted((d for d in without_email if d.pk not in with_rep), key=lambda d: (d.sort_order, d.name))
    reachable_rep = policy.department_users(OuterRef("pk")).exclude(email="")
    invited = (
        Department.objects.filter(invitations__session=session)
        .annotate(has_rep=Exists(reachable_rep))
        .order_by("sort_order", "name")
    )
    return [d for d in invited if not d.email and not d.has_rep]


@dataclass(frozen=True)
class ExpectedAttendance:
    """Who is expected at a session: one delegate per invited department, and each participant group's count.

    The session page and the plan (Kế hoạch) both print these rows and this total, so they cannot disagree.
    """

    departments: list  # Invitation rows, in the department order
    groups: list  # ParticipantAttendance rows with an expected count
    PER_DEPARTMENT = 1

    @property
    def department_total(self) -> int:
        return len(self.departments) * self.PER_DEPARTMENT

    @property
    def member_total(self) -> int:
        return sum(row.expected for row in self.groups)

    @property
    def total(self) -> int:
        return self.department_total + self.member_total


def expected_attendance(session: DialogueSession) -> ExpectedAttendance:
    prefetched = getattr(session, "_prefetched_objects_cache", {})
    if "invitations" in prefetched and "attendance" in prefetched:
        # The session page loaded both already (load_session_parts); sorted here as the queries below sort
        # (the database collates by code point, as Python does).
        invitations = sorted(session.invitations.all(), key=lambda i: (i.department.sort_order, i.pk))
        rows = sorted(session.attendance.all(), key=lambda row: (row.group.sort_order, row.group.name))
    else:
        invitations = list(session.invitations.select_related("department").order_by("department__sort_order", "pk"))
        rows = session.attendance.select_related("group").order_by("group__sort_order", "group__name")
    return ExpectedAttendance(departments=invitations, groups=[row for row in rows if row.expected])
