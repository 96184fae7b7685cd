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

from .model import Group

FONT = "Times New Roman"
BODY_SIZE = 14
PAGE_WIDTH_MM = 210
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
LEFT_COLUMN_MM = 62  # issuer / Nơi nhận column, about 38 %; the motto at 13 pt bold is 95 mm wide, the other column 103


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
    # Schema order: tblBorders comes before tblLayout and tblLook.
    properties = table._tbl.tblPr
    later = properties.find(qn("w:tblLayout"))
    if later is None:
        later = properties.find(qn("w:tblLook"))
    if later is None:
        properties.append(borders)
    else:
        later.addprevious(borders)


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def fix_widths(table, widths_mm: list[float]) -> None:
    """Fixed layout with a grid equal to the cells' widths.

    Word reads the cells' widths; LibreOffice reads ``w:tblGrid``. python-docx writes equal grid columns,
    so without this LibreOffice lays out equal columns whatever the cells ask for (the motto wrapped).
    """
    table.autofit = False
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(twips(w) for w in widths_mm)))
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    grid = table._tbl.tblGrid
    for column, width_mm in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(twips(width_mm)))
    for row in table.rows:
        for cell, width_mm in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width_mm)


def keep_row_whole(row, *, header: bool = False) -> None:
    """A row never split across pages; a header row repeated on every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _two_columns(doc, left_mm: float = LEFT_COLUMN_MM, rows: int = 1):
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    fix_widths(table, [left_mm, TEXT_WIDTH_MM - left_mm])
    return table


ALIGNMENTS = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def write(
    container, text: str, *, size=BODY_SIZE, bold=False, italic=False, align="center", space_after=0, first=False
):
    """Add a paragraph (or fill a cell's first one) with one run of text."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = ALIGNMENTS[align]
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
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.append(border)
    # The paragraph mark's size sets the empty line's height: 2 pt, so the rule sits just under the text.
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    properties.append(mark)
    run = paragraph.add_run()
    run.font.size = Pt(2)


MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
SLOGAN_MM = 56  # "Độc lập - Tự do - Hạnh phúc" at 13 pt bold in Times New Roman / Liberation Serif


def letterhead(doc, *, parent_body: str, issuing_body: str, number_line: str, date_line: str) -> None:
    """Boxes 1–4: issuer beside the national motto, then the number beside the place and date."""
    top = _two_columns(doc)
    left, right = top.rows[0].cells
    right_mm = TEXT_WIDTH_MM - LEFT_COLUMN_MM
    write(left, parent_body.upper(), size=12, first=True)
    write(left, issuing_body.upper(), size=12, bold=True)
    rule(left, length_mm=LEFT_COLUMN_MM / 3, column_mm=LEFT_COLUMN_MM)
    write(right, MOTTO, size=13, bold=True, first=True)
    write(right, SLOGAN, size=13, bold=True)
    rule(right, length_mm=SLOGAN_MM, column_mm=right_mm)
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


def addressees(doc, lines: list[str]) -> None:
    """Box 9a: "Kính gửi: …" under the title — centred on one line, or a list under it."""
    if not lines:
        return
    if len(lines) == 1:
        write(doc, lines[0], size=BODY_SIZE, space_after=6)
        return
    first = write(doc, lines[0], size=BODY_SIZE, align="left")
    first.paragraph_format.left_indent = Mm(30)
    for line in lines[1:]:
        p = write(doc, line, size=BODY_SIZE, align="left")
        p.paragraph_format.left_indent = Mm(55)
    write(doc, "", size=6)


def heading(doc, text: str) -> None:
    """A Roman-numbered section heading: capitals, bold, at the left, kept with what follows."""
    p = write(doc, text.upper(), bold=True, align="left", space_after=6)
    p.paragraph_format.keep_with_next = True


def paragraph(doc, text: str, *, bold=False, italic=False, indent=True, keep_with_next=False):
    """Body text: justified, first line indented 1.27 cm, 6 pt after, single to 1.5 line spacing."""
    p = write(doc, text, bold=bold, italic=italic, align="justify", space_after=6)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.27)
    p.paragraph_format.line_spacing = 1.15
    p.paragraph_format.keep_with_next = keep_with_next
    return p


