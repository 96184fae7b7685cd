"""Invitation and reminder mails: sent after commit through Celery, with the .ics attached."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from dialogues import services
from dialogues.models import Invitation, InvitationState, SessionStatus


def test_sending_invitations_mails_each_department_with_the_ics(
    users, departments, make_session, django_capture_on_commit_callbacks
):
    session = make_session(status=SessionStatus.PLANNED, departments=[departments["x"], departments["y"]])

    with django_capture_on_commit_callbacks(execute=True):
        services.transition(session=session, to_status=SessionStatus.INVITATIONS_SENT, actor=users["staff"])

    assert sorted(m.to[0] for m in mail.outbox) == ["rep_x@example.org", "rep_y@example.org"]
    message = next(m for m in mail.outbox if m.to == ["rep_x@example.org"])
    assert message.subject == f"Giấy mời: {session.title}"
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == (f"doi-thoai-{session.pk}.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == session.title
    assert Invitation.objects.filter(session=session, sent_at__isnull=True).count() == 0


def test_no_mail_when_the_transition_is_refused(users, departments, make_session, django_capture_on_commit_callbacks):
    session = make_session(status=SessionStatus.DRAFT, departments=[departments["x"]])

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.transition(session=session, to_status=SessionStatus.INVITATIONS_SENT, actor=users["staff"])

    assert mail.outbox == []


def test_cancelling_tells_departments_already_invited(
    users, departments, make_session, django_capture_on_commit_callbacks
):
    session = make_session(status=SessionStatus.INVITATIONS_SENT, departments=[departments["x"]])
    session.invitations.update(sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        services.transition(session=session, to_status=SessionStatus.CANCELLED, actor=users["staff"], note="Mưa lũ")

    assert [m.subject for m in mail.outbox] == [f"Đã hủy: {session.title}"]
    assert "Mưa lũ" in mail.outbox[0].body


def test_reminders_go_once_to_departments_not_declined(
    settings, users, departments, make_session, django_capture_on_commit_callbacks
):
    settings.SESSION_REMINDER_DAYS = 3
    soon = make_session(status=SessionStatus.INVITATIONS_SENT, days=2, departments=[departments["x"], departments["y"]])
    make_session(status=SessionStatus.INVITATIONS_SENT, days=10, departments=[departments["x"]])
    Invitation.objects.filter(session=soon, department=departments["y"]).update(state=InvitationState.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_due_reminders()
        second = services.send_due_reminders()

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [["rep_x@example.org"]]
    assert mail.outbox[0].attachments[0][0] == f"doi-thoai-{soon.pk}.ics"


def test_reminder_task_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["dialogues-session-reminders"]

    assert entry["task"] == "dialogues.tasks.send_session_reminders"


def test_reminder_window_follows_the_setting(settings, users, departments, make_session):
    settings.SESSION_REMINDER_DAYS = 1
    make_session(status=SessionStatus.INVITATIONS_SENT, days=2, departments=[departments["x"]])

    assert services.send_due_reminders(now=timezone.now()) == 0
    assert services.send_due_reminders(now=timezone.now() + timedelta(days=1, hours=1)) == 1
