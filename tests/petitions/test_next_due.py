"""Petition.next_due, the earliest pending due date the department's admin list sorts by, follows the services."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.models import Department
from dialogue_portal.directory.reorganisation import DissolveDepartment, apply
from petitions import services
from petitions.models import AnswerMethod, Petition


def _next_due(petition):
    return Petition.objects.values_list("next_due", flat=True).get(pk=petition.pk)


def test_next_due_follows_assigning_and_answering(make_petition, users, departments):
    today = timezone.localdate()
    petition = make_petition()
    assert _next_due(petition) is None
    soon, later = today + timedelta(days=3), today + timedelta(days=12)
    first, second = services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], soon), (departments["y"], later)]
    )
    assert _next_due(petition) == soon
    services.answer_assignment(
        assignment=first, actor=users["rep_x"], text="Đã trả lời.", method=AnswerMethod.IN_WRITING
    )
    assert _next_due(petition) == later
    services.mark_assignment(assignment=second, actor=users["staff"], status="resolved")
    assert _next_due(petition) is None


def test_next_due_follows_open_work_to_a_successor_department(make_petition, users, departments, client_for):
    today = timezone.localdate()
    home_affairs, health = departments["x"], departments["y"]
    moved, already_there = make_petition(title="Chuyển sang sở mới"), make_petition(title="Vốn của sở y tế")
    services.assign_petition(petition=moved, actor=users["staff"], routes=[(home_affairs, today + timedelta(days=2))])
    services.assign_petition(petition=already_there, actor=users["staff"], routes=[(health, today + timedelta(days=8))])
    apply(
        [
            DissolveDepartment(
                department=home_affairs, successors=((health, "nội vụ"),), open_work_to=health, effective_on=today
            )
        ]
    )
    assert moved.assignments.get().department == health
    assert _next_due(moved) == today + timedelta(days=2)
    # The successor's representative sees the moved petition first: it is due sooner, though older.
    response = client_for("rep_y").get(reverse("admin:petitions_petition_changelist"))
    assert [p.title for p in response.context["cl"].result_list] == ["Chuyển sang sở mới", "Vốn của sở y tế"]
    assert not Department.objects.get(pk=home_affairs.pk).is_active
