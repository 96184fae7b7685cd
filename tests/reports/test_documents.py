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
    assert "Kính gửi:\n- Thường trực Tỉnh ủy Quảng Trị;\n- Ủy ban nhân dân tỉnh Quảng Trị." in text
    assert "- Như trên;" in text
    assert "- Lưu: VT, VP." in text
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


def _grid_and_cells(table) -> tuple[list[int], list[int]]:
    from docx.oxml.ns import qn

    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    header = table._tbl.findall(qn("w:tr"))[0]
    cells = [int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in header.findall(qn("w:tc"))]
    return grid, cells


def test_every_docx_table_has_a_fixed_grid_equal_to_its_cells(users, session_held, summary_petitions, tmp_path):
    from docx.oxml.ns import qn

    path = tmp_path / "summary.docx"
    SessionSummaryExporter(parameters={"session": session_held.pk}, scope=scope_of(users["staff"])).write(
        "docx", str(path), lambda d, t: None
    )

    tables = Document(str(path)).tables
    letterhead_grid, _cells = _grid_and_cells(tables[0])
    assert [round(w * 25.4 / 1440) for w in letterhead_grid] == [62, 103]  # not 4677/4677
    for table in tables:
        grid, cells = _grid_and_cells(table)
        assert grid == cells
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    petition_table = next(t for t in tables if t.rows[0].cells[1].text == "Mã")
    widths = [round(w * 25.4 / 1440) for w in _grid_and_cells(petition_table)[0]]
    assert widths[0] < 15 < widths[2] and sum(widths) == 165  # TT narrow, content wide: not six equal columns
    header_row = petition_table.rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in petition_table.rows)


def test_summary_never_says_all_answered_while_a_petition_is_unrouted(
    users, units, topics, departments, session_held, summary_petitions, tmp_path
):
    # Every routed petition answered; one more never routed to any department.
    summary_petitions[2].assignments.all().delete()
    assign(summary_petitions[2], departments["x"], answer="Đã trả lời tại hội nghị")
    for petition in summary_petitions:
        type(petition).objects.filter(pk=petition.pk).update(status="resolved")
    unrouted = make_petition(unit=units["a1"], title="Chưa chuyển đi đâu", topics=topics[:2], session=session_held)
    path = tmp_path / "summary.docx"

    SessionSummaryExporter(parameters={"session": session_held.pk}, scope=scope_of(users["staff"])).write(
        "docx", str(path), lambda d, t: None
    )

    text = _docx_text(Document(str(path)))
    assert "Tất cả ý kiến, kiến nghị đã được trả lời" not in text
    assert "Còn 1 ý kiến, kiến nghị chưa được giải quyết xong (trong đó 1 ý kiến, kiến nghị chưa chuyển" in text
    assert unrouted.code in text and "chưa chuyển sở, ngành nào" in text
    # Its second topic is counted too (one count per petition-topic pair).
    assert f"{topics[1].name} (2)" in text


def test_vietnamese_numbers():
    from reports.documents.model import decimal, number, percent

    assert percent(87.5) == "87,5%"
    assert decimal(0.0) == "0,0"
    assert decimal(None) == "–"
    assert number(100000) == "100.000"
