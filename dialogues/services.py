"""Writes for dialogue sessions: scheduling, the workflow, agenda, invitations, attendance, minutes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dialogue_portal import policy
from dialogue_portal.audit.services import record_event
from dialogue_portal.background import enqueue
from dialogue_portal.directory.models import Department, OrgUnit
from dialogue_portal.policy import invitation_roles
from dialogue_portal.text import fold, nfc
from dialogue_portal.workflow import StaleEdit

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
from .workflow import CLOSED, INVITATION, LOCKED_DATES, SESSION, SYSTEM, can_manage, roles_for

__all__ = ["SESSION", "transition", "create_session", "update_session"]

TITLE_MAX = 300
EARLIEST_YEARS_BACK = 10  # older records are typing mistakes, not dialogues to plan
LATEST_YEARS_AHEAD = 3
LONGEST = timedelta(days=7)
EDITABLE_FIELDS = ("title", "host_unit", "programme", "theme", "description", "starts_at", "ends_at", "venue")


class NeedsConfirmation(Exception):
    """Scheduling warnings the user has not yet confirmed; nothing was saved."""

    def __init__(self, warnings: list[str]):
        super().__init__("; ".join(warnings))
        self.warnings = warnings


@dataclass
class SessionData:
    """What a create or edit form collects."""

    title: str
    host_unit: OrgUnit
    starts_at: datetime
    ends_at: datetime
    programme: str = ""
    theme: str = ""
    description: str = ""
    venue: str = ""
    topics: tuple = ()
    departments: tuple = ()


def _local(value: datetime) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i")


def _search_text(session: DialogueSession) -> str:
    parts = [session.title, session.theme, session.programme, session.venue, session.description]
    parts.append(session.host_unit.name if session.host_unit_id else "")
    return fold(" ".join(parts))


def _require_manager(actor, session) -> None:
    if not can_manage(actor, session):
        raise PermissionDenied(_("You may not manage this dialogue session."))


def _check_dates(starts_at, ends_at) -> None:
    if starts_at is None or ends_at is None:
        raise ValidationError(_("Give both the start and the end of the session."), code="dates_required")
    if ends_at <= starts_at:
        raise ValidationError(_("The session must end after it starts."), code="end_before_start")
    if ends_at - starts_at > LONGEST:
        raise ValidationError(_("A dialogue session cannot last more than 7 days."), code="too_long")
    now = timezone.now()
    if starts_at < now - timedelta(days=365 * EARLIEST_YEARS_BACK):
        raise ValidationError(
            _("The date is more than %(years)d years in the past; check the year.") % {"years": EARLIEST_YEARS_BACK},
            code="too_early",
        )
    if starts_at > now + timedelta(days=365 * LATEST_YEARS_AHEAD):
        raise ValidationError(
            _("The date is more than %(years)d years ahead; check the year.") % {"years": LATEST_YEARS_AHEAD},
            code="too_late",
        )


def _check_unit(actor, unit) -> None:
    if unit is None or not unit.is_active:
        raise ValidationError(_("Choose an active host unit."), code="unknown_unit")
    if not OrgUnit.objects.visible_to(actor).filter(pk=unit.pk).exists() or not policy.may_plan(actor):
        raise ValidationError(_("You can only plan sessions for your own unit and the units below it."))


def _clean(data: SessionData) -> SessionData:
    data.title = nfc(data.title)
    if not data.title:
        raise ValidationError(_("Give the session a title."), code="no_title")
    if len(data.title) > TITLE_MAX:
        raise ValidationError(
            _("The title is too long (%(length)d characters; at most %(max)d).")
            % {"length": len(data.title), "max": TITLE_MAX},
            code="title_too_long",
        )
    for name in ("programme", "theme", "venue"):
        value = nfc(getattr(data, name))
        if len(value) > 300:
            raise ValidationError(_("A field is too long (at most 300 characters)."))
        setattr(data, name, value)
    data.description = nfc(data.description)
    return data


def scheduling_warnings(
    *, starts_at, ends_at, venue: str = "", departments=(), exclude_pk: int | None = None
) -> list[str]:
    """Clashes worth a second look before saving: invited departments or the venue already booked.

    Read-only. Cancelled, postponed and archived sessions do not block anything.
    """
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        return []
    overlapping = (
        DialogueSession.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at, is_archived=False)
        .exclude(status__in=[SessionStatus.CANCELLED, SessionStatus.POSTPONED])
        .exclude(pk=exclude_pk)
    )
    warnings = []
    department_ids = [getattr(d, "pk", d) for d in departments]
    clashes = (
        Invitation.objects.filter(session__in=overlapping, department_id__in=department_ids)
        .select_related("department", "session")
        .order_by("session__starts_at", "department__sort_order")
    )
    for invitation in clashes:
        warnings.append(
            _("%(department)s is already invited to “%(session)s” (%(start)s – %(end)s).")
            % {
                "department": invitation.department,
                "session": invitation.session.title,
                "start": _local(invitation.session.starts_at),
                "end": _local(invitation.session.ends_at),
            }
        )
    folded_venue = fold(venue)
    if folded_venue:
        for other in overlapping.only("title", "venue", "starts_at", "ends_at"):
            if fold(other.venue) == folded_venue:
                warnings.append(
                    _("The venue “%(venue)s” is already booked for “%(session)s” (%(start)s – %(end)s).")
                    % {
                        "venue": other.venue,
                        "session": other.title,
                        "start": _local(other.starts_at),
                        "end": _local(other.ends_at),
                    }
                )
    return warnings


def _sync_invitations(session: DialogueSession, departments) -> None:
    wanted = {getattr(d, "pk", d) for d in departments}
    current = dict(session.invitations.values_list("department_id", "pk"))
    dropped = set(current) - wanted
    if dropped:
        replied = session.invitations.filter(department_id__in=dropped).exclude(state=InvitationState.PENDING)
        if replied.exists():
            raise ValidationError(
                _("%(department)s has already replied to its invitation; it cannot be removed.")
                % {"department": replied.select_related("department").first().department}
            )
        session.invitations.filter(department_id__in=dropped).delete()
    for department in Department.objects.filter(pk__in=wanted - set(current)):
        Invitation.objects.create(session=session, department=department)


@transaction.atomic
def create_session(*, actor, data: SessionData, confirmed: bool = False) -> DialogueSession:
    """Create a draft session with its topics and invited departments.

    Refuses bad dates and units outside the actor's scope (ValidationError); raises
    NeedsConfirmation with the scheduling warnings unless ``confirmed``. Side effects: invitation
    rows (pending, not yet sent), a "created" status-log entry, a history record.
    """
    data = _clean(data)
    _check_unit(actor, data.host_unit)
    _check_dates(data.starts_at, data.ends_at)
    warnings = scheduling_warnings(
        starts_at=data.starts_at, ends_at=data.ends_at, venue=data.venue, departments=data.departments
    )
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    session = DialogueSession(created_by=actor, status=SessionStatus.DRAFT)
    for name in EDITABLE_FIELDS:
        setattr(session, name, getattr(data, name))
    session.search_text = _search_text(session)
    session.full_clean(exclude=["topics", "created_by"])
    session.save()
    session.topics.set(data.topics)
    _sync_invitations(session, data.departments)
    SessionStatusChange.objects.create(session=session, from_status="", to_status=session.status, actor=actor)
    record_event(action="session.created", actor=actor, target=session, details={"unit": session.host_unit_id})
    return session


def _changes_since(session: DialogueSession, version: int) -> list[str]:
    """Human lines naming what changed after ``version`` and who changed it."""
    # The version the editor started from (agenda and attendance bump it without a history row).
    base = session.history.filter(version__lte=version).order_by("-history_id").first()
    latest = session.history.select_related("history_user").order_by("-history_id").first()
    if base is None or latest is None:
        return []
    lines = []
    for change in latest.diff_against(base).changes:
        if change.field in ("version", "status", "is_archived"):
            continue
        field = DialogueSession._meta.get_field(change.field)
        new = change.new
        if isinstance(new, datetime):
            new = _local(new)
        elif change.field == "host_unit":
            new = OrgUnit.objects.filter(pk=new).values_list("name", flat=True).first()
        lines.append(f"{field.verbose_name}: {new}")
    if latest.status != base.status:
        lines.append(f"{_('status')}: {SessionStatus(latest.status).label}")
    who = latest.history_user
    if who is not None:
        lines.insert(0, _("Changed by %(name)s at %(when)s.") % {"name": who, "when": _local(latest.history_date)})
    return lines


@transaction.atomic
def update_session(
    *, session: DialogueSession, actor, version: int, data: SessionData, confirmed: bool = False
) -> DialogueSession:
    """Save an edit made on version ``version`` of ``session``.

    Refuses a stale form (StaleEdit, listing what changed meanwhile), moving a held session,
    editing a cancelled or summarised one, bad dates; raises NeedsConfirmation for unconfirmed
    scheduling warnings. Side effects: version bumped, invitations added/removed, history record.
    """
    current = DialogueSession.objects.select_for_update().select_related("host_unit").get(pk=session.pk)
    _require_manager(actor, current)
    if current.version != version:
        changes = _changes_since(current, version)
        message = _("Someone else changed this session while you were editing it. Nothing was saved.")
        raise StaleEdit(changes, message=message)
    if current.status in CLOSED:
        raise ValidationError(_("A cancelled session or one whose summary was sent can no longer be edited."))
    data = _clean(data)
    _check_unit(actor, data.host_unit)
    moved = (data.starts_at, data.ends_at) != (current.starts_at, current.ends_at)
    new_venue = data.venue != current.venue
    if moved and current.status in LOCKED_DATES:
        raise ValidationError(_("The session has been held; its date can no longer be moved."), code="held")
    if moved:
        _check_dates(data.starts_at, data.ends_at)
    warnings = scheduling_warnings(
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        venue=data.venue,
        departments=data.departments,
        exclude_pk=current.pk,
    )
    if warnings and not confirmed and current.status not in LOCKED_DATES:
        raise NeedsConfirmation(warnings)
    for name in EDITABLE_FIELDS:
        setattr(current, name, getattr(data, name))
    current.search_text = _search_text(current)
    current.version += 1
    if moved or new_venue:
        current.ical_sequence += 1  # a change calendars must take over
    current.full_clean(exclude=["topics", "created_by"])
    current.save()
    current.topics.set(data.topics)
    _sync_invitations(current, data.departments)
    record_event(action="session.updated", actor=actor, target=current, details={"version": current.version})
    if moved and current.invitations.exclude(sent_at=None).exists():
        # A new date for departments already invited: the mail and an .ics replacing their copy.
        enqueue("dialogues.tasks.notify_departments", current.pk, "rescheduled")
    return current


@transaction.atomic
def transition(*, session: DialogueSession, to_status: str, actor, note: str = "", **fields) -> DialogueSession:
    """Move ``session`` to ``to_status`` as ``actor``, if the workflow table lets them (see ``_move``)."""
    return _move(session=session, to_status=to_status, actor=actor, roles=None, note=note, **fields)


@transaction.atomic
def mark_summary_sent(*, session: DialogueSession, actor, note: str = "") -> DialogueSession:
    """The transmittal service's move to "summary sent" — the only way there (a system move)."""
    return _move(session=session, to_status=SessionStatus.SUMMARY_SENT, actor=actor, roles={SYSTEM}, note=note)


