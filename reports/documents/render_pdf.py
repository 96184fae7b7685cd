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


def render(document: Document, path: str) -> int:
    """Write ``document`` to ``path`` as PDF; returns ``document.rows`` (the petitions it covers)."""
    from weasyprint import HTML

    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                block.cells = _Cells(block)
    html = render_to_string(
        "reports/pdf/document.html",
        {
            "document": document,
            "stylesheet": STYLESHEET.as_uri(),
            "addressees": addressee_lines(document.addressees) if document.addressees else [],
            "recipients": recipient_lines(document.recipients),
            "left_mm": decree30.LEFT_COLUMN_MM,
            "issuer_rule_mm": round(decree30.LEFT_COLUMN_MM / 3),
        },
    )
    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(path)
    return document.rows
