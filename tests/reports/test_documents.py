import datetime

import pytest
from docx import Document
from pypdf import PdfReader

from reports.documents import decree30
from reports.exporters import PeriodReportExporter, SessionSummaryExporter
from reports.scope import scope_of

from .conftest import assign, make_petition


@pytest.fixture
def summary_petitions(units, topics, departments, session_held):
    made = [
        make_petition(unit=units["a1"], title="Hỗ trợ vay vốn khởi nghiệp", topics=[topics[0]], session=session_held),
        make_petition(unit=units["b1"], title="Mở lớp đào tạo nghề may", topics=[topics[1]], session=session_held),
        make_petition(unit=units["a"], title="Chính sách bảo hiểm y tế", topics=[topics[0]], session=session_held),
    ]
    assign(made[0], departments["x"], answer="Sở Lao động sẽ phối hợp Ngân hàng Chính sách xã hội")
    assign(
        made[1], departments["y"], answer="Chuyển Bộ Lao động", method="forwarded", forwarded_authority="Bộ LĐ-TB&XH"
    )
    assign(made[2], departments["x"])
    return made


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_summary_docx_has_motto_title_rows_and_recipients(
    users, session_held, summary_petitions, report_settings, tmp_path
):
    path = tmp_path / "summary.docx"
    exporter = SessionSummaryExporter(parameters={"session": session_held.pk}, scope=scope_of(users["staff"]))

    rows = exporter.write("docx", str(path), lambda done, total: None)

    document = Document(str(path))
    text = _docx_text(document)
    header_cells = [cell.text for cell in document.tables[0].rows[0].cells]
    assert rows == 3
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in header_cells[1]
    assert "HỘI LHPN VIỆT NAM\nBAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ" in header_cells[0]
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]
    assert "Tổng hợp ý kiến, kiến nghị tại hội nghị đối thoại chính sách" in text
    petition_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Mã")
    codes = [row.cells[1].text for row in petition_table.rows if row.cells[1].text.startswith("KN-")]
    assert sorted(codes) == sorted(p.code for p in summary_petitions)
    assert "Sở Lao động sẽ phối hợp Ngân hàng Chính sách xã hội" in text
    assert "Nơi nhận:" in text
    assert "- Thường trực Tỉnh ủy;" in text
    assert "- Lưu: VT." in text
    assert "TM. BAN THƯỜNG VỤ" in text
    assert "Nguyễn Thị Hương" in text
    assert "Bộ LĐ-TB&XH" in text  # what remains open, and to which authority


def test_summary_docx_page_setup_follows_decree_30(users, session_held, summary_petitions, tmp_path):
    path = tmp_path / "summary.docx"
    SessionSummaryExporter(parameters={"session": session_held.pk}, scope=scope_of(users["staff"])).write(
        "docx", str(path), lambda d, t: None
    )

    section = Document(str(path)).sections[0]
    mm = [round(length.mm) for length in (section.page_width, section.page_height)]
    margins = [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert mm == [210, 297]
    assert margins == [20, 20, 30, 15]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert Document(str(path)).styles["Normal"].font.name == "Times New Roman"


def test_summary_for_leader_lists_only_their_petitions(users, session_held, summary_petitions, units, tmp_path):
    session_held.host_unit = units["a"]
    session_held.save()
    path = tmp_path / "summary.docx"

    rows = SessionSummaryExporter(parameters={"session": session_held.pk}, scope=scope_of(users["leader_a"])).write(
        "docx", str(path), lambda d, t: None
    )

    assert rows == 2
    assert "Mở lớp đào tạo nghề may" not in _docx_text(Document(str(path)))


def test_summary_pdf_keeps_vietnamese_diacritics(users, session_held, summary_petitions, tmp_path):
    path = tmp_path / "summary.pdf"
    SessionSummaryExporter(parameters={"session": session_held.pk}, scope=scope_of(users["staff"])).write(
        "pdf", str(path), lambda d, t: None
    )

    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hỗ trợ vay vốn khởi nghiệp",
        "Nơi nhận",
    ):
        assert words in text


def test_document_date_and_number_follow_the_decree():
    assert decree30.document_date("Quảng Trị", datetime.date(2024, 12, 5)) == "Quảng Trị, ngày 05 tháng 12 năm 2024"
    assert decree30.document_date("Quảng Trị", datetime.date(2025, 2, 15)) == "Quảng Trị, ngày 15 tháng 02 năm 2025"
    assert decree30.document_number(5, "BC-HPN") == "Số: 05/BC-HPN"
    assert decree30.document_number(12, "BC-HPN") == "Số: 12/BC-HPN"


@pytest.mark.parametrize("file_format", ["docx", "pdf", "xlsx"])
def test_period_report_builds_in_every_format(users, units, departments, topics, file_format, tmp_path):
    import time_machine

    with time_machine.travel(datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)):
        when = datetime.datetime(2024, 11, 2, 9, 0, tzinfo=datetime.UTC)
        late = make_petition(unit=units["a1"], title="Nước sạch cho thôn Hà Thượng", topics=[topics[0]], when=when)
        assign(late, departments["x"], due=datetime.date(2024, 12, 1))
        path = tmp_path / f"period.{file_format}"
        exporter = PeriodReportExporter(
            parameters={"year": 2024, "quarter": 4, "unit": units["a"].pk}, scope=scope_of(users["staff"])
        )
        exporter.write(file_format, str(path), lambda d, t: None)

    if file_format == "docx":
        text = _docx_text(Document(str(path)))
        assert "Nước sạch cho thôn Hà Thượng" in text  # in the overdue list
        assert "quý 4/2024" in text
    elif file_format == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
        assert "Nước sạch cho thôn Hà Thượng" in " ".join(text.split())
    else:
        import openpyxl

        book = openpyxl.load_workbook(path)
        overdue = [[c.value for c in row] for row in book.worksheets[-1].iter_rows(min_row=3)]
        assert [row[1] for row in overdue] == [late.code]
        assert overdue[0][6] == 90