def _move(*, session: DialogueSession, to_status: str, actor, roles, note: str = "", **fields) -> DialogueSession:
    """Move ``session`` to ``to_status`` if the workflow table lets ``actor`` do it.

    Fields: ``starts_at``/``ends_at`` (the new date, required to postpone), ``reason`` (to cancel;
    the note is used when absent), ``notify`` (default True). Postponing and cancelling need a note.
    Side effects: status (and dates) saved, version bumped, a SessionStatusChange row, history
    record; notifications queued after commit — invitations with the .ics on "invitations sent",
    the new date on "postponed", a cancellation notice on "cancelled" to departments already invited.
    """
    current = DialogueSession.objects.select_for_update().select_related("host_unit").get(pk=session.pk)
    note = nfc(note)
    from_status = current.status
    SESSION.check(
        from_status,
        to_status,
        roles if roles is not None else roles_for(actor, current),
        label=lambda s: SessionStatus(s).label,
    )
    notice = None
    if to_status == SessionStatus.POSTPONED:
        starts_at, ends_at = fields.get("starts_at"), fields.get("ends_at")
        if not note:
            raise ValidationError(_("Say why the session is postponed."), code="note_required")
        _check_dates(starts_at, ends_at)
        if (starts_at, ends_at) == (current.starts_at, current.ends_at):
            raise ValidationError(_("Give the new date of the postponed session."), code="same_date")
        note = f"{note} ({_local(current.starts_at)} → {_local(starts_at)})"
        current.starts_at, current.ends_at = starts_at, ends_at
        current.ical_sequence += 1
        notice = "postponed"
    elif to_status == SessionStatus.CANCELLED:
        reason = nfc(fields.get("reason") or note)
        if not reason:
            raise ValidationError(_("Give the reason for cancelling."), code="reason_required")
        current.cancel_reason = reason
        current.ical_sequence += 1
        note = note or reason
        notice = "cancelled"
    elif to_status == SessionStatus.HELD and current.starts_at > timezone.now():
        raise ValidationError(_("The session has not started yet; it cannot be marked as held."), code="not_started")
    elif to_status == SessionStatus.INVITATIONS_SENT:
        if not current.invitations.exists():
            raise ValidationError(_("Invite at least one department first."), code="no_invitations")
        current.invitations.update(sent_at=timezone.now())
        notice = "invitation"
    current.status = to_status
    current.version += 1
    current.search_text = _search_text(current)
    current.save()
    SessionStatusChange.objects.create(
        session=current, from_status=from_status, to_status=to_status, actor=actor, note=note
    )
    record_event(
        action="session.transition",
        actor=actor,
        target=current,
        details={"from_status": from_status, "to_status": to_status, "note": note},
    )
    invited = current.invitations.exclude(sent_at=None).exists()
    if notice and fields.get("notify", True) and (notice == "invitation" or invited):
        enqueue("dialogues.tasks.notify_departments", current.pk, notice)
    return current


