"""Word documents in the layout of Decree 30/2020/NĐ-CP, Appendix I (see /work/shared/DECREE30.md).

A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the letterhead and the
Nơi nhận / signature pair as borderless two-column tables; page numbers centred in the top margin from
page 2. Long tables are streamed: the document is saved with a marker row, then ``word/document.xml`` is
rewritten row by row into the final zip, so memory stays flat however many rows there are.
"""

import io
import zipfile
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_SIZE = 14
PAGE_WIDTH_MM = 210
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
LEFT_COLUMN_MM = 70  # issuer / Nơi nhận column, about 42 %


def document_date(place: str, date) -> str:
    """ "Quảng Trị, ngày 05 tháng 12 năm 2024": days below 10 and months 1 and 2 get a leading zero."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def document_number(number: int | None, symbol: str) -> str:
    """ "Số: 05/BC-HPN"; an unnumbered draft leaves the number blank for the clerk."""
    shown = f"{number:02d}" if number else "\u00a0" * 6
    return f"Số: {shown}/{symbol}"


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    # East-Asian and complex-script slots too, or Word substitutes another face for some characters.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(0)
    for style_name in ("Table Grid",):
        if style_name in [s.name for s in doc.styles]:
            doc.styles[style_name].font.name = FONT
    _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """Arabic page number, centred in the top margin, none on page 1 (a different first-page header)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    section.first_page_header.paragraphs[0].text = ""


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _two_columns(doc, left_mm: float = LEFT_COLUMN_MM, rows: int = 1):
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borderless(table)
    widths = (Mm(left_mm), Mm(TEXT_WIDTH_MM - left_mm))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def write(
    container, text: str, *, size=BODY_SIZE, bold=False, italic=False, align="center", space_after=0, first=False
):
    """Add a paragraph (or fill a cell's first one) with one run of text."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic, run.font.name = Pt(size), bold, italic, FONT
    return paragraph


def rule(container, *, length_mm: float, column_mm: float) -> None:
    """A centred solid line ``length_mm`` long: the bottom border of an empty paragraph, indented."""
    paragraph = container.add_paragraph()
    side = max((column_mm - length_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.space_after = Pt(0)
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.append(border)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def letterhead(doc, *, parent_body: str, issuing_body: str, number_line: str, date_line: str) -> None:
    """Boxes 1–4: issuer beside the national motto, then the number beside the place and date."""
    top = _two_columns(doc)
    left, right = top.rows[0].cells
    right_mm = TEXT_WIDTH_MM - LEFT_COLUMN_MM
    write(left, parent_body.upper(), size=12, first=True)
    write(left, issuing_body.upper(), size=12, bold=True)
    rule(left, length_mm=min(max(len(issuing_body) * 0.9, 20), LEFT_COLUMN_MM) / 2, column_mm=LEFT_COLUMN_MM)
    write(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, first=True)
    write(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    rule(right, length_mm=62, column_mm=right_mm)  # as long as the motto at 13 pt bold
    bottom = _two_columns(doc)
    left, right = bottom.rows[0].cells
    write(left, number_line, size=13, first=True)
    write(right, date_line, size=13, italic=True, first=True)


def title(doc, *, kind: str, summary: str) -> None:
    """Box 5a: the document type in capitals, the summary under it, a short rule."""
    write(doc, "", size=8)
    write(doc, kind.upper(), size=14, bold=True)
    write(doc, summary, size=14, bold=True)
    rule(doc, length_mm=45, column_mm=TEXT_WIDTH_MM)
    write(doc, "", size=8)


def heading(doc, text: str) -> None:
    """A Roman-numbered section heading: capitals, bold, at the left."""
    write(doc, text.upper(), bold=True, align="left", space_after=6)


def paragraph(doc, text: str, *, bold=False, italic=False) -> None:
    """Body text: justified, first line indented 1.27 cm, 6 pt after, single to 1.5 line spacing."""
    p = write(doc, text, bold=bold, italic=italic, align="justify", space_after=6)
    p.paragraph_format.first_line_indent = Cm(1.27)
    p.paragraph_format.line_spacing = 1.15


def grid_table(doc, header: list[str], rows: Iterable[list], *, widths_mm: list[float], size=12):
    """A small bordered table built in memory (statistics); long lists use ``StreamedTables``."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text, width in zip(table.rows[0].cells, header, widths_mm, strict=True):
        cell.width = Mm(width)
        write(cell, str(text), size=size, bold=True, first=True)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, value, width) in enumerate(zip(cells, values, widths_mm, strict=True)):
            cell.width = Mm(width)
            write(cell, "" if value is None else str(value), size=size, align="left" if index else "center", first=True)
    write(doc, "", size=6)
    return table


