"""Department representatives in the admin: their department's petitions only, answers through the services."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from petitions import services


def _inline_answer(petition, assignment, **answer):
    return {
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "1",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-id": str(assignment.pk),
        "assignments-0-petition": str(petition.pk),
        **{f"assignments-0-{key}": value for key, value in answer.items()},
    }


def test_department_answers_inline_and_the_petition_becomes_answered(assigned, client_for):
    assignment = assigned.assignments.get()
    url = reverse("admin:petitions_petition_change", args=[assigned.pk])
    data = _inline_answer(assigned, assignment, answer_text="Sở đã bố trí lớp học nghề.", answer_method="in_writing")
    response = client_for("rep_x").post(url, data)
    assigned.refresh_from_db()
    assert response.status_code == 302
    assert (assigned.status, assignment.answer.text, assignment.answer.author.username) == (
        "answered",
        "Sở đã bố trí lớp học nghề.",
        "rep_x",
    )


def test_inline_answer_forwarded_without_authority_is_refused_with_a_message(assigned, client_for):
    assignment = assigned.assignments.get()
    url = reverse("admin:petitions_petition_change", args=[assigned.pk])
    response = client_for("rep_x").post(
        url, _inline_answer(assigned, assignment, answer_text="Chuyển", answer_method="forwarded")
    )
    assigned.refresh_from_db()
    assert response.status_code == 200
    assert "Hãy ghi tên cơ quan có thẩm quyền." in response.content.decode()
    assert assigned.status == "assigned"


def test_admin_action_marks_the_departments_part_resolved(assigned, client_for):
    response = client_for("rep_x").post(
        reverse("admin:petitions_petition_changelist"), {"action": "mark_resolved", "_selected_action": [assigned.pk]}
    )
    assigned.refresh_from_db()
    assert response.status_code == 302
    assert (assigned.status, assigned.assignments.get().status) == ("resolved", "resolved")


def test_admin_action_mark_forwarded_needs_the_authority_in_the_answer(assigned, client_for):
    response = client_for("rep_x").post(
        reverse("admin:petitions_petition_changelist"),
        {"action": "mark_forwarded", "_selected_action": [assigned.pk]},
        follow=True,
    )
    assigned.refresh_from_db()
    assert assigned.status == "assigned"
    assert "Hãy nhập nội dung trả lời có ghi tên cơ quan có thẩm quyền trước." in response.content.decode()


def test_admin_action_cannot_reach_another_departments_petition(assigned, client_for):
    client_for("rep_y").post(
        reverse("admin:petitions_petition_changelist"), {"action": "mark_resolved", "_selected_action": [assigned.pk]}
    )
    assigned.refresh_from_db()
    assert assigned.status == "assigned"


def test_admin_list_shows_only_the_departments_petitions_overdue_first(make_petition, users, departments, client_for):
    today = timezone.localdate()
    # The late one is the older: newest-first would list it second.
    late, on_time, elsewhere = (
        make_petition(title="Quá hạn"),
        make_petition(title="Đúng hạn"),
        make_petition(title="Sở khác"),
    )
    services.assign_petition(
        petition=on_time, actor=users["staff"], routes=[(departments["x"], today + timedelta(days=2))]
    )
    services.assign_petition(
        petition=late, actor=users["staff"], routes=[(departments["x"], today + timedelta(days=9))]
    )
    services.assign_petition(petition=elsewhere, actor=users["staff"], routes=[(departments["y"], today)])
    late.assignments.update(due_date=today - timedelta(days=1))  # no form moves a due date into the past
    services.refresh_next_due([late.pk])
    response = client_for("rep_x").get(reverse("admin:petitions_petition_changelist"))
    assert [p.title for p in response.context["cl"].result_list] == ["Quá hạn", "Đúng hạn"]
    assert [p.is_overdue for p in response.context["cl"].result_list] == [True, False]
    overdue_only = client_for("rep_x").get(reverse("admin:petitions_petition_changelist"), {"overdue": "yes"})
    assert [p.title for p in overdue_only.context["cl"].result_list] == ["Quá hạn"]


def test_only_an_administrator_may_delete(assigned, client_for):
    url = reverse("admin:petitions_petition_delete", args=[assigned.pk])
    assert [client_for(who).get(url).status_code for who in ("staff", "rep_x", "admin")] == [403, 403, 200]


def test_department_cannot_open_a_past_version_form(assigned, client_for):
    record = assigned.history.first()
    url = reverse("admin:petitions_petition_simple_history", args=[assigned.pk, record.history_id])
    assert [client_for(who).get(url).status_code for who in ("rep_x", "staff")] == [403, 200]