def invitation_recipients(invitation: Invitation) -> list[tuple[str, str]]:
    """(address, language) pairs for a department: its own address and its representatives'."""
    pairs = []
    if invitation.department.email:
        pairs.append((invitation.department.email, "vi"))
    reps = policy.department_users(invitation.department_id).exclude(email="")
    pairs.extend((user.email, user.language or "vi") for user in reps)
    return pairs


def notify_invited(*, session: DialogueSession, notice: str, invitations=None) -> int:
    """Mail each invited department (invitation, postponed, rescheduled, cancelled or reminder), .ics attached, and
    beside it the department's own documents from the providers in ``dialogues.letters`` (its Giấy mời as PDF).

    Side effects: one mail per recipient language and department, queued through send_portal_mail; the
    providers may issue (number and file) a letter. Returns the number of mails queued.
    """
    from dialogue_portal.mail import absolute_url, send_portal_mail

    from .ical import session_calendar
    from .letters import attachments_for

    ics = session_calendar([session], cancelled=notice == "cancelled")
    attachment = (f"doi-thoai-{session.pk}.ics", ics, "text/calendar")
    invitations = invitations if invitations is not None else session.invitations.select_related("department")
    sent = 0
    for invitation in invitations:
        letters = attachments_for(invitation, notice)
        by_language: dict[str, list[str]] = {}
        for address, language in invitation_recipients(invitation):
            by_language.setdefault(language, []).append(address)
        for language, addresses in by_language.items():
            context = {
                "session": session,
                "invitation": invitation,
                "url": absolute_url(reverse("admin:dialogues_invitation_change", args=[invitation.pk])),
            }
            sent += send_portal_mail(
                to=addresses,
                template=f"dialogues/mail/{notice}",
                context=context,
                language=language,
                attachments=[attachment, *letters],
            )
    return sent


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Remind invited departments of sessions starting within SESSION_REMINDER_DAYS.

    Idempotent: each invitation is claimed by setting ``reminded_at`` once, so a rerun (or two
    workers) sends nothing twice. Declined invitations are skipped. Returns the number reminded.
    """
    now = now or timezone.now()
    horizon = now + timedelta(days=settings.SESSION_REMINDER_DAYS)
    due = Invitation.objects.filter(
        session__status=SessionStatus.INVITATIONS_SENT,
        session__is_archived=False,
        session__starts_at__gt=now,
        session__starts_at__lte=horizon,
        reminded_at__isnull=True,
    ).exclude(state=InvitationState.DECLINED)
    reminded = 0
    for invitation in due.select_related("session__host_unit", "department"):
        claimed = Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(reminded_at=now)
        if claimed:
            notify_invited(session=invitation.session, notice="reminder", invitations=[invitation])
            reminded += 1
    return reminded


@transaction.atomic
def archive_session(*, session: DialogueSession, actor, archived: bool = True) -> DialogueSession:
    """Archive (or restore) a session instead of deleting it. Side effects: version bump, history record."""
    _require_manager(actor, session)
    session.is_archived = archived
    session.version += 1
    session.save(update_fields=["is_archived", "version", "updated_at"])
    record_event(action="session.archived" if archived else "session.restored", actor=actor, target=session)
    return session


def _bump(session: DialogueSession) -> None:
    DialogueSession.objects.filter(pk=session.pk).update(version=session.version + 1, updated_at=timezone.now())
    session.version += 1


def _agenda_positions(session: DialogueSession, ordered_ids: list[int]) -> None:
    for position, pk in enumerate(ordered_ids, start=1):
        AgendaItem.objects.filter(session=session, pk=pk).exclude(position=position).update(position=position)


@transaction.atomic
def add_agenda_item(
    *, session: DialogueSession, actor, title: str, presenter_department=None, presenter_name="", planned_minutes=15
) -> AgendaItem:
    """Append an item to the agenda. Side effects: the item row; the session's version bumped."""
    _require_manager(actor, session)
    if session.status in CLOSED:
        raise ValidationError(_("This session is closed; its agenda can no longer change."))
    title = nfc(title)
    if not title or len(title) > TITLE_MAX:
        raise ValidationError(_("An agenda item needs a title of at most 300 characters."))
    if not 1 <= int(planned_minutes) <= 600:
        raise ValidationError(_("Planned minutes must be between 1 and 600."))
    last = session.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    item = AgendaItem.objects.create(
        session=session,
        position=last + 1,
        title=title,
        presenter_department=presenter_department,
        presenter_name=nfc(presenter_name),
        planned_minutes=planned_minutes,
    )
    _bump(session)
    return item


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, actor) -> None:
    """Delete an agenda item and close the gap in the order."""
    session = item.session
    _require_manager(actor, session)
    if session.status in CLOSED:
        raise ValidationError(_("This session is closed; its agenda can no longer change."))
    item.delete()
    _agenda_positions(session, list(session.agenda_items.order_by("position", "pk").values_list("pk", flat=True)))
    _bump(session)


