"""A small exporter base (after pretix's): each report is a class with an identifier, a title, a
parameters form and either rows (``iterate_rows``, header first) or a document body.

The base writes rows as CSV (UTF-8 with BOM, for Excel) or XLSX (openpyxl write-only: streamed, memory flat).
Exporters read through ``visible_to`` with the requester's stored scope, never more.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from dialogue_portal import policy
from reports.scope import viewer_of

# Text that a spreadsheet would read as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]


def safe_text(value):
    """The CSV form of a cell: text that looks like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def plain(value):
    """Cell values as a spreadsheet wants them: local naive datetimes, text for anything odd."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None or isinstance(value, str | int | float | datetime.date | bool):
        return value
    return str(value)


class Exporter:
    # Templates list exporter classes; without this they would call them (and fail on the keyword arguments).
    do_not_call_in_templates = True
    identifier: str = ""
    verbose_name = ""
    formats: tuple[str, ...] = ()
    form_class = None
    rule = "export"  # the policy rule that lets a user ask for this report

    def __init__(self, *, parameters: dict, scope: dict):
        self.parameters = parameters
        self.scope = scope
        self.viewer = viewer_of(scope)

    @classmethod
    def allowed_for(cls, user) -> bool:
        """Who may ask for this report at all (rows are limited by ``visible_to`` in any case)."""
        return policy.may_export(user, cls.rule)

    @classmethod
    def make_form(cls, data, user):
        """The parameters form, bound to ``data`` (None: unbound), limited to what ``user`` may pick."""
        return cls.form_class(data, user=user) if cls.form_class else None

    def visibility_querysets(self) -> list:
        """The querysets whose rows the file holds, for the download check."""
        raise NotImplementedError

    def filename(self, file_format: str) -> str:
        return f"{self.identifier}-{timezone.localdate():%Y%m%d}.{file_format}"

    def write(self, file_format: str, path: str, progress: Progress) -> int:
        """Write the file to ``path``; returns the number of data rows."""
        raise NotImplementedError


class RowExporter(Exporter):
    formats = ("xlsx", "csv")

    def count(self) -> int:
        """How many rows to expect, for the progress bar."""
        return 0

    def iterate_rows(self) -> Iterator[list]:
        """The header, then one list of cell values per row."""
        raise NotImplementedError

    def iterate_sheets(self) -> Iterable[tuple[str, Iterable[list]]]:
        """(sheet title, rows with header first); one sheet unless a report needs more."""
        yield str(self.verbose_name)[:31], self.iterate_rows()

    def write(self, file_format: str, path: str, progress: Progress) -> int:
        if file_format == "csv":
            return self.write_csv(path, progress)
        return self.write_xlsx(path, progress)

    def write_csv(self, path: str, progress: Progress) -> int:
        total, written = self.count(), 0
        _title, rows = next(iter(self.iterate_sheets()))
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            for index, row in enumerate(rows):
                writer.writerow([_csv_value(safe_text(plain(value))) for value in row])
                if index:
                    written += 1
                    if written % PROGRESS_EVERY == 0:
                        progress(written, total)
        return written

    def write_xlsx(self, path: str, progress: Progress) -> int:
        total, written = self.count(), 0
        workbook = Workbook(write_only=True)
        bold = Font(bold=True)
        for title, rows in self.iterate_sheets():
            sheet = workbook.create_sheet(title=title)
            for index, row in enumerate(rows):
                if index == 0:
                    cells = [WriteOnlyCell(sheet, value=str(plain(value))) for value in row]
                    for cell in cells:
                        cell.font = bold
                else:
                    cells = [_xlsx_cell(sheet, value) for value in row]
                    written += 1
                    if written % PROGRESS_EVERY == 0:
                        progress(written, total)
                sheet.append(cells)
        workbook.save(path)
        return written


def _csv_value(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "x" if value else ""
    return "" if value is None else value


def _xlsx_cell(sheet, value):
    """A plain value where openpyxl stores it faithfully; a styled cell only where it must be."""
    value = plain(value)
    if isinstance(value, str):
        # Control characters make an .xlsx file unreadable; they carry no meaning in a petition.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not value.startswith(FORMULA_START):
            return value
        # Always text: openpyxl would store "=..." as a formula; the quote prefix keeps Excel from
        # re-reading "+", "-", "@" as one when the cell is edited.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value


class DocumentExporter(Exporter):
    """A report written as a document (.docx, .pdf) — and, when it has tables, as .xlsx sheets."""

    rule = "export_staff"
