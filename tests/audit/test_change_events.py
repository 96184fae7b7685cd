"""Every change of a petition, assignment, answer and session leaves an audit event with user and address."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.audit.models import AuditEvent
from dialogues.models import DialogueSession, SessionStatus
from petitions import services as petitions
from petitions.models import AnswerMethod, PetitionStatus


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(user, address):
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def _events(action):
    return list(
        AuditEvent.objects.filter(action=action).order_by("pk").values_list("actor_username", "ip_address", "details")
    )


def test_petition_transition_from_the_page_is_audited_with_user_and_address(users, units):
    petition = petitions.submit_petition(
        actor=users["leader_a"], unit=units["a1"], title="Đường liên thôn", content="Sửa"
    )

    response = _client(users["staff"], "203.0.113.7").post(
        reverse("petitions:status", args=[petition.pk]),
        {"to_status": PetitionStatus.RECEIVED, "note": "", "forwarded_authority": "", "version": petition.version},
    )

    assert response.status_code == 302
    assert _events("petition.transition")[-1] == (
        "staff",
        "203.0.113.7",
        {"from_status": "submitted", "to_status": "received", "note": ""},
    )


def test_session_transition_from_the_page_is_audited_with_user_and_address(users, units):
    start = timezone.now() + datetime.timedelta(days=9)
    session = DialogueSession.objects.create(
        title="Đối thoại", host_unit=units["a1"], starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )

    response = _client(users["leader_a"], "198.51.100.4").post(
        reverse("dialogues:transition", args=[session.pk, SessionStatus.PLANNED]), {"note": ""}
    )

    assert response.status_code == 302
    assert _events("session.transition") == [
        ("leader_a", "198.51.100.4", {"from_status": "draft", "to_status": "planned", "note": ""})
    ]


def test_assignment_and_answer_are_audited_with_their_actor(users, units, departments):
    petition = petitions.submit_petition(actor=users["leader_a"], unit=units["a1"], title="Vay vốn", content="Cần vốn")
    due = timezone.localdate() + datetime.timedelta(days=10)

    [assignment] = petitions.assign_petition(petition=petition, actor=users["staff"], routes=[(departments["x"], due)])
    petitions.answer_assignment(
        assignment=assignment, actor=users["rep_x"], text="Đã trả lời", method=AnswerMethod.IN_WRITING
    )

    events = AuditEvent.objects.filter(action__in=["assignment.created", "answer.created"]).order_by("pk")

    assert list(events.values_list("action", "actor_username")) == [
        ("assignment.created", "staff"),
        ("answer.created", "rep_x"),
    ]
    # Without a request (a task, a command) the event has no address.
    assert AuditEvent.objects.get(action="answer.created").ip_address is None