@transaction.atomic
def reorder_agenda(*, session: DialogueSession, actor, item_ids: list[int]) -> None:
    """Put the agenda in the order of ``item_ids`` (all and only this session's items)."""
    _require_manager(actor, session)
    current = set(session.agenda_items.values_list("pk", flat=True))
    if len(item_ids) != len(current) or set(item_ids) != current:
        raise ValidationError(_("The agenda changed meanwhile; reload the page and try again."))
    _agenda_positions(session, item_ids)
    _bump(session)


def move_agenda_item(*, item: AgendaItem, actor, direction: str) -> None:
    """Move an item one place up or down (the buttons that work without JavaScript)."""
    ids = list(item.session.agenda_items.order_by("position", "pk").values_list("pk", flat=True))
    index = ids.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    reorder_agenda(session=item.session, actor=actor, item_ids=ids)


def validate_reply(*, invitation: Invitation, actor, state: str, delegate_name: str = "") -> None:
    """Raise PermissionDenied or ValidationError if ``actor`` may not give this reply."""
    if not invitation_roles(actor, invitation):
        raise PermissionDenied(_("You may not answer this invitation."))
    if invitation.session.status in LOCKED_DATES | CLOSED:
        raise ValidationError(_("The session is over; the reply can no longer change."), code="closed")
    if state not in InvitationState.values:
        raise ValidationError(_("Unknown reply."), code="unknown")
    INVITATION.check(invitation.state, state, invitation_roles(actor, invitation))
    INVITATION.check_required(state, {"delegate_name": nfc(delegate_name)})


