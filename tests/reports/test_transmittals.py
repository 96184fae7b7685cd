import hashlib

from django.core import mail
from django.urls import reverse
from docx import Document

from dialogue_portal.audit.models import AuditEvent
from dialogues.models import SessionStatus
from reports.models import Transmittal

from .conftest import assign, make_petition


def test_send_summary_records_transmittal_mails_file_and_moves_session(
    client_for, users, units, topics, departments, session_held, report_settings, django_capture_on_commit_callbacks
):
    petition = make_petition(unit=units["a1"], title="Hỗ trợ vay vốn", topics=[topics[0]], session=session_held)
    assign(petition, departments["x"], answer="Đồng ý hỗ trợ")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("staff").post(reverse("reports:send_summary", args=[session_held.pk]))

    transmittal = Transmittal.objects.get()
    session_held.refresh_from_db()
    content = transmittal.file.read()
    assert response.status_code == 302
    assert transmittal.document_number == "01/BC-HPN"
    assert transmittal.checksum == hashlib.sha256(content).hexdigest()
    assert session_held.status == SessionStatus.SUMMARY_SENT
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["tinhuy@example.org", "ubnd@example.org"]
    assert mail.outbox[0].attachments[0][1] == content
    text = "\n".join(
        cell.text for table in Document(transmittal.file.path).tables for row in table.rows for cell in row.cells
    )
    assert "Số: 01/BC-HPN" in text
    assert session_held.status_changes.get().to_status == SessionStatus.SUMMARY_SENT
    assert AuditEvent.objects.filter(action="report.summary_sent").count() == 1


def test_transmittals_are_listed_for_staff_only(client_for, users, session_held):
    assert client_for("staff").get(reverse("reports:transmittals")).status_code == 200
    assert client_for("leader_a").get(reverse("reports:transmittals")).status_code == 403


def test_send_summary_refuses_a_session_not_held(client_for, session_held, report_settings):
    session_held.status = SessionStatus.PLANNED
    session_held.save()

    response = client_for("staff").post(reverse("reports:send_summary", args=[session_held.pk]), follow=True)

    assert "Chỉ gửi báo cáo tổng hợp cho hội nghị đã tổ chức." in response.content.decode()
    assert Transmittal.objects.count() == 0
