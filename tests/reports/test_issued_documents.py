"""The plan page, issuing the plan, and who sees which issued document (without LibreOffice)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogues import plans
from dialogues.models import DialogueSession, Invitation, PlanTask, SessionPlan, SessionStatus
from reports import issuing
from reports.models import DocumentKind, IssuedDocument


@pytest.fixture
def session(units, departments, report_settings):
    start = (timezone.now() + datetime.timedelta(days=15)).replace(microsecond=0)
    made = DialogueSession.objects.create(
        title="Đối thoại về vay vốn khởi nghiệp",
        host_unit=units["a1"],
        programme="Dự án 8",
        theme="Vay vốn khởi nghiệp",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        venue="Hội trường xã Linh Trường",
        status=SessionStatus.PLANNED,
    )
    for department in departments.values():
        Invitation.objects.create(session=made, department=department)
    return made


def test_the_plan_page_proposes_a_purpose_from_the_programme_and_saves_the_contact(client_for, session):
    client = client_for("leader_a")
    url = reverse("dialogues:plan", args=[session.pk])

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "save_plan": "1",
            "purpose": plans.default_purpose(session),
            "attendee_request": "leader",
            "contact_name": "Lê Thị Hoa",
            "contact_phone": "0233 3852 123",
        },
    )

    assert "Thực hiện Dự án 8, tổ chức hội nghị đối thoại chính sách về vay vốn khởi nghiệp" in page
    assert response.status_code == 302
    saved = session.plan
    assert (saved.purpose, saved.contact_phone, saved.attendee_request) == ("", "0233 3852 123", "leader")


def test_a_bad_phone_or_a_reply_date_after_the_session_saves_nothing(client_for, session):
    client = client_for("staff")
    url = reverse("dialogues:plan", args=[session.pk])
    late = (timezone.localtime(session.starts_at) + datetime.timedelta(days=2)).date()

    bad_phone = client.post(url, {"save_plan": "1", "attendee_request": "leader", "contact_phone": "gọi tôi"})
    too_late = client.post(url, {"save_plan": "1", "attendee_request": "leader", "reply_by": late.isoformat()})

    assert bad_phone.status_code == too_late.status_code == 400
    assert "Nhập số điện thoại" in bad_phone.content.decode() or "Enter a phone" in bad_phone.content.decode()
    assert not SessionPlan.objects.filter(session=session).exists()


def test_tasks_are_added_and_removed_and_need_someone_to_do_them(client_for, session, units):
    client = client_for("staff")
    url = reverse("dialogues:plan", args=[session.pk])

    nobody = client.post(url, {"add_task": "1", "task": "Chuẩn bị hội trường"})
    added = client.post(url, {"add_task": "1", "task": "Chuẩn bị hội trường", "unit": units["a1"].pk})
    task = PlanTask.objects.get(session=session)
    removed = client.post(reverse("dialogues:plan_task_remove", args=[session.pk, task.pk]))

    assert nobody.status_code == 400 and added.status_code == 302 and removed.status_code == 302
    assert not PlanTask.objects.filter(session=session).exists()


def test_a_draft_session_has_no_plan_issued(client_for, session):
    DialogueSession.objects.filter(pk=session.pk).update(status=SessionStatus.DRAFT)

    response = client_for("staff").post(reverse("reports:issue_plan", args=[session.pk]), follow=True)

    assert not IssuedDocument.objects.exists()
    assert response.status_code == 200 and "alert" in response.content.decode()


def test_issuing_the_plan_again_keeps_the_number(users, session):
    first = issuing.issue_plan(session=session, actor=users["staff"])
    second = issuing.issue_plan(session=session, actor=users["staff"])
    other = DialogueSession.objects.create(
        title="Đối thoại khác",
        host_unit=session.host_unit,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        status=SessionStatus.PLANNED,
    )
    third = issuing.issue_plan(session=other, actor=users["staff"])

    assert (second.number, second.revision, second.replaces) == (first.number, 1, first)
    assert third.number == first.number + 1 and third.document_number.endswith("/KH-HPN")


def test_a_department_sees_only_its_own_letter(client_for, users, session, departments):
    for invitation in session.invitations.all():
        issuing.letter_for(invitation)
    mine = IssuedDocument.objects.get(department=departments["x"])
    theirs = IssuedDocument.objects.get(department=departments["y"])
    plan = issuing.issue_plan(session=session, actor=users["staff"])
    rep = client_for("rep_x")

    page = rep.get(reverse("dialogues:detail", args=[session.pk])).content.decode()
    own = rep.get(reverse("reports:issued_file", args=[mine.pk, "pdf"]))
    other = rep.get(reverse("reports:issued_file", args=[theirs.pk, "pdf"]))
    plan_file = rep.get(reverse("reports:issued_file", args=[plan.pk, "docx"]))
    admin_page = rep.get(reverse("admin:dialogues_invitation_change", args=[mine.invitation_id])).content.decode()

    assert reverse("reports:issued_file", args=[mine.pk, "pdf"]) in page
    assert reverse("reports:issued_file", args=[theirs.pk, "pdf"]) not in page
    assert reverse("reports:issued_file", args=[plan.pk, "pdf"]) not in page
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert b"".join(own.streaming_content).startswith(b"%PDF")
    assert other.status_code == plan_file.status_code == 404
    assert reverse("reports:issued_file", args=[mine.pk, "pdf"]) in admin_page
    assert mine.kind == DocumentKind.INVITATION and mine.document_number.endswith("/GM-HPN")


def test_the_hosting_leader_and_staff_see_every_document_others_none(client_for, users, session):
    plan = issuing.issue_plan(session=session, actor=users["leader_a"])
    url = reverse("reports:issued_file", args=[plan.pk, "docx"])

    codes = {role: client_for(role).get(url).status_code for role in ("leader_a", "leader_b", "staff", "rep_y")}

    assert codes == {"leader_a": 200, "leader_b": 404, "staff": 200, "rep_y": 404}