@transaction.atomic
def reply_to_invitation(
    *,
    invitation: Invitation,
    actor,
    state: str,
    representative_name: str = "",
    representative_title: str = "",
    delegate_name: str = "",
) -> Invitation:
    """A department's answer: accepted, declined or delegated to someone named.

    Only the department's own representatives, or staff managing the session, may answer.
    Side effects: reply time stamped, history record.
    """
    validate_reply(invitation=invitation, actor=actor, state=state, delegate_name=delegate_name)
    delegate_name = nfc(delegate_name)
    invitation.state = state
    invitation.representative_name = nfc(representative_name)
    invitation.representative_title = nfc(representative_title)
    invitation.delegate_name = delegate_name if state == InvitationState.DELEGATED else ""
    invitation.responded_at = timezone.now() if state != InvitationState.PENDING else None
    invitation.full_clean(exclude=["session", "department"])
    invitation.save()
    return invitation


@transaction.atomic
def record_attendance(
    *, session: DialogueSession, actor, departments: dict[int, bool | None], groups: dict[int, tuple]
) -> None:
    """Record which invited departments came and how many of each participant group.

    ``departments`` maps invitation ids to attended (None: not recorded); ``groups`` maps
    participant-group ids to (expected, actual). Side effects: invitation and attendance rows,
    history records, the session's version bumped.
    """
    _require_manager(actor, session)
    invitations = {inv.pk: inv for inv in session.invitations.all()}
    for pk, attended in departments.items():
        if pk not in invitations:
            raise ValidationError(_("Unknown invitation."))
        if invitations[pk].attended != attended:
            invitations[pk].attended = attended
            invitations[pk].save(update_fields=["attended"])
    for group_id, (expected, actual) in groups.items():
        if expected is None and actual is None:
            ParticipantAttendance.objects.filter(session=session, group_id=group_id).delete()
            continue
        if (expected or 0) < 0 or (actual or 0) < 0 or (expected or 0) > 100000 or (actual or 0) > 100000:
            raise ValidationError(_("Attendance counts must be between 0 and 100,000."))
        ParticipantAttendance.objects.update_or_create(
            session=session, group_id=group_id, defaults={"expected": expected or 0, "actual": actual}
        )
    _bump(session)
    record_event(action="session.attendance", actor=actor, target=session)


