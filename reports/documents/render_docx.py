"""Lay a ``model.Document`` out as a Decree-30 Word file (python-docx, see decree30.py)."""

from . import decree30
from .model import Document, Paragraph, Table, addressee_lines, recipient_lines


def render(document: Document, path: str, progress=None) -> int:
    """Write ``document`` to ``path``; returns ``document.rows`` (the petitions it covers).

    ``progress(n)`` is called as streamed table rows are written.
    """
    doc = decree30.new_document()
    head = document.letterhead
    decree30.letterhead(
        doc,
        parent_body=head.parent_body,
        issuing_body=head.issuing_body,
        number_line=head.number_line,
        date_line=head.date_line,
    )
    decree30.title(doc, kind=document.kind, summary=document.title)
    decree30.addressees(doc, addressee_lines(document.addressees) if document.addressees else [])
    tables = decree30.StreamedTables()
    for section in document.sections:
        if section.heading:  # a letter's body has no numbered sections
            decree30.heading(doc, section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                decree30.paragraph(
                    doc,
                    block.text,
                    bold=block.bold,
                    italic=block.italic,
                    indent=block.indent,
                    keep_with_next=block.keep_with_next,
                )
            elif isinstance(block, Table) and block.streamed:
                tables.add(doc, block.columns, block.rows, size=block.size)
            else:
                decree30.grid_table(doc, block.columns, block.rows, size=block.size)
    decree30.paragraph(doc, document.closing)
    signature, second = document.signature, document.countersignature
    decree30.signature(
        doc,
        recipients=recipient_lines(document.recipients),
        authority=signature.authority,
        office=signature.office,
        name=signature.name,
        drafter=document.drafter,
        left=(second.authority, second.office, second.name) if second else None,
    )
    tables.save(doc, path, progress)
    return document.rows
