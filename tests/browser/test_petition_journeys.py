"""Journeys 1–3: a branch leader submits and imports petitions; province staff triage and route them."""

import datetime as dt

from django.utils import timezone
from openpyxl import load_workbook

from dialogues.models import DialogueSession, SessionStatus
from petitions.models import Petition, PetitionStatus

from .conftest import log_in


def open_menu_item(page, name):
    """Follow a menu link, opening the collapsed menu first on a phone."""
    toggler = page.get_by_role("button", name="Mở menu")
    if toggler.is_visible():
        toggler.click()
    page.get_by_role("link", name=name, exact=True).first.click()


def test_branch_leader_on_a_phone_submits_a_petition_with_an_attachment(demo, phone_page, screenshots, tmp_path):
    page = phone_page
    shot = screenshots("01-submit-petition-phone")
    scan = tmp_path / "bien-ban-hop-chi-hoi.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    log_in(page, "gio_linh")
    shot(page, "home")
    open_menu_item(page, "Ý kiến, kiến nghị")
    page.get_by_role("link", name="Gửi kiến nghị").click()
    shot(page, "empty-form")
    page.get_by_label("Tiêu đề").fill("Mở lớp dạy nghề may cho phụ nữ thôn Hà Thượng")
    page.get_by_label("Nội dung").fill("Chị em đề nghị mở lớp dạy nghề may công nghiệp tại xã trong năm tới.")
    page.get_by_label("Đào tạo nghề").check()
    page.get_by_label("Họ tên người nêu").fill("Lê Thị Hằng")
    page.get_by_label("Tệp đính kèm").set_input_files(scan)
    shot(page, "filled-form")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.wait_for_url("**/petitions/*/")
    shot(page, "submitted")
    petition = Petition.objects.get(title="Mở lớp dạy nghề may cho phụ nữ thôn Hà Thượng")
    attachment_link = page.get_by_role("link", name="bien-ban-hop-chi-hoi.pdf")
    attachment_shown = attachment_link.is_visible()
    open_menu_item(page, "Ý kiến, kiến nghị")
    row = page.get_by_role("row").filter(has_text=petition.title)
    shot(page, "in-my-list")

    assert attachment_shown
    assert row.count() == 1
    assert petition.code in row.inner_text()
    assert "Đã gửi" in row.inner_text()
    assert petition.attachments.get().original_name == "bien-ban-hop-chi-hoi.pdf"


def test_branch_leader_imports_a_spreadsheet_after_fixing_the_flagged_row(demo, desktop_page, screenshots, tmp_path):
    page = desktop_page
    shot = screenshots("02-import-spreadsheet")
    titles = ["Hỗ trợ tiêu thụ sản phẩm OCOP của chị em Gio Sơn", "Tập huấn phòng chống tín dụng đen"]

    log_in(page, "gio_linh")
    open_menu_item(page, "Ý kiến, kiến nghị")
    page.get_by_role("link", name="Nhập từ tệp Excel").click()
    shot(page, "import-page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu (.xlsx)").click()
    sheet_path = tmp_path / "kien-nghi.xlsx"
    download.value.save_as(sheet_path)
    workbook = load_workbook(sheet_path)
    sheet = workbook.active
    sheet.delete_rows(2, sheet.max_row)  # the template's example row
    header = [cell.value for cell in sheet[1]]
    for title, content in [(titles[0], "Đề nghị kết nối tiêu thụ sản phẩm."), (titles[1], "")]:
        row = [""] * len(header)
        row[1], row[2], row[4] = title, content, "xa-gio-linh"  # gio_linh's unit since the 2025 reform
        sheet.append(row)
    workbook.save(sheet_path)
    page.get_by_label("Tệp Excel (.xlsx) hoặc CSV").set_input_files(sheet_path)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    flagged = page.get_by_role("row").filter(has_text=titles[1])
    shot(page, "row-flagged")
    flagged_text = flagged.inner_text()
    sheet.cell(row=3, column=3, value="Đề nghị mở lớp tập huấn nhận biết tín dụng đen cho hội viên.")
    workbook.save(sheet_path)
    page.get_by_label("Tệp Excel (.xlsx) hoặc CSV").set_input_files(sheet_path)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    shot(page, "file-correct")
    page.get_by_role("button", name="Nhập tất cả").click()
    page.wait_for_url("**/petitions/")
    shot(page, "imported")
    body = page.locator("main").inner_text()

    assert flagged_text.split()[0] == "3"  # the sheet's row number
    assert "Đã nhập 2 kiến nghị." in body
    assert all(title in body for title in titles)
    assert Petition.objects.filter(title__in=titles, unit__code="xa-gio-linh").count() == 2


def test_staff_triage_a_petition_route_it_to_two_departments_and_link_it_to_a_session(demo, desktop_page, screenshots):
    page = desktop_page
    shot = screenshots("03-triage-assign-link")
    petition = Petition.objects.filter(status=PetitionStatus.SUBMITTED).order_by("submitted_at", "pk").first()
    start = timezone.localtime() + dt.timedelta(days=30)
    session = DialogueSession.objects.create(
        title="Đối thoại với hội viên về vay vốn và đào tạo nghề",
        host_unit=petition.unit.ancestors().first(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        status=SessionStatus.PLANNED,
    )
    today = timezone.localdate()
    due_labour, due_insurance = today + dt.timedelta(days=20), today + dt.timedelta(days=25)

    log_in(page, "canbo")
    open_menu_item(page, "Chờ phân loại")
    shot(page, "triage-queue")
    page.get_by_label(f"Chọn {petition.code}").check()
    page.get_by_label("Với các kiến nghị đã chọn").select_option(label="Đánh dấu đã tiếp nhận")
    page.get_by_role("button", name="Thực hiện").click()
    page.wait_for_load_state()
    shot(page, "received")
    page.get_by_role("link", name=petition.title).first.click()
    page.get_by_role("link", name="Chuyển sở, ban, ngành").click()
    page.get_by_label("Sở Nội vụ", exact=True).check()
    page.get_by_label("Hạn trả lời của Sở Nội vụ").fill(due_labour.isoformat())
    page.get_by_label("Bảo hiểm xã hội khu vực", exact=True).check()
    page.get_by_label("Hạn trả lời của Bảo hiểm xã hội khu vực").fill(due_insurance.isoformat())
    shot(page, "two-departments-chosen")
    page.get_by_role("button", name="Chuyển", exact=True).click()
    page.wait_for_url(f"**/petitions/{petition.pk}/")
    shot(page, "assigned")
    page.get_by_role("link", name="Gắn với hội nghị").click()
    page.get_by_label("Hội nghị đối thoại").select_option(label=session.choice_label)
    page.get_by_role("button", name="Gắn với hội nghị").click()
    page.wait_for_url(f"**/petitions/{petition.pk}/")
    shot(page, "linked-to-session")
    body = page.locator("main").inner_text()

    petition.refresh_from_db()
    routes = sorted((a.department.code, a.due_date) for a in petition.assignments.select_related("department"))
    assert routes == [("bhxh-khu-vuc", due_insurance), ("noi-vu", due_labour)]
    assert (petition.status, petition.session) == (PetitionStatus.ASSIGNED, session)
    assert due_labour.strftime("%d/%m/%Y") in body
    assert due_insurance.strftime("%d/%m/%Y") in body
    assert session.title in body