MINUTES_NAME_MAX = 200
OPINION_MAX = 10000


def _minutes_times(session: DialogueSession, opened_at, closed_at) -> tuple:
    """The real opening and closing times, None where they are the scheduled ones (the default)."""
    opened = opened_at or session.starts_at
    closed = closed_at or session.ends_at
    if closed <= opened:
        raise ValidationError(_("The meeting must close after it opens."), code="closed_before_opened")
    if abs(opened - session.starts_at) > LONGEST or abs(closed - session.ends_at) > LONGEST:
        raise ValidationError(
            _("The opening and closing times must be within 7 days of the session's date; check the date."),
            code="times_far_from_session",
        )

    def scheduled(value, planned):  # the form shows minutes: the same minute is the schedule
        return value.replace(second=0, microsecond=0) == planned.replace(second=0, microsecond=0)

    return (
        None if scheduled(opened, session.starts_at) else opened,
        None if scheduled(closed, session.ends_at) else closed,
    )


@transaction.atomic
def record_minutes(
    *,
    session: DialogueSession,
    actor,
    version: int,
    minutes: str,
    chair_name: str = "",
    chair_title: str = "",
    secretary_name: str = "",
    secretary_title: str = "",
    opened_at: datetime | None = None,
    closed_at: datetime | None = None,
) -> DialogueSession:
    """Save the minutes (biên bản): chair, secretary, real opening and closing times, and the other notes.

    Times left empty (or equal to the schedule) mean "as scheduled". Refuses a stale form (StaleEdit)
    and a closing before the opening. Side effects: version bumped, history record, audit event.
    """
    current = DialogueSession.objects.select_for_update().select_related("host_unit").get(pk=session.pk)
    _require_manager(actor, current)
    if current.version != version:
        raise StaleEdit(
            _changes_since(current, version),
            message=_("Someone else changed this session while you were editing it. Nothing was saved."),
        )
    names = {
        "chair_name": chair_name,
        "chair_title": chair_title,
        "secretary_name": secretary_name,
        "secretary_title": secretary_title,
    }
    for name, value in names.items():
        value = nfc(value)
        if len(value) > MINUTES_NAME_MAX:
            raise ValidationError(_("A name or title is too long (at most 200 characters)."), code="too_long")
        setattr(current, name, value)
    current.opened_at, current.closed_at = _minutes_times(current, opened_at, closed_at)
    current.minutes = nfc(minutes)
    current.version += 1
    current.save()
    record_event(action="session.minutes", actor=actor, target=current)
    return current


# --- opinions raised orally at the session (for the minutes) ----------------------------------------


