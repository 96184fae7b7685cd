"""Lay a ``model.Document`` out as PDF (WeasyPrint), with Liberation Serif — metric-compatible with Times New
Roman — shipped in static/fonts and declared in the stylesheet."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from . import decree30
from .model import Document, Group, Table, addressee_lines, recipient_lines

# Read from disk by WeasyPrint (never served); its fonts are found relative to it, in static/fonts.
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "report_pdf.css"


class _Cells:
    """A table's rows as the template wants them: (text, alignment) pairs, or a ``Group``; read once."""

    def __init__(self, table: Table):
        self.table = table

    def __iter__(self):
        aligns = [column.align for column in self.table.columns]
        for row in self.table.rows:
            yield (
                row
                if isinstance(row, Group)
                else list(zip(("" if v is None else str(v) for v in row), aligns, strict=True))
            )


def _layout_css(document: Document) -> str:
    """The sizes the model fixes — column widths, table font sizes, the letterhead's left column — as CSS.

    Given to WeasyPrint as a stylesheet of its own: the template carries no inline style.
    """
    left = decree30.LEFT_COLUMN_MM
    rules = [f"col.left-column {{ width: {left}mm; }}", f".issuer-rule {{ width: {round(left / 3)}mm; }}"]
    index = 0
    for section in document.sections:
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            index += 1
            block.css_class = f"table-{index}"
            block.cells = _Cells(block)
            rules.append(f"table.{block.css_class} {{ width: {block.width_mm}mm; font-size: {block.size}pt; }}")
            rules.extend(
                f"table.{block.css_class} col:nth-child({n}) {{ width: {column.width_mm}mm; }}"
                for n, column in enumerate(block.columns, start=1)
            )
    return "\n".join(rules)


def render(document: Document, path: str) -> int:
    """Write ``document`` to ``path`` as PDF; returns ``document.rows`` (the petitions it covers)."""
    from weasyprint import CSS, HTML

    layout = CSS(string=_layout_css(document))
    html = render_to_string(
        "reports/pdf/document.html",
        {
            "document": document,
            "stylesheet": STYLESHEET.as_uri(),
            "addressees": addressee_lines(document.addressees) if document.addressees else [],
            "recipients": recipient_lines(document.recipients),
        },
    )
    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(path, stylesheets=[layout])
    return document.rows