def cell_text(cell, text: str, *, size, bold=False, align="left") -> None:
    """Fill a cell: one paragraph per line of ``text``."""
    lines = str(text).split("\n") or [""]
    for index, line in enumerate(lines):
        write(cell, line, size=size, bold=bold, align=align, first=index == 0)


def grid_table(doc, columns, rows: Iterable, *, size=12):
    """A small bordered table built in memory; ``columns`` are ``model.Column``; long lists use ``StreamedTables``."""
    widths = [column.width_mm for column in columns]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    keep_row_whole(header, header=True)
    for cell, column in zip(header.cells, columns, strict=True):
        cell_text(cell, column.label, size=size, bold=True, align="center")
    for values in rows:
        row = table.add_row()
        keep_row_whole(row)
        if isinstance(values, Group):  # one bold cell across the table
            merged = row.cells[0].merge(row.cells[-1])
            cell_text(merged, values.text, size=size, bold=True)
            continue
        for cell, value, column in zip(row.cells, values, columns, strict=True):
            cell_text(cell, "" if value is None else value, size=size, align=column.align)
    fix_widths(table, widths)
    write(doc, "", size=6)
    return table


def signature(
    doc, *, recipients: list[str], authority: str, office: str, name: str, drafter: str = "", left=None
) -> None:
    """Boxes 7 and 9b: Nơi nhận at the left (bold italic 12, lines 11) level with the signing block.

    ``recipients`` are printed lines ("- X;" … "- Lưu: VT, VP."). ``left``: a second signature
    (authority, office, name) printed at the left instead of Nơi nhận, as minutes are signed.
    """
    table = _two_columns(doc)
    left_cell, right = table.rows[0].cells
    if left is not None:
        _signing_block(left_cell, *left)
    else:
        write(left_cell, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
        for line in recipients:
            write(left_cell, line, size=11, align="left")
        if drafter:
            write(left_cell, drafter, size=11, align="left")
    _signing_block(right, authority, office, name)


def _signing_block(cell, authority: str, office: str, name: str) -> None:
    write(cell, authority.upper(), size=14, bold=True, first=True)
    if office:
        write(cell, office.upper(), size=14, bold=True)
    for _blank in range(4):
        write(cell, "", size=14)
    write(cell, name, size=14, bold=True)


class StreamedTables:
    """Tables whose rows are written straight into the saved zip.

    ``add(doc, columns, rows)`` puts a bordered table with a header and two marker rows into the document;
    ``rows`` yields lists of cell texts or ``Group`` (a full-width bold row). ``save(doc, path)`` writes the
    file, expanding each marker into its rows. Every row is kept whole; the header repeats on each page.
    """

    def __init__(self):
        self.tables: list[tuple[Iterable, int]] = []

    def add(self, doc, columns, rows: Iterable, *, size=12) -> None:
        index = len(self.tables)
        table = doc.add_table(rows=3, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header_row, group_row, data_row = table.rows
        keep_row_whole(header_row, header=True)
        keep_row_whole(group_row)
        keep_row_whole(data_row)
        for cell, column in zip(header_row.cells, columns, strict=True):
            cell_text(cell, column.label, size=size, bold=True, align="center")
        merged = group_row.cells[0].merge(group_row.cells[-1])
        group = write(merged, f"§G{index}§", size=size, bold=True, align="left", first=True)
        group.paragraph_format.keep_with_next = True  # a topic row stays with its first petition
        for position, (cell, column) in enumerate(zip(data_row.cells, columns, strict=True)):
            write(cell, f"§R{index}.{position}§", size=size, align=column.align, first=True)
        fix_widths(table, [column.width_mm for column in columns])
        write(doc, "", size=6)
        self.tables.append((rows, len(columns)))

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
                        for values in rows:
                            if isinstance(values, Group):
                                text = _xml_text(values.text)
                                out.write(group_template.replace(f"§G{index}§", text).encode("utf-8"))
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
