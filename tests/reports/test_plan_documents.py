"""The plan (Kế hoạch) and the invitation letters (Giấy mời) as the departments and clerks read them: the .docx
opened in LibreOffice and read back with pdftotext, the PDF attached to each department's invitation mail, and
a revised letter after the session moved. Page 1 of each is kept as a PNG in test-artifacts/documents/."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.models import ParticipantGroup
from dialogues import plans
from dialogues import services as dialogue_services
from dialogues.models import AgendaItem, DialogueSession, Invitation, ParticipantAttendance, SessionStatus
from reports import issuing
from reports.models import DocumentKind, IssuedDocument

from .conftest import make_petition
from .test_documents_libreoffice import MOTTO, libreoffice_pdf, normalised, pdf_pages, save_first_page_png

pytestmark = pytest.mark.libreoffice

AGENDA = [
    "Khai mạc, giới thiệu đại biểu",
    "Vai trò của các cấp hội phụ nữ trong thực hiện bình đẳng giới",
    "Chính sách đào tạo nghề, lao động việc làm, xuất khẩu lao động",
    "Những điểm mới của Luật Bảo hiểm xã hội sửa đổi",
    "Đối thoại, giải đáp ý kiến, kiến nghị",
]


def local_day_at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def planned(units, departments, users, topics, report_settings):
    start = local_day_at(20, 8, 0)
    session = DialogueSession.objects.create(
        title="Đối thoại chính sách về vai trò của phụ nữ trong thúc đẩy bình đẳng giới",
        host_unit=units["qt"],
        programme="Dự án 8",
        theme="Vai trò của phụ nữ và sự tham gia của các ngành trong thúc đẩy bình đẳng giới",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3, minutes=30),
        venue="Hội trường Hội LHPN tỉnh, 01 Trần Hưng Đạo, TP Đông Hà",
        status=SessionStatus.PLANNED,
    )
    for department in departments.values():
        Invitation.objects.create(session=session, department=department)
    for position, title in enumerate(AGENDA, start=1):
        AgendaItem.objects.create(session=session, position=position, title=title, planned_minutes=20 + 5 * position)
    for group, expected in zip(ParticipantGroup.objects.order_by("pk")[:3], [40, 25, 12], strict=True):
        ParticipantAttendance.objects.create(session=session, group=group, expected=expected)
    for n in range(5):
        make_petition(unit=units["a1"], title=f"Kiến nghị {n}", topics=[topics[n % 2]], session=session)
    plans.save_plan(
        session=session,
        actor=users["staff"],
        data=plans.PlanData(contact_name="Đ/c Lê Thị Hoa", contact_phone="0233 3852 123"),
    )
    plans.add_task(
        session=session,
        actor=users["staff"],
        task="Tổng hợp ý kiến, kiến nghị của hội viên gửi các sở, ngành",
        unit=units["qt"],
        person="Ban Chính sách – Luật pháp",
        due_date=start.date() - datetime.timedelta(days=7),
    )
    return session


def page_total(client, session) -> int:
    html = client.get(reverse("dialogues:detail", args=[session.pk])).content.decode()
    found = re.search(r'id="expected-total">.*?<strong>(\d+)</strong>', html, re.S)
    return int(found.group(1))


def read_docx(issued: IssuedDocument, tmp_path, name: str) -> list[str]:
    docx = tmp_path / f"{name}.docx"
    docx.write_bytes(issued.file.read())
    office = libreoffice_pdf(docx)
    save_first_page_png(office, name)
    return pdf_pages(office)


def attachment_text(content: bytes, tmp_path, name: str) -> list[str]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    return pdf_pages(pdf)


def test_the_plan_states_the_session_as_stored(planned, users, client_for, tmp_path):
    session = planned
    issued = issuing.issue_plan(session=session, actor=users["staff"])

    pages = read_docx(issued, tmp_path, "plan-libreoffice")
    lines = [line for page in pages for line in page.splitlines()]
    text = normalised(pages)
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    assert any(MOTTO in line for line in lines), "the motto wraps"
    assert any(line.strip() == "KẾ HOẠCH" for line in lines)
    assert f"Số: {issued.number:02d}/KH-HPN" in text and issued.document_number == f"{issued.number:02d}/KH-HPN"
    assert f"Từ {start:%H:%M} đến {end:%H:%M}" in text and f"ngày {start:%d/%m/%Y}" in text
    assert f"Địa điểm: {session.venue}." in text
    assert "Thực hiện Dự án 8, tổ chức hội nghị đối thoại chính sách về vai trò của phụ nữ" in text
    # The agenda, every item, in order.
    positions = [text.find(item) for item in AGENDA]
    assert -1 not in positions and positions == sorted(positions)
    # The attendance table's numbers add up to its total, and the total is the session page's figure.
    rows = [m for line in lines if (m := re.match(r"^\s*\d+\s+(.+?)\s{2,}(\d+)\s*$", line))]
    listed = sum(int(m.group(2)) for m in rows if "Đại diện lãnh đạo" in m.group(1) or "Tổng" not in m.group(1))
    total = next(int(m.group(1)) for line in lines if (m := re.match(r"^\s*Tổng cộng\s+(\d+)\s*$", line)))
    assert listed == total == page_total(client_for("staff"), session) == 2 + 40 + 25 + 12
    assert "đã tổng hợp 5 ý kiến, kiến nghị" in text
    task_line = next(line for line in lines if "Tổng hợp ý kiến, kiến" in line)  # the table's task row
    assert "Hội LHPN tỉnh Quảng Trị" in task_line and (start.date() - datetime.timedelta(days=7)).strftime(
        "%d/%m/%Y"
    ) in " ".join(lines)
    assert "TM. BAN THƯỜNG VỤ" in text and "Nguyễn Thị Hương" in text
    assert not re.search(r"(?i)\b(plan|policy|dialogue|invitation|purpose|venue|time)\b", text), "English"

    # The PDF issued beside it says the same, and the exact files are on record.
    weasy = attachment_text(issued.pdf.open("rb").read(), tmp_path, "plan-weasyprint")
    save_first_page_png(tmp_path / "plan-weasyprint.pdf", "plan-weasyprint")
    assert "KẾ HOẠCH" in normalised(weasy) and all(item in normalised(weasy) for item in AGENDA)
    import hashlib

    assert issued.checksum == hashlib.sha256(issued.file.open("rb").read()).hexdigest()
    assert issued.pdf_checksum == hashlib.sha256(issued.pdf.open("rb").read()).hexdigest()


def send_invitations(session, actor, capture):
    with capture(execute=True):
        dialogue_services.transition(session=session, to_status=SessionStatus.INVITATIONS_SENT, actor=actor)


def letters_by_address(tmp_path, tag):
    found = {}
    for message in mail.outbox:
        (ics_name, _ics, ics_type), *rest = message.attachments
        assert ics_type == "text/calendar" and ics_name.endswith(".ics")
        [(pdf_name, content, mimetype)] = rest
        assert mimetype == "application/pdf"
        found[message.to[0]] = (pdf_name, normalised(attachment_text(content, tmp_path, f"{tag}-{message.to[0]}")))
        if message.to[0] == "rep_x@example.org":
            save_first_page_png(tmp_path / f"{tag}-{message.to[0]}.pdf", f"invitation-{tag}-mailed-weasyprint")
    return found


def test_each_department_gets_its_own_letter_and_a_reschedule_sends_the_revised_one(
    planned, users, departments, tmp_path, django_capture_on_commit_callbacks
):
    session = planned
    plan = issuing.issue_plan(session=session, actor=users["staff"])
    send_invitations(session, users["staff"], django_capture_on_commit_callbacks)

    letters = letters_by_address(tmp_path, "letter")
    assert set(letters) == {"rep_x@example.org", "rep_y@example.org"}
    start = timezone.localtime(session.starts_at)
    for address, department in (("rep_x@example.org", departments["x"]), ("rep_y@example.org", departments["y"])):
        name, text = letters[address]
        other = departments["y" if department == departments["x"] else "x"]
        assert "GIẤY MỜI" in text and f"Kính gửi: {department.name}" in text
        assert f"Kính gửi: {other.name}" not in text
        assert not re.search(r"(?i)\b(policy|dialogue|invitation|venue)\b", text), "English in the letter"
        assert f"{start:%H:%M}" in text and f"ngày {start:%d/%m/%Y}" in text and session.venue in text
        assert f"theo Kế hoạch số {plan.document_number}" in text
        assert "Đ/c Lê Thị Hoa, điện thoại 0233 3852 123" in text
        deadline = start.date() - datetime.timedelta(days=3)
        assert f"trước ngày {deadline:%d/%m/%Y}" in text
    first = {d.department_id: d for d in IssuedDocument.objects.filter(kind=DocumentKind.INVITATION)}
    assert len(first) == 2 and len({d.number for d in first.values()}) == 2

    # The .docx of a letter, in LibreOffice.
    pages = read_docx(first[departments["x"].pk], tmp_path, "invitation-letter-libreoffice")
    lines = [line for page in pages for line in page.splitlines()]
    assert any(MOTTO in line for line in lines)
    assert any(line.strip() == "GIẤY MỜI" for line in lines)
    assert f"Kính gửi: {departments['x'].name}" in normalised(pages)

    # The session moves: postponed to a new date, planned again, invitations sent again.
    mail.outbox.clear()
    moved = local_day_at(27, 14, 30)
    staff = users["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        dialogue_services.transition(
            session=session,
            to_status=SessionStatus.POSTPONED,
            actor=staff,
            note="Trùng lịch họp của UBND tỉnh",
            starts_at=moved,
            ends_at=moved + datetime.timedelta(hours=3),
        )
        dialogue_services.transition(session=session, to_status=SessionStatus.PLANNED, actor=staff)
    mail.outbox.clear()
    send_invitations(session, staff, django_capture_on_commit_callbacks)

    revised = letters_by_address(tmp_path, "revised")
    for address, department in (("rep_x@example.org", departments["x"]), ("rep_y@example.org", departments["y"])):
        earlier = first[department.pk]
        _name, text = revised[address]
        assert f"Thay thế Giấy mời số {earlier.document_number} ngày {earlier.document_date:%d/%m/%Y}" in text
        assert f"Số: {earlier.document_number}" in text  # the same number
        assert "14:30" in text and f"ngày {moved:%d/%m/%Y}" in text
    latest = IssuedDocument.objects.get(department=departments["x"], revision=1)
    assert (latest.number, latest.replaces) == (first[departments["x"].pk].number, first[departments["x"].pk])
    pages = read_docx(latest, tmp_path, "invitation-letter-revised-libreoffice")
    assert "Thay thế Giấy mời số" in normalised(pages)


def test_a_retried_mail_task_issues_no_second_letter(planned, users, django_capture_on_commit_callbacks):
    send_invitations(planned, users["staff"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        dialogue_services.notify_invited(session=planned, notice="invitation")

    assert IssuedDocument.objects.filter(kind=DocumentKind.INVITATION).count() == 2
    assert all(len(m.attachments) == 2 for m in mail.outbox)