def _open_for_records(session: DialogueSession) -> None:
    """Opinions and recommendations belong to a meeting: none for a cancelled session."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("This session was cancelled; nothing can be recorded for it."), code="cancelled")


def _opinion_fields(*, speaker: str, text: str, answer_text: str, answered_by) -> dict:
    text, speaker, answer_text = nfc(text), nfc(speaker), nfc(answer_text)
    if not text:
        raise ValidationError(_("Write the opinion raised."), code="no_text")
    if len(text) > OPINION_MAX or len(answer_text) > OPINION_MAX:
        raise ValidationError(_("The text is too long (at most 10,000 characters)."), code="too_long")
    if len(speaker) > MINUTES_NAME_MAX:
        raise ValidationError(_("A name or title is too long (at most 200 characters)."), code="too_long")
    if answered_by is not None and not Department.objects.filter(pk=answered_by.pk, is_active=True).exists():
        raise ValidationError(_("Choose an active department."), code="unknown_department")
    return {"speaker": speaker, "text": text, "answer_text": answer_text, "answered_by": answered_by}


@transaction.atomic
def add_opinion(
    *, session: DialogueSession, actor, text: str, speaker: str = "", answer_text: str = "", answered_by=None
) -> SessionOpinion:
    """Record an opinion raised orally at the session and the answer given there.

    Side effects: the opinion row and its history, the session's version bumped, an audit event.
    """
    _require_manager(actor, session)
    _open_for_records(session)
    fields = _opinion_fields(speaker=speaker, text=text, answer_text=answer_text, answered_by=answered_by)
    last = session.opinions.order_by("-position").values_list("position", flat=True).first() or 0
    opinion = SessionOpinion.objects.create(session=session, position=last + 1, created_by=actor, **fields)
    _bump(session)
    record_event(action="session.opinion_added", actor=actor, target=session, details={"opinion": opinion.pk})
    return opinion


@transaction.atomic
def update_opinion(
    *, opinion: SessionOpinion, actor, text: str, speaker: str = "", answer_text: str = "", answered_by=None
) -> SessionOpinion:
    """Correct an opinion or its answer. Side effects: history record, version bump, audit event."""
    session = opinion.session
    _require_manager(actor, session)
    _open_for_records(session)
    for name, value in _opinion_fields(
        speaker=speaker, text=text, answer_text=answer_text, answered_by=answered_by
    ).items():
        setattr(opinion, name, value)
    opinion.save()
    _bump(session)
    record_event(action="session.opinion_updated", actor=actor, target=session, details={"opinion": opinion.pk})
    return opinion


@transaction.atomic
def remove_opinion(*, opinion: SessionOpinion, actor) -> None:
    """Delete an opinion entered by mistake (its history keeps it). Side effects: version bump, audit event."""
    session = opinion.session
    _require_manager(actor, session)
    pk = opinion.pk
    opinion.delete()
    _bump(session)
    record_event(action="session.opinion_removed", actor=actor, target=session, details={"opinion": pk})


# --- recommendations (kiến nghị, đề xuất) ------------------------------------------------------------


def _recommendation_fields(*, text: str, addressed_to: str, department) -> dict:
    text = nfc(text)
    if not text:
        raise ValidationError(_("Write the recommendation."), code="no_text")
    if len(text) > OPINION_MAX:
        raise ValidationError(_("The text is too long (at most 10,000 characters)."), code="too_long")
    if addressed_to not in Addressee.values:
        raise ValidationError(_("Choose who the recommendation is addressed to."), code="unknown_addressee")
    if addressed_to == Addressee.DEPARTMENT:
        if department is None:
            raise ValidationError(_("Choose the department the recommendation is addressed to."), code="no_department")
        if not Department.objects.filter(pk=department.pk, is_active=True).exists():
            raise ValidationError(_("Choose an active department."), code="unknown_department")
    else:
        department = None
    return {"text": text, "addressed_to": addressed_to, "department": department}


@transaction.atomic
def create_recommendation(
    *, session: DialogueSession, actor, text: str, addressed_to: str, department=None
) -> Recommendation:
    """Record a recommendation raised at or after ``session``, addressed to Tỉnh ủy, UBND tỉnh or a department.

    Needs the right to manage the session; refused for a cancelled one. Starts "waiting", unpublished.
    Side effects: the row and its history, an audit event.
    """
    _require_manager(actor, session)
    _open_for_records(session)
    fields = _recommendation_fields(text=text, addressed_to=addressed_to, department=department)
    recommendation = Recommendation.objects.create(session=session, created_by=actor, **fields)
    record_event(
        action="recommendation.created",
        actor=actor,
        target=recommendation,
        details={"session": session.pk, "addressed_to": addressed_to},
    )
    return recommendation


def _locked(recommendation: Recommendation) -> Recommendation:
    return (
        # Lock the recommendation row only (the department is an outer join PostgreSQL cannot lock).
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("session__host_unit", "department")
        .get(pk=recommendation.pk)
    )


@transaction.atomic
def update_recommendation(*, recommendation: Recommendation, actor, text: str, addressed_to: str, department=None):
    """Correct a recommendation's text or addressee. Side effects: history record, audit event."""
    current = _locked(recommendation)
    _require_manager(actor, current.session)
    _open_for_records(current.session)
    for name, value in _recommendation_fields(text=text, addressed_to=addressed_to, department=department).items():
        setattr(current, name, value)
    current.save()
    record_event(action="recommendation.updated", actor=actor, target=current)
    return current


