"""Every move in the workflow table, allowed for the roles it names and refused for the others."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from petitions import services, workflow
from petitions.models import Assignment, PetitionStatus

ROLE_USERS = {workflow.STAFF: "staff", workflow.LEADER: "leader_a", workflow.DEPARTMENT: "rep_x"}
# rep_x's department is the only one assigned, so it may also close the whole petition.
HELD_ROLES = {
    workflow.STAFF: {workflow.STAFF},
    workflow.LEADER: {workflow.LEADER},
    workflow.DEPARTMENT: {workflow.DEPARTMENT, workflow.DEPARTMENT_ALONE},
}


@pytest.fixture
def petition_in(make_petition, users, departments):
    """A Gio Linh petition put in ``status`` and assigned to department x, so rep_x is its department."""
    keep = make_petition(title="Kiến nghị giữ lại")

    def make(status):
        petition = make_petition()
        Assignment.objects.create(
            petition=petition, department=departments["x"], due_date=timezone.localdate() + timedelta(days=5)
        )
        type(petition).objects.filter(pk=petition.pk).update(
            status=status, merged_into=keep if status == "merged" else None
        )
        petition.refresh_from_db()
        return petition, keep

    return make


def _move(petition, keep, to_status, user):
    return services.transition(
        petition=petition,
        to_status=to_status,
        actor=user,
        note="Thiếu thông tin về địa chỉ",
        merged_into=keep,
        forwarded_authority="UBND tỉnh Quảng Trị",
    )


def _expected(from_status, to_status, role):
    roles = workflow.TRANSITIONS[from_status].get(to_status)
    if roles is None:
        return "not in table"
    return "allowed" if roles & HELD_ROLES[role] else "refused"


def _attempt(petition_in, from_status, to_status, user):
    """Try one move inside a rolled-back block; return what happened and what the log says."""
    with transaction.atomic():
        petition, keep = petition_in(from_status)
        logged_before = petition.status_changes.count()
        try:
            moved = _move(petition, keep, to_status, user)
        except PermissionDenied:
            outcome = "refused"
        except ValidationError:
            outcome = "not in table"
        else:
            change = petition.status_changes.last()
            assert (moved.status, change.from_status, change.to_status, change.actor) == (
                to_status,
                from_status,
                to_status,
                user,
            )
            outcome = "allowed"
        petition.refresh_from_db()
        if outcome != "allowed":
            assert (petition.status, petition.status_changes.count()) == (from_status, logged_before)
        transaction.set_rollback(True)
    return outcome


@pytest.mark.parametrize("from_status", PetitionStatus.values)
def test_every_transition_is_allowed_or_refused_by_role_as_the_table_says(petition_in, users, from_status):
    expected, actual = {}, {}
    for to_status in PetitionStatus.values:
        for role, username in ROLE_USERS.items():
            expected[(to_status, role)] = _expected(from_status, to_status, role)
            actual[(to_status, role)] = _attempt(petition_in, from_status, to_status, users[username])
    assert actual == expected


@pytest.mark.parametrize(
    "from_status",
    [f for f, targets in workflow.TRANSITIONS.items() if any(workflow.LEADER in roles for roles in targets.values())],
)
def test_leader_of_another_district_may_move_nothing(petition_in, users, from_status):
    outcomes = {
        to_status: _attempt(petition_in, from_status, to_status, users["leader_b"])
        for to_status in workflow.TRANSITIONS[from_status]
    }
    assert set(outcomes.values()) == {"refused"}


def test_a_user_without_role_may_move_nothing(petition_in, users):
    users["staff"].groups.clear()
    users["staff"].__dict__.pop("role_names", None)
    assert _attempt(petition_in, "submitted", "received", users["staff"]) == "refused"


@pytest.mark.parametrize("to_status", ["rejected", "returned"])
def test_reject_and_return_need_a_reason(make_petition, users, to_status):
    petition = make_petition()
    with pytest.raises(ValidationError) as error:
        services.transition(petition=petition, to_status=to_status, actor=users["staff"], note="  ")
    petition.refresh_from_db()
    assert (petition.status, "note" in error.value.message_dict) == ("submitted", True)


def test_reject_tells_the_submitter_why(make_petition, users, django_capture_on_commit_callbacks):
    petition = make_petition()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(petition=petition, to_status="rejected", actor=users["staff"], note="Trùng nội dung")
    petition.refresh_from_db()
    assert petition.status_reason == "Trùng nội dung"
    assert [m.to for m in mail.outbox] == [["leader_a@example.org"]]
    assert "Trùng nội dung" in mail.outbox[0].body
    assert petition.code in mail.outbox[0].subject


def test_transition_from_a_stale_form_is_refused(make_petition, users):
    petition = make_petition()
    services.update_petition(
        petition=petition, actor=users["staff"], expected_version=petition.version, title="Tiêu đề mới"
    )
    with pytest.raises(services.StaleEdit) as error:
        services.transition(
            petition=petition, to_status="received", actor=users["staff"], expected_version=petition.version
        )
    assert [(c.old, c.new) for c in error.value.changes] == [("Hỗ trợ vay vốn khởi nghiệp", "Tiêu đề mới")]


def test_submit_logs_draft_to_submitted(make_petition, users):
    petition = make_petition()
    assert list(petition.status_changes.values_list("from_status", "to_status", "actor")) == [
        ("draft", "submitted", users["leader_a"].pk)
    ]
    assert petition.submitted_at is not None
