"""Every .xlsx the portal writes opens readable: a title row stating the parameters, a frozen header with a
filter over the data, columns wider than Excel's default, and real date cells in every date column."""

import datetime

import openpyxl
import pytest
import time_machine
from openpyxl.utils import get_column_letter

from reports.exporters import PeriodReportExporter, PetitionListExporter, SessionListExporter
from reports.scope import scope_of

from .conftest import assign, make_petition

EXCEL_DEFAULT_WIDTH = 8.43
# Header labels (Vietnamese) of the columns that hold dates, in any sheet.
DATE_HEADERS = {"Hạn trả lời", "Thời điểm gửi", "Ngày", "Bắt đầu", "Kết thúc"}
NOW = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)


def check_sheet(sheet, expected_date_headers):
    """The sheet's layout, checked as a reader would see it; returns the title line."""
    header = [cell.value for cell in sheet[2]]
    last_row = sheet.max_row
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:{get_column_letter(len(header))}{last_row}"
    for column in range(1, len(header) + 1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        assert dimension.customWidth, header[column - 1]
        assert dimension.width > EXCEL_DEFAULT_WIDTH, header[column - 1]
    date_columns = [index for index, label in enumerate(header) if label in DATE_HEADERS]
    assert {header[i] for i in date_columns} == expected_date_headers
    for index in date_columns:
        values = [row[index] for row in sheet.iter_rows(min_row=3) if row[index].value is not None]
        assert values, f"no value in {header[index]}"
        for cell in values:
            assert isinstance(cell.value, datetime.datetime), (header[index], cell.value)
            assert cell.number_format.startswith("DD/MM/YYYY")
    return sheet["A1"].value


@pytest.fixture
def data(units, topics, departments, users):
    from dialogues.models import DialogueSession, SessionStatus

    with time_machine.travel(NOW):
        start = datetime.datetime(2024, 11, 20, 1, 0, tzinfo=datetime.UTC)
        session = DialogueSession.objects.create(
            title="Đối thoại về việc làm",
            host_unit=units["a"],
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
            status=SessionStatus.HELD,
        )
        when = datetime.datetime(2024, 11, 2, 9, 0, tzinfo=datetime.UTC)
        late = make_petition(
            unit=units["a1"],
            title="Nước sạch cho thôn Hà Thượng — đề nghị đầu tư hệ thống cấp nước tập trung",
            topics=[topics[0]],
            when=when,
            session=session,
        )
        assign(late, departments["x"], due=datetime.date(2024, 12, 1))
        other = make_petition(unit=units["a1"], title="Vay vốn", topics=[topics[1]], when=when)
        assign(other, departments["y"], due=datetime.date(2025, 4, 1), answer="Đã trả lời")
    return {"session": session, "late": late}


def test_petition_list_xlsx_is_laid_out_for_reading(users, topics, data, tmp_path):
    path = tmp_path / "list.xlsx"
    exporter = PetitionListExporter(parameters={"topic": topics[0].pk}, scope=scope_of(users["staff"]))

    with time_machine.travel(NOW):
        rows = exporter.write("xlsx", str(path), lambda d, t: None)

    sheet = openpyxl.load_workbook(path).active
    title = check_sheet(sheet, {"Hạn trả lời", "Thời điểm gửi"})
    assert rows == 1 == sheet.max_row - 2
    assert title == f"Danh sách ý kiến, kiến nghị — Chủ đề: {topics[0].name}; xuất ngày 01/03/2025"
    assert sheet.cell(row=3, column=12).value == datetime.datetime(2024, 12, 1)
    # The long title's column is as wide as the title up to a cap of 60 characters, not Excel's 8.43.
    assert sheet.column_dimensions["C"].width == 60 < len(data["late"].title)
    assert 10 <= sheet.column_dimensions["A"].width < 20  # the code: short


def test_session_list_xlsx_is_laid_out_for_reading(users, data, tmp_path):
    path = tmp_path / "sessions.xlsx"

    with time_machine.travel(NOW):
        SessionListExporter(parameters={"year": 2024}, scope=scope_of(users["staff"])).write(
            "xlsx", str(path), lambda d, t: None
        )

    title = check_sheet(openpyxl.load_workbook(path).active, {"Bắt đầu", "Kết thúc"})
    assert title == "Danh sách hội nghị đối thoại — Năm: 2024; xuất ngày 01/03/2025"


def test_every_sheet_of_the_period_report_is_laid_out_for_reading(users, units, data, tmp_path):
    path = tmp_path / "period.xlsx"
    exporter = PeriodReportExporter(
        parameters={"year": 2024, "quarter": 4, "unit": units["a"].pk}, scope=scope_of(users["staff"])
    )

    with time_machine.travel(NOW):
        rows = exporter.write("xlsx", str(path), lambda d, t: None)

    book = openpyxl.load_workbook(path)
    # Sheets: dialogues held, by topic, by status, by department, overdue.
    dates = [{"Ngày"}, set(), set(), set(), {"Hạn trả lời"}]
    titles = [check_sheet(sheet, expected) for sheet, expected in zip(book.worksheets, dates, strict=True)]
    assert set(titles) == {
        f"Báo cáo định kỳ — quý IV/2024 — Đơn vị (gồm các đơn vị trực thuộc): {units['a'].name}; xuất ngày 01/03/2025"
    }
    overdue = book.worksheets[-1]
    assert [c.value for c in overdue[3]][1] == data["late"].code
    assert overdue.cell(row=3, column=6).value == datetime.datetime(2024, 12, 1)
    assert rows == 2  # the petitions the report covers, as in .docx and .pdf


def test_libreoffice_calc_shows_dates_and_the_title_not_hashes(users, topics, data, tmp_path):
    """Opened in LibreOffice Calc as a clerk would: the dates print as dates (a too narrow column prints ###)."""
    import shutil
    import subprocess
    from pathlib import Path

    from django.conf import settings

    path = tmp_path / "danh-sach.xlsx"
    with time_machine.travel(NOW):
        PetitionListExporter(parameters={"topic": topics[0].pk}, scope=scope_of(users["staff"])).write(
            "xlsx", str(path), lambda d, t: None
        )
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "danh-sach.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    artifacts = Path(settings.BASE_DIR) / "test-artifacts" / "documents"
    artifacts.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page1")],
        check=True,
    )
    shutil.copy(tmp_path / "page1.png", artifacts / "petition-list-xlsx-page1.png")

    assert "Danh sách ý kiến, kiến nghị — Chủ đề:" in text
    assert "01/12/2024" in text  # the due date, a date cell wide enough to print
    assert "02/11/2024" in text  # the submission date
    assert "###" not in text
