"""Notifications people can rely on: every link starts with SITE_URL, a new date or a cancellation reaches the
invited departments with an .ics that replaces their copy, overdue reminders reach the department's own
representatives, unreachable departments are named on the session page, answer corrections are told and shown."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from dialogues import services as sessions
from dialogues.models import DialogueSession, Invitation, SessionStatus
from petitions import selectors, services
from petitions.models import AnswerMethod

SITE = "https://doithoai.phunu.example.gov.vn"
LINK = re.compile(r"https?://\S+")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def make_session(units):
    """A session row straight in the given state (as tests/dialogues/conftest.py makes them)."""

    def make(*, status, departments=(), days=10):
        start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
        session = DialogueSession.objects.create(
            title=f"Đối thoại {status}",
            host_unit=units["a1"],
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            status=status,
        )
        for department in departments:
            Invitation.objects.create(session=session, department=department)
        return session

    return make


@pytest.fixture
def invited(users, departments, make_session):
    """A session with invitations already sent to departments x and y."""
    session = make_session(status=SessionStatus.INVITATIONS_SENT, departments=[departments["x"], departments["y"]])
    session.invitations.update(sent_at=timezone.now())
    return session


def event_of(message):
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content).walk("VEVENT")[0]


def links(messages):
    found = [link for message in messages for link in LINK.findall(message.body)]
    assert found, "the mails carry no link at all"
    return found


def test_every_mail_links_to_site_url(
    users, departments, make_session, make_petition, django_capture_on_commit_callbacks
):
    session = make_session(status=SessionStatus.PLANNED, departments=[departments["x"]])
    with django_capture_on_commit_callbacks(execute=True):
        sessions.transition(session=session, to_status=SessionStatus.INVITATIONS_SENT, actor=users["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        later = session.starts_at + timedelta(days=7)
        sessions.transition(
            session=session,
            to_status=SessionStatus.POSTPONED,
            actor=users["staff"],
            note="Bão",
            starts_at=later,
            ends_at=later + timedelta(hours=3),
        )
    with django_capture_on_commit_callbacks(execute=True):
        sessions.transition(session=session, to_status=SessionStatus.CANCELLED, actor=users["staff"], note="Lũ")
    with django_capture_on_commit_callbacks(execute=True):
        petition = make_petition()
        services.assign_petition(
            petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(1))]
        )
    assignment = petition.assignments.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_assignment(assignment=assignment, actor=users["rep_x"], text="Trả lời.", method="in_writing")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_assignment(assignment=assignment, actor=users["rep_x"], text="Sửa lại.", method="in_writing")
    late = make_petition(title="Nước sạch")
    services.assign_petition(
        petition=late, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(1))]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_overdue(today=timezone.localdate() + timedelta(days=5))
    subjects = " | ".join(m.subject for m in mail.outbox)
    for expected in ("Giấy mời", "Hoãn", "Đã hủy"):
        assert expected.lower() in subjects.lower(), subjects
    assert len(mail.outbox) >= 10
    for link in links(mail.outbox):
        assert link.startswith(SITE + "/"), link
    assert "localhost" not in "".join(m.body for m in mail.outbox)


def test_postponing_sends_an_ics_with_the_same_uid_and_a_higher_sequence(
    users, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sessions.notify_invited(session=invited, notice="invitation")
    first = event_of(mail.outbox[0])
    mail.outbox.clear()
    later = invited.starts_at + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        sessions.transition(
            session=invited,
            to_status=SessionStatus.POSTPONED,
            actor=users["staff"],
            note="Trùng lịch họp HĐND",
            starts_at=later,
            ends_at=later + timedelta(hours=3),
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["rep_x@example.org", "rep_y@example.org"]
    updated = event_of(mail.outbox[0])
    assert str(updated["UID"]) == str(first["UID"])
    assert int(updated["SEQUENCE"]) > int(first["SEQUENCE"])
    assert updated.decoded("DTSTART") == later
    assert "reply" in mail.outbox[0].body or reverse("admin:dialogues_invitation_changelist") in mail.outbox[0].body


def test_moving_the_date_in_the_edit_form_tells_departments(
    users, units, departments, django_capture_on_commit_callbacks
):
    data = sessions.SessionData(
        title="Đối thoại vay vốn",
        host_unit=units["a"],
        starts_at=timezone.now().replace(microsecond=0) + timedelta(days=20),
        ends_at=timezone.now().replace(microsecond=0) + timedelta(days=20, hours=3),
        departments=(departments["x"],),
    )
    session = sessions.create_session(actor=users["staff"], data=data, confirmed=True)
    sessions.transition(session=session, to_status=SessionStatus.PLANNED, actor=users["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        sessions.transition(session=session, to_status=SessionStatus.INVITATIONS_SENT, actor=users["staff"])
    first = event_of(mail.outbox[-1])
    mail.outbox.clear()
    session.refresh_from_db()
    data.starts_at += timedelta(hours=1)
    data.ends_at += timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        sessions.update_session(
            session=session, actor=users["staff"], version=session.version, data=data, confirmed=True
        )
    assert [m.to for m in mail.outbox] == [["rep_x@example.org"]]
    moved = event_of(mail.outbox[0])
    assert str(moved["UID"]) == str(first["UID"]) and int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    # A change of title alone mails nobody and keeps the sequence.
    mail.outbox.clear()
    session.refresh_from_db()
    data.title = "Đối thoại vay vốn khởi nghiệp"
    with django_capture_on_commit_callbacks(execute=True):
        sessions.update_session(
            session=session, actor=users["staff"], version=session.version, data=data, confirmed=True
        )
    assert mail.outbox == []


def test_cancelling_sends_a_cancelled_ics_with_a_higher_sequence(users, invited, django_capture_on_commit_callbacks):
    before = invited.ical_sequence
    with django_capture_on_commit_callbacks(execute=True):
        sessions.transition(session=invited, to_status=SessionStatus.CANCELLED, actor=users["staff"], note="Mưa lũ")
    assert len(mail.outbox) == 2
    event = event_of(mail.outbox[0])
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) > before


def test_overdue_reminders_reach_the_departments_representatives_and_staff(
    users, departments, make_petition, django_capture_on_commit_callbacks
):
    petition = make_petition()
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=1))]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_overdue(today=timezone.localdate() + timedelta(days=3))
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["rep_x@example.org", "staff@example.org"]
    to_department = next(m for m in mail.outbox if m.to == ["rep_x@example.org"])
    assert petition.code in to_department.body
    assert to_department.body.count(SITE) == 1


def test_session_page_warns_of_departments_no_mail_can_reach(client, users, invited, departments):
    users["rep_y"].email = ""
    users["rep_y"].save()
    client.force_login(users["staff"])
    html = client.get(reverse("dialogues:detail", args=[invited.pk])).content.decode()
    assert 'id="unreachable-departments"' in html
    warning = html.split('id="unreachable-departments"', 1)[1].split("</div>", 1)[0]
    assert departments["y"].name in warning and departments["x"].name not in warning
    departments["y"].email = "bhxh@example.gov.vn"
    departments["y"].save()
    assert (
        'id="unreachable-departments"'
        not in client.get(reverse("dialogues:detail", args=[invited.pk])).content.decode()
    )


def test_an_answer_correction_is_told_to_the_submitter_and_shown_in_the_timeline(
    users, departments, make_petition, django_capture_on_commit_callbacks
):
    petition = make_petition()
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=5))]
    )
    assignment = petition.assignments.get()
    services.answer_assignment(assignment=assignment, actor=users["rep_x"], text="Bản đầu.", method="in_writing")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_assignment(
            assignment=assignment, actor=users["rep_x"], text="Bản đã sửa.", method=AnswerMethod.IN_WRITING
        )
    to_submitter = [m for m in mail.outbox if m.to == ["leader_a@example.org"]]
    assert len(to_submitter) == 1
    assert "Bản đã sửa." in to_submitter[0].body and petition.code in to_submitter[0].subject
    timeline = selectors.timeline(petition=petition, user=users["leader_a"])
    corrections = [e for e in timeline if e["kind"] == "correction"]
    assert len(corrections) == 1 and corrections[0]["actor"] == users["rep_x"]
