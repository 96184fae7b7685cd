"""Reads for dialogue sessions: permission-aware querysets, statistics and home cards."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal import policy

from .models import AgendaItem, DialogueSession, Invitation, SessionStatus, SessionStatusChange

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


def session_for_detail(user, pk: int) -> DialogueSession:
    """One visible session with everything its page shows; DoesNotExist when out of scope."""
    return (
        DialogueSession.objects.visible_to(user)
        .select_related("host_unit", "created_by")
        .prefetch_related(
            "topics",
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter_department")),
            Prefetch("invitations", queryset=Invitation.objects.select_related("department")),
            Prefetch("attendance__group"),
            Prefetch("status_changes", queryset=SessionStatusChange.objects.select_related("actor")),
        )
        .get(pk=pk)
    )


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
    invitations = list(session.invitations.select_related("department").order_by("department__sort_order", "pk"))
    groups = [
        row
        for row in session.attendance.select_related("group").order_by("group__sort_order", "group__name")
        if row.expected
    ]
    return ExpectedAttendance(departments=invitations, groups=groups)
