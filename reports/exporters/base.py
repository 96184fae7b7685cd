"""A small exporter base (after pretix's): each report is a class with an identifier, a title, a
parameters form and either rows (``iterate_rows``, header first) or a document body.

The base writes rows as CSV (UTF-8 with BOM, for Excel) or XLSX (openpyxl write-only: streamed, memory flat).
Exporters read through ``visible_to`` with the requester's stored scope, never more.

Rows, in every format: ``write`` returns the number of data rows the file covers — for a list, its data
rows (never the title or header rows, so .csv and .xlsx agree); for a report, the petitions it covers.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dialogue_portal import policy
from reports.scope import viewer_of

# Text that a spreadsheet would read as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 500
# Column widths (in characters) are estimated from the header and the first rows: write-only sheets need
# them before the first row, and a sample keeps memory flat at 100,000 rows.
WIDTH_SAMPLE = 1000
MIN_WIDTH, MAX_WIDTH = 10, 60
DATE_WIDTH, DATETIME_WIDTH = 12, 17
# An A4 landscape page holds about 130 characters at 100%; fitting 200 on one page still reads (~65%).
FIT_WIDTH = 200
# Row 1 states the report and its parameters, row 2 is the header; data from row 3.
HEADER_ROW = 2

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
    counts_petitions = False  # ``write`` returns data rows (a list) or the petitions covered (a report)

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

    # Fields the title already states (``describe``), left out of the parameters line.
    described_fields: tuple[str, ...] = ()

    def describe(self) -> str:
        """What the file is, in words, e.g. "Danh sách ý kiến, kiến nghị" (the job's title without format)."""
        return str(self.verbose_name)

    def job_title(self, file_format: str) -> str:
        return f"{self.describe()} (.{file_format})"

    def parameter_lines(self) -> list[str]:
        """Each parameter the requester chose as "Label: value", labelled as on the form.

        The values were checked against the requester's choices when the job was asked for; here they
        are only named (a stored scope is not a user the form can offer choices to).
        """
        chosen = {k: v for k, v in self.parameters.items() if k != "language" and k not in self.described_fields}
        form = self.make_form(None, self.viewer) if chosen else None
        if form is None:
            return []
        return [
            f"{field.label}: {_display(field, chosen[name])}"
            for name, field in form.fields.items()
            if name in chosen and chosen[name] not in (None, "", [], ())
        ]

    def title_line(self) -> str:
        """The line above the header, e.g. "Danh sách ý kiến, kiến nghị — Chủ đề: …; xuất ngày 01/02/2025"."""
        parts = [*self.parameter_lines(), _("exported on %(date)s") % {"date": f"{timezone.localdate():%d/%m/%Y}"}]
        return f"{self.describe()} — {'; '.join(parts)}"

    def write(self, file_format: str, path: str, progress: Progress) -> int:
        """Write the file to ``path``; returns the number of data rows it covers (see the module's docstring)."""
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
        """Each sheet: a title row with the parameters, a bold header (frozen, with an autofilter over the
        data), columns as wide as their content, dates as real date cells."""
        total, written = self.count(), 0
        workbook = Workbook(write_only=True)
        bold = Font(bold=True)
        title = self.title_line()
        for sheet_title, rows in self.iterate_sheets():
            sheet = workbook.create_sheet(title=sheet_title)
            rows = iter(rows)
            header = [str(plain(value)) for value in next(rows)]
            sample = list(islice(rows, WIDTH_SAMPLE))
            widths = column_widths(header, sample)
            for column, width in enumerate(widths, start=1):
                sheet.column_dimensions[get_column_letter(column)].width = width
            sheet.freeze_panes = f"A{HEADER_ROW + 1}"
            _page_setup(sheet, sum(widths))
            title_cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", title))
            title_cell.font = bold
            sheet.append([title_cell])
            header_cells = [WriteOnlyCell(sheet, value=value) for value in header]
            for cell in header_cells:
                cell.font = bold
            sheet.append(header_cells)
            count = 0
            for row in chain(sample, rows):
                sheet.append([_xlsx_cell(sheet, value) for value in row])
                count += 1
                written += 1
                if written % PROGRESS_EVERY == 0:
                    progress(written, total)
            last = get_column_letter(max(len(header), 1))
            sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
        workbook.save(path)
        return written


def _page_setup(sheet, total_width: float) -> None:
    """Printed: landscape, the title and header repeated on every page; one page wide when still legible."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.print_title_rows = f"1:{HEADER_ROW}"
    if total_width <= FIT_WIDTH:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def column_widths(header: list, rows: list) -> list[float]:
    """A width per column: the longest cell (header or sampled row) plus a margin, within bounds."""
    widths = [_width(value) * 1.1 for value in header]  # bold headers run wider
    for row in rows:
        for column, value in enumerate(row[: len(widths)]):
            widths[column] = max(widths[column], _width(value))
    return [round(min(MAX_WIDTH, max(MIN_WIDTH, width + 2)), 1) for width in widths]


def _width(value) -> int:
    value = plain(value)
    if isinstance(value, datetime.datetime):
        return DATETIME_WIDTH
    if isinstance(value, datetime.date):
        return DATE_WIDTH
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)


def _display(field, value) -> str:
    """A stored parameter as the form shows it: an object's name, a choice's label, a date as dd/mm/yyyy."""
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        # Named without the form's choices: the requester's scope was checked when the job was asked for.
        found = queryset.model._default_manager.filter(pk=value).first()
        return str(found) if found is not None else str(value)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return str(_("Yes") if str(value).lower() in ("true", "1", "on", "yes") else _("No"))
    if isinstance(field, forms.DateField):
        try:
            return f"{datetime.date.fromisoformat(str(value)):%d/%m/%Y}"
        except ValueError:
            return str(value)
    for key, label in getattr(field, "choices", None) or ():
        if str(key) == str(value):
            return str(label)
    return str(value)


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
        # A time of day only when there is one (a session's date, a submission's moment).
        cell.number_format = "DD/MM/YYYY HH:MM" if value.time() != datetime.time() else "DD/MM/YYYY"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value


class DocumentExporter(Exporter):
    """A report written as a document (.docx, .pdf) — and, when it has tables, as .xlsx sheets."""

    rule = "export_staff"
    counts_petitions = True