def signature(doc, *, recipients: list[str], authority: str, office: str, name: str, drafter: str = "") -> None:
    """Boxes 7 and 9b: Nơi nhận at the left (bold italic 12, lines 11) level with the signing block."""
    table = _two_columns(doc)
    left, right = table.rows[0].cells
    write(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for index, line in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        write(left, f"- {line.rstrip(';.')}{end}", size=11, align="left")
    if drafter:
        write(left, drafter, size=11, align="left")
    write(right, authority.upper(), size=14, bold=True, first=True)
    write(right, office.upper(), size=14, bold=True)
    for _blank in range(4):
        write(right, "", size=14)
    write(right, name, size=14, bold=True)


class StreamedTables:
    """Tables whose rows are written straight into the saved zip.

    ``add(doc, header, widths, rows)`` puts a bordered table with a header and a marker row into the
    document; ``rows`` yields ``("row", [values])`` or ``("group", text)`` (a full-width bold row).
    ``save(doc, path)`` writes the file, expanding each marker into its rows.
    """

    def __init__(self):
        self.tables: list[tuple[Iterable, int]] = []

    def add(self, doc, header: list[str], widths_mm: list[float], rows: Iterable, *, size=12) -> None:
        index = len(self.tables)
        table = doc.add_table(rows=3, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header_row, group_row, data_row = table.rows
        _repeat_header(header_row)
        for cell, text, width in zip(header_row.cells, header, widths_mm, strict=True):
            cell.width = Mm(width)
            write(cell, str(text), size=size, bold=True, first=True)
        merged = group_row.cells[0].merge(group_row.cells[-1])
        write(merged, f"§G{index}§", size=size, bold=True, align="left", first=True)
        for column, (cell, width) in enumerate(zip(data_row.cells, widths_mm, strict=True)):
            cell.width = Mm(width)
            write(cell, f"§R{index}.{column}§", size=size, align="left" if column else "center", first=True)
        write(doc, "", size=6)
        self.tables.append((rows, len(header)))

    def save(self, doc, path: str, progress: Callable[[int], None] | None = None) -> int:
        buffer = io.BytesIO()
        doc.save(buffer)
        buffer.seek(0)
        written = 0
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                if item.filename != "word/document.xml":
                    target.writestr(item, source.read(item.filename))
                    continue
                xml = source.read(item.filename).decode("utf-8")
                with target.open("word/document.xml", "w", force_zip64=True) as out:
                    position = 0
                    for index, (rows, columns) in enumerate(self.tables):
                        group_start, group_end = _row_bounds(xml, f"§G{index}§")
                        data_start, data_end = _row_bounds(xml, f"§R{index}.0§")
                        out.write(xml[position:group_start].encode("utf-8"))
                        group_template = xml[group_start:group_end]
                        data_template = xml[data_start:data_end]
                        for kind, values in rows:
                            if kind == "group":
                                out.write(group_template.replace(f"§G{index}§", _xml_text(values)).encode("utf-8"))
                                continue
                            row = data_template
                            for column in range(columns):
                                row = row.replace(f"§R{index}.{column}§", _xml_text(values[column]))
                            out.write(row.encode("utf-8"))
                            written += 1
                            if progress and written % 500 == 0:
                                progress(written)
                        position = data_end
                    out.write(xml[position:].encode("utf-8"))
        return written


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    properties.append(element)


def _row_bounds(xml: str, marker: str) -> tuple[int, int]:
    at = xml.index(marker)
    start = max(xml.rfind("<w:tr>", 0, at), xml.rfind("<w:tr ", 0, at))
    end = xml.index("</w:tr>", at) + len("</w:tr>")
    return start, end


def _xml_text(value) -> str:
    """Cell text for a template run: escaped, control characters dropped, new lines as breaks."""
    text = "" if value is None else str(value)
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    return escape(text).replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
