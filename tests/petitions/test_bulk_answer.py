"""Answering together: a department picks its petitions on one matter in the admin and answers them once; each
gets its own answer, audit row and notification, all in one transaction."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.audit.models import AuditEvent
from petitions import services
from petitions.models import Answer, AnswerMethod, AssignmentStatus

CHANGELIST = reverse("admin:petitions_petition_changelist")
ANSWER = "Sở đã phối hợp với Ngân hàng Chính sách xã hội bố trí vốn vay ưu đãi cho chị em."


@pytest.fixture
def twenty(make_petition, users, departments):
    """Twenty petitions on start-up loans, each sent to department x."""
    due = timezone.localdate() + timedelta(days=10)
    petitions = []
    for n in range(20):
        petition = make_petition(title=f"Vay vốn khởi nghiệp {n}")
        services.assign_petition(petition=petition, actor=users["staff"], routes=[(departments["x"], due)])
        petitions.append(petition)
    return petitions


def post_action(client, petitions, **data):
    return client.post(
        CHANGELIST,
        {
            "action": "answer_together",
            ACTION_CHECKBOX_NAME: [p.pk for p in petitions],
            **data,
        },
    )


@pytest.mark.django_db
def test_twenty_petitions_answered_at_once(client, users, twenty, django_capture_on_commit_callbacks):
    client.force_login(users["rep_x"])
    page = post_action(client, twenty)
    assert page.status_code == 200  # the intermediate page
    html = page.content.decode()
    assert all(p.code in html for p in twenty)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_action(
            client, twenty, apply="1", text=ANSWER, method=AnswerMethod.IN_WRITING, forwarded_authority=""
        )
    assert response.status_code == 302
    answers = Answer.objects.filter(assignment__petition__in=twenty)
    assert answers.count() == 20
    assert {a.text for a in answers} == {ANSWER} and {a.author for a in answers} == {users["rep_x"]}
    assert AuditEvent.objects.filter(action="answer.created").count() == 20
    # One notification per answer, each to province staff.
    notices = [m for m in mail.outbox if m.to == ["staff@example.org"]]
    assert len(notices) == 20
    assert all(sum(p.code in m.subject for m in notices) == 1 for p in twenty)  # each petition its own
    assert len(callbacks) >= 20  # queued only once the one transaction committed


@pytest.mark.django_db
def test_one_refusal_saves_nothing(client, users, twenty, django_capture_on_commit_callbacks):
    services.archive_petition(petition=twenty[7], actor=users["staff"])
    client.force_login(users["rep_x"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = post_action(client, twenty, apply="1", text=ANSWER, method=AnswerMethod.IN_WRITING)
    assert page.status_code == 200
    assert twenty[7].code in page.content.decode()
    assert Answer.objects.filter(assignment__petition__in=twenty).count() == 0
    assert not AuditEvent.objects.filter(action="answer.created").exists()
    assert twenty[0].assignments.get().status == AssignmentStatus.PENDING
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_department_answers_only_its_own_assignments(client, users, twenty, make_petition, departments):
    other = make_petition(title="Vay vốn khởi nghiệp ở xã khác")
    services.assign_petition(
        petition=other, actor=users["staff"], routes=[(departments["y"], timezone.localdate() + timedelta(days=5))]
    )
    client.force_login(users["rep_x"])
    post_action(client, [*twenty[:2], other], apply="1", text=ANSWER, method=AnswerMethod.IN_WRITING)
    assert Answer.objects.filter(assignment__petition__in=twenty[:2]).count() == 2
    assert not Answer.objects.filter(assignment__petition=other).exists()
    client.force_login(users["rep_y"])
    response = post_action(client, twenty[:2], apply="1", text=ANSWER, method=AnswerMethod.IN_WRITING)
    assert response.status_code in (302, 404)  # not its petitions: outside its list
    assert Answer.objects.count() == 2


@pytest.mark.django_db
def test_missing_authority_is_asked_for(client, users, twenty):
    client.force_login(users["rep_x"])
    page = post_action(client, twenty[:3], apply="1", text=ANSWER, method=AnswerMethod.FORWARDED)
    assert page.status_code == 200
    assert Answer.objects.count() == 0
