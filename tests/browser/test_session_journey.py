"""Journey 5: province staff plan a dialogue session, hold it, and send its summary to the committees."""

import datetime as dt
import io
import re

import time_machine
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from dialogue_portal.directory.models import OrgUnit, ParticipantGroup, UnitLevel
from dialogues.models import DialogueSession, SessionStatus
from reports.models import Transmittal

from .conftest import log_in
from .test_petition_journeys import open_menu_item

SESSION_PAGE = re.compile(r"/sessions/\d+/(#\w+)?$")
TITLE = "Đối thoại chính sách về sinh kế cho phụ nữ dân tộc thiểu số"
MINUTES = "Đại diện Sở Lao động – Thương binh và Xã hội trả lời ý kiến về học nghề; chị em đề nghị mở lớp tại xã."


def move_to(page, verb):
    """Press a workflow button on the session page and confirm it on the page that follows."""
    page.get_by_role("link", name=verb, exact=True).click()
    page.get_by_role("button", name=verb, exact=True).click()
    page.wait_for_url(SESSION_PAGE)


def download_summary(page, button, folder):
    """Generate the summary from the session page and download the file the report page offers."""
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/reports/jobs/*/")
    link = page.get_by_role("link", name="Tải về")
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_staff_plan_hold_and_send_a_session_summary(demo, desktop_page, screenshots, tmp_path):
    page = desktop_page
    shot = screenshots("05-session-summary")
    province = OrgUnit.objects.get(level=UnitLevel.PROVINCE, is_active=True)
    group = ParticipantGroup.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    # This morning's session: planned two hours ahead, held once the clock has moved past its start.
    starts = (timezone.localtime() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)

    log_in(page, "canbo")
    open_menu_item(page, "Hội nghị đối thoại")
    page.get_by_role("link", name="Hội nghị mới").click()
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Đơn vị tổ chức").select_option(value=str(province.pk))
    page.get_by_label("Bắt đầu").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Kết thúc").fill((starts + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Địa điểm").fill("Hội trường UBND huyện Đakrông")
    page.get_by_label("Sở Nội vụ", exact=True).check()
    page.get_by_label("Bảo hiểm xã hội khu vực", exact=True).check()
    shot(page, "plan-form")
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    page.wait_for_url(SESSION_PAGE)
    shot(page, "planned-draft")
    move_to(page, "Chốt kế hoạch")
    move_to(page, "Gửi giấy mời")
    shot(page, "invitations-sent")
    page.get_by_role("link", name="Ghi điểm danh").click()
    page.get_by_label("Sở Nội vụ").select_option(label="Có mặt")
    page.get_by_label("Bảo hiểm xã hội khu vực").select_option(label="Vắng mặt")
    page.get_by_label(f"{group.name}: dự kiến").fill("60")
    page.get_by_label(f"{group.name}: có mặt").fill("54")
    shot(page, "attendance")
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    page.wait_for_url(SESSION_PAGE)
    page.get_by_role("textbox", name="Ghi chú khác").fill(MINUTES)
    page.get_by_role("button", name="Lưu biên bản").click()
    page.wait_for_url("**/#minutes")
    session_url = page.url.split("#")[0]
    # After the session (and past the 30-minute idle logout) staff log in again to close it.
    with time_machine.travel(starts + dt.timedelta(hours=3, minutes=15), tick=True):
        log_in(page, "canbo")
        page.goto(session_url)
        move_to(page, "Ghi nhận đã tổ chức")
        page.locator("#summary").scroll_into_view_if_needed()
        shot(page, "held-summary-area")
        docx_path = download_summary(page, "Tạo báo cáo tổng hợp (.docx)", tmp_path)
        shot(page, "docx-ready")
        page.goto(session_url)
        pdf_path = download_summary(page, "Tạo báo cáo tổng hợp (.pdf)", tmp_path)
        shot(page, "pdf-ready")
        page.goto(session_url)
        page.get_by_role("link", name="Gửi báo cáo tổng hợp tới Tỉnh ủy, UBND tỉnh…").click()
        shot(page, "confirm-sending")
        page.get_by_role("button", name="Gửi báo cáo tổng hợp", exact=True).click()
        page.wait_for_url(SESSION_PAGE)
        shot(page, "summary-sent")
        summary_area = page.locator("#summary").inner_text()
        status = page.locator(".status-badge").inner_text()

    session = DialogueSession.objects.get(title=TITLE)
    transmittal = Transmittal.objects.get(session=session)
    docx_text = "\n".join(
        [p.text for p in Document(docx_path).paragraphs]
        + [cell.text for table in Document(docx_path).tables for row in table.rows for cell in row.cells]
    )
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert session.status == SessionStatus.SUMMARY_SENT
    assert sorted(session.invitations.values_list("department__code", "attended")) == [
        ("bhxh-khu-vuc", False),
        ("noi-vu", True),
    ]
    assert session.attendance.get(group=group).actual == 54
    assert session.minutes == MINUTES
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx_text
    # The title names the dialogue once: "…tại hội nghị đối thoại chính sách về sinh kế…", never twice over.
    assert "hội nghị đối thoại chính sách về sinh kế cho phụ nữ dân tộc thiểu số" in docx_text
    assert "Độc lập - Tự do - Hạnh phúc" in pdf_text
    assert "sinh kế cho phụ nữ dân tộc thiểu số" in " ".join(pdf_text.split())  # the title may wrap
    assert status == "Đã gửi báo cáo tổng hợp"
    assert transmittal.document_number in summary_area
    assert transmittal.filename in summary_area
