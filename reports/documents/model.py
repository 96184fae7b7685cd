"""One plain structure per document: what it says, never how it looks.

A builder (builders.py) fills a ``Document`` from the selectors; ``render_docx`` and ``render_pdf`` only lay
it out. The .docx and the PDF therefore cannot disagree in content — only typography differs. A new
document (the minutes, a plan, an invitation letter) is one more builder function.

Every cell and figure is text already formatted for Vietnamese readers (``number``, ``decimal``,
``percent``), so both renderers print the same characters.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Letterhead:
    """Boxes 1–4 of Decree 30: issuer (left), national motto (right), number, place and date."""

    parent_body: str
    issuing_body: str
    number_line: str
    date_line: str


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True  # body text: first line indented; False for "- " list lines
    keep_with_next: bool = False  # a table's title stays on the page of its first rows


@dataclass(frozen=True)
class Column:
    label: str
    width_mm: float
    align: Align = "left"


@dataclass(frozen=True)
class Group:
    """A full-width bold row inside a table (e.g. the topic above its petitions)."""

    text: str
    is_group = True  # for templates


@dataclass
class Table:
    """A bordered table with one repeated header row; ``rows`` yields lists of cell texts or ``Group``.

    ``rows`` may be a generator (read once, by one renderer); ``streamed`` tables are written row by row
    into the .docx so that memory stays flat for any number of petitions.
    """

    columns: list[Column]
    rows: Iterable
    size: int = 12
    streamed: bool = False
    is_table = True  # for templates

    @property
    def width_mm(self) -> float:
        return sum(column.width_mm for column in self.columns)


Block = Paragraph | Table


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> "Section":
        self.blocks.extend(blocks)
        return self


@dataclass(frozen=True)
class Signature:
    authority: str  # "TM. BAN THƯỜNG VỤ"
    office: str  # "CHỦ TỊCH"
    name: str


@dataclass
class Document:
    letterhead: Letterhead
    kind: str  # the document type, e.g. "Báo cáo" (printed in capitals)
    title: str  # the summary line (trích yếu)
    addressees: list[str]  # "Kính gửi:" — empty for a document not sent up
    sections: list[Section]
    closing: str  # the last body sentence, ending "./."
    recipients: list[str]  # "Nơi nhận:" lines, without their final ";" or "."
    signature: Signature
    drafter: str = ""  # drafter's initials and copies, under Nơi nhận
    rows: int = 0  # how many petitions the document covers (the export job's row count)
    # A second signature at the left, in place of Nơi nhận (minutes: the secretary, with the chair at the right).
    countersignature: Signature | None = None


def number(value: int) -> str:
    """An integer the Vietnamese way: thousands grouped with a dot (1.234)."""
    return f"{value:,}".replace(",", ".")


def decimal(value: float | None, places: int = 1, *, empty: str = "–") -> str:
    """A decimal with a comma (87,5); ``empty`` for no value."""
    if value is None:
        return empty
    whole, _dot, fraction = f"{value:,.{places}f}".partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


def percent(value: float | None, places: int = 1) -> str:
    return "–" if value is None else decimal(value, places) + "%"


def addressee_lines(addressees: list[str]) -> list[str]:
    """ "Kính gửi: X." on one line for one addressee; otherwise "Kính gửi:" then "- X;" lines, the last ending "."."""
    names = [name.strip().rstrip(";.") for name in addressees if name.strip()]
    if len(names) == 1:
        return [f"Kính gửi: {names[0]}."]
    return ["Kính gửi:"] + [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


def recipient_lines(recipients: list[str]) -> list[str]:
    """Nơi nhận lines: "- X;" each, the last ending "."."""
    names = [line.strip().rstrip(";.") for line in recipients if line.strip()]
    return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]