@transaction.atomic
def set_follow_up(
    *, recommendation: Recommendation, actor, follow_up: str, follow_up_on=None, response_note: str = ""
) -> Recommendation:
    """Record how a recommendation is being handled: its status, the date of that step and the response.

    The date defaults to today; it cannot be in the future. Side effects: history record, audit event.
    """
    current = _locked(recommendation)
    _require_manager(actor, current.session)
    if follow_up not in FollowUp.values:
        raise ValidationError(_("Unknown follow-up status."), code="unknown_status")
    today = timezone.localdate()
    follow_up_on = follow_up_on or today
    if follow_up_on > today:
        raise ValidationError(_("The follow-up date cannot be in the future."), code="future_date")
    response_note = nfc(response_note)
    if len(response_note) > OPINION_MAX:
        raise ValidationError(_("The text is too long (at most 10,000 characters)."), code="too_long")
    if follow_up in (FollowUp.RESOLVED, FollowUp.NOT_ACCEPTED) and not response_note:
        raise ValidationError(
            _("Say how the recommendation was resolved, or why it was not accepted."), code="response_required"
        )
    previous = current.follow_up
    current.follow_up, current.follow_up_on, current.response_note = follow_up, follow_up_on, response_note
    current.save()
    record_event(
        action="recommendation.follow_up",
        actor=actor,
        target=current,
        details={"from": previous, "to": follow_up, "on": follow_up_on.isoformat()},
    )
    return current


@transaction.atomic
def publish_recommendation(*, recommendation: Recommendation, actor, published: bool = True) -> Recommendation:
    """Show a recommendation on the public outcomes page (or, ``published=False``, withdraw it). Staff only.

    Side effects: history record, audit event.
    """
    current = _locked(recommendation)
    if not policy.may_publish(actor):
        raise PermissionDenied(_("Only province staff may publish."))
    if published and current.session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("This session was cancelled; nothing can be recorded for it."), code="cancelled")
    if current.is_published != published:
        current.is_published = published
        current.save()
        action = "recommendation.published" if published else "recommendation.withdrawn"
        record_event(action=action, actor=actor, target=current)
    return current


def withdraw_recommendation(*, recommendation: Recommendation, actor) -> Recommendation:
    """Take a recommendation off the public outcomes page. Staff only."""
    return publish_recommendation(recommendation=recommendation, actor=actor, published=False)


@transaction.atomic
def remove_recommendation(*, recommendation: Recommendation, actor) -> None:
    """Delete a recommendation entered by mistake; a published one must be withdrawn first."""
    current = _locked(recommendation)
    _require_manager(actor, current.session)
    if current.is_published:
        raise ValidationError(
            _("This recommendation is on the public page; withdraw it before removing it."), code="published"
        )
    record_event(
        action="recommendation.removed",
        actor=actor,
        target=current.session,
        details={"recommendation": current.pk, "text": current.text[:200]},
    )
    current.delete()


# --- publishing on the public outcomes page ---------------------------------------------------------

PUBLISHABLE = (SessionStatus.HELD, SessionStatus.SUMMARY_SENT)


def publish_problem(session: DialogueSession) -> str | None:
    """Why ``session`` cannot be published now, in the user's language (None: it can)."""
    if session.status not in PUBLISHABLE:
        return _("Only a session that has been held can be published; this one is “%(status)s”.") % {
            "status": session.get_status_display()
        }
    if session.is_archived:
        return _("An archived session is not shown on the public page; restore it first.")
    return None


def _set_published(*, actor, session: DialogueSession, published: bool) -> DialogueSession:
    from dialogue_portal import policy

    if not policy.may_publish(actor):
        raise PermissionDenied(_("Only province staff may publish on the public page."))
    with transaction.atomic():
        session = DialogueSession.objects.select_for_update().get(pk=session.pk)
        problem = publish_problem(session) if published else None
        if problem:
            raise ValidationError(problem)
        if session.is_published == published:
            return session  # nothing changes, nothing to record
        session.is_published = published
        session.version += 1
        session._history_user = actor
        session.save(update_fields=["is_published", "version", "updated_at"])
        record_event(action="session.published" if published else "session.withdrawn", actor=actor, target=session)
    return session


def publish_session_outcomes(actor, session: DialogueSession) -> DialogueSession:
    """Show a held session (and who attended) on the public outcomes page.

    Side effects: is_published set, version bumped, history and audit rows. Raises PermissionDenied unless
    ``policy.may_publish(actor)``; ValidationError for a session not held (or summary sent) or archived.
    """
    return _set_published(actor=actor, session=session, published=True)


def withdraw_session_outcomes(actor, session: DialogueSession) -> DialogueSession:
    """Take a session off the public outcomes page. Side effects and checks as ``publish_session_outcomes``."""
    return _set_published(actor=actor, session=session, published=False)
