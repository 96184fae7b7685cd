"""Import many petitions from an .xlsx or .csv file: read, check every row, then save all or nothing."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogue_portal import policy
from dialogue_portal.directory.models import OrgUnit, ParticipantGroup, TopicCategory
from dialogue_portal.text import fold, nfc

from .models import PetitionKind
from .services import MAX_CONTENT, MAX_SUPPORTERS, MAX_TITLE, submit_petition

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 30
# Every part of the workbook together, unpacked. A 5,000-row file of long petitions unpacks to a few MB;
# openpyxl keeps all shared strings in memory, so this bounds what reading a file can cost.
MAX_XLSX_INFLATED_BYTES = 30 * 1024 * 1024
MAX_XLSX_PARTS = 200
# Text XML packs 5–20 times; a part packed far tighter is a bomb (repeated bytes), whatever its size.
MAX_XLSX_RATIO = 200
RATIO_CHECKED_ABOVE = 1024 * 1024

# (key, header, required)
COLUMNS = [
    ("kind", gettext_lazy("Kind (opinion, recommendation, question, complaint)"), False),
    ("title", gettext_lazy("Title"), True),
    ("content", gettext_lazy("Content"), True),
    ("topics", gettext_lazy("Topics (separated by ;)"), False),
    ("unit", gettext_lazy("Unit code"), False),
    ("petitioner_name", gettext_lazy("Petitioner's name"), False),
    ("petitioner_phone", gettext_lazy("Phone"), False),
    ("petitioner_ethnicity", gettext_lazy("Ethnicity"), False),
    ("petitioner_has_disability", gettext_lazy("Disability (yes/no)"), False),
    ("participant_group", gettext_lazy("Participant group"), False),
    ("supporters_count", gettext_lazy("Members who raised it"), False),
    ("is_anonymous", gettext_lazy("Anonymous (yes/no)"), False),
]
YES = {"co", "x", "yes", "y", "1", "true", "dung"}
NO = {"", "khong", "no", "n", "0", "false", "sai"}


class ImportRefused(Exception):
    """The file as a whole cannot be read; the message says why in the user's language."""


@dataclass
class RowResult:
    number: int
    values: dict
    errors: list[str] = field(default_factory=list)
    cleaned: dict = field(default_factory=dict)


def headers(language: str | None = None) -> list[str]:
    with translation.override(language or translation.get_language()):
        return [str(header) for _key, header, _required in COLUMNS]


def template_xlsx() -> bytes:
    """The downloadable template: the header row and one example row."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kien nghi"
    sheet.append(headers())
    sheet.append(
        [
            "kiến nghị",
            "Hỗ trợ vay vốn khởi nghiệp cho phụ nữ dân tộc thiểu số",
            "Chị em mong được vay vốn ưu đãi để mở rộng mô hình chăn nuôi.",
            "Vay vốn khởi nghiệp",
            "",
            "Hồ Thị Bích",
            "0912345678",
            "Vân Kiều",
            "không",
            "Phụ nữ dân tộc thiểu số",
            3,
            "không",
        ]
    )
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_keys(row: list) -> list[str | None]:
    known = {}
    for language in ("vi", "en"):
        for (key, _h, _r), header in zip(COLUMNS, headers(language), strict=True):
            known[fold(header)] = key
            known[fold(header.split("(")[0])] = key
        known.update({key: key for key, _h, _r in COLUMNS})
    keys = [known.get(fold(str(cell or "")).strip()) for cell in row]
    missing = [str(header) for key, header, required in COLUMNS if required and key not in keys]
    if missing:
        raise ImportRefused(
            _("The first row must hold the column names of the template; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return keys


def _check_xlsx_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts would unpack to too much, before openpyxl reads any of them.

    The sizes are those the zip declares; zipfile stops each part at its declared size (and fails its
    checksum), so a part lying about its size cannot unpack to more either.
    """
    infos = archive.infolist()
    if not any(i.filename.startswith("xl/worksheets/") for i in infos) or "xl/workbook.xml" not in archive.namelist():
        raise ImportRefused(_("The file is not a valid Excel workbook (.xlsx). Save it again from Excel."))
    if len(infos) > MAX_XLSX_PARTS:
        raise ImportRefused(
            _("The workbook has %(count)s parts; at most %(max)s are allowed. Copy the petitions into the template.")
            % {"count": len(infos), "max": MAX_XLSX_PARTS}
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_INFLATED_BYTES:
        raise ImportRefused(
            _("The workbook unpacks to %(size)s; at most %(limit)s is allowed. Split it into smaller files.")
            % {"size": filesizeformat(total), "limit": filesizeformat(MAX_XLSX_INFLATED_BYTES)}
        )
    for info in infos:
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1):
            raise ImportRefused(
                _(
                    "A part of the workbook unpacks to %(ratio)s times its packed size (at most %(max)s); "
                    "such a file cannot be read safely. Copy the petitions into the template."
                )
                % {"ratio": info.file_size // max(info.compress_size, 1), "max": MAX_XLSX_RATIO}
            )


def _read_xlsx(upload) -> list[list]:
    from openpyxl import load_workbook

    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            _check_xlsx_zip(archive)
        upload.seek(0)
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except ImportRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise ImportRefused(_("The file is not a valid Excel workbook (.xlsx). Save it again from Excel.")) from error
    try:
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise ImportRefused(
                _("The file has %(rows)s rows; at most %(max)s are allowed. Split it into smaller files.")
                % {"rows": sheet.max_row - 1, "max": MAX_ROWS}
            )
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise ImportRefused(_("The sheet has too many columns; use the template."))
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                raise ImportRefused(
                    _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}
                )
        return rows
    except ImportRefused:
        raise
    except Exception as error:
        raise ImportRefused(_("The file is not a valid Excel workbook (.xlsx). Save it again from Excel.")) from error
    finally:
        workbook.close()


def _read_csv(upload) -> list[list]:
    upload.seek(0)
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(_("The CSV file must be saved as UTF-8 text.")) from error
    if "\x00" in text:
        raise ImportRefused(_("The CSV file must be saved as UTF-8 text."))
    if text.count("\n") > MAX_ROWS + 2:
        raise ImportRefused(_("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS})
    # Excel saves CSV with "," or ";" depending on the regional settings; the header row tells which.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise ImportRefused(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error


def read_rows(upload) -> list[dict]:
    """Read the file into dicts keyed by column, refusing huge or broken files at once."""
    size = upload.size or 0
    if size == 0:
        raise ImportRefused(_("The file is empty."))
    if size > MAX_IMPORT_BYTES:
        raise ImportRefused(
            _("The file is %(size)s; at most %(limit)s is allowed.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_IMPORT_BYTES)}
        )
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    name = (upload.name or "").lower()
    if head.startswith(b"PK"):
        rows = _read_xlsx(upload)
    elif name.endswith((".xlsx", ".xls")):
        raise ImportRefused(_("The file is not a valid Excel workbook (.xlsx). Save it again from Excel."))
    else:
        rows = _read_csv(upload)
    rows = [row for row in rows if any(str(cell or "").strip() for cell in row)]
    if not rows:
        raise ImportRefused(_("The file is empty."))
    keys = _header_keys(rows[0])
    data = []
    for row in rows[1:]:
        data.append({key: cell for key, cell in zip(keys, row, strict=False) if key})
    if not data:
        raise ImportRefused(_("The file has column names but no petitions."))
    return data


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


class _Lookups:
    def __init__(self, user):
        units = OrgUnit.objects.visible_to(user)
        self.units = {}
        for unit in units:
            self.units[unit.code.lower()] = unit
            self.units[fold(unit.name)] = unit
        self.topics = {}
        for topic in TopicCategory.objects.filter(is_active=True):
            self.topics[fold(topic.name)] = topic
            self.topics[topic.code] = topic
        self.groups = {}
        for group in ParticipantGroup.objects.filter(is_active=True):
            self.groups[fold(group.name)] = group
            self.groups[group.code] = group
        self.kinds = {}
        for kind in PetitionKind:
            self.kinds[kind.value] = kind.value
            for language in ("vi", "en"):
                with translation.override(language):
                    self.kinds[fold(str(kind.label))] = kind.value
        self.kinds.update(
            {"y kien": "opinion", "kien nghi": "recommendation", "thac mac": "question", "phan anh": "complaint"}
        )


def _flag(value, errors, label) -> bool:
    folded = fold(_text(value))
    if folded in YES:
        return True
    if folded not in NO:
        errors.append(_("%(column)s: write “có” or “không”.") % {"column": label})
    return False


def check_rows(rows: list[dict], *, user) -> list[RowResult]:
    """Check every row; each result carries its errors in the user's language and the cleaned values."""
    lookups = _Lookups(user)
    labels = dict(zip([key for key, _h, _r in COLUMNS], headers(), strict=True))
    results = []
    for index, values in enumerate(rows, start=2):
        errors: list[str] = []
        cleaned: dict = {}
        title, content = _text(values.get("title")), _text(values.get("content"))
        if not title:
            errors.append(_("%(column)s is required.") % {"column": labels["title"]})
        elif len(title) > MAX_TITLE:
            errors.append(_("%(column)s: at most %(max)s characters.") % {"column": labels["title"], "max": MAX_TITLE})
        if not content:
            errors.append(_("%(column)s is required.") % {"column": labels["content"]})
        elif len(content) > MAX_CONTENT:
            errors.append(
                _("%(column)s: at most %(max)s characters.") % {"column": labels["content"], "max": MAX_CONTENT}
            )
        cleaned.update(title=title, content=content)
        kind_text = fold(_text(values.get("kind")))
        if not kind_text:
            cleaned["kind"] = PetitionKind.RECOMMENDATION
        elif kind_text in lookups.kinds:
            cleaned["kind"] = lookups.kinds[kind_text]
        else:
            errors.append(
                _("Kind “%(value)s” is unknown; write ý kiến, kiến nghị, thắc mắc or phản ánh.")
                % {"value": _text(values.get("kind"))}
            )
        topics = []
        for part in _text(values.get("topics")).replace(",", ";").split(";"):
            if not part.strip():
                continue
            topic = lookups.topics.get(fold(part))
            if topic is None:
                errors.append(_("Topic “%(value)s” is not in the list of topics.") % {"value": part.strip()})
            else:
                topics.append(topic)
        cleaned["topics"] = topics
        unit_text = _text(values.get("unit"))
        if not unit_text:
            cleaned["unit"] = user.unit
            if user.unit is None:
                errors.append(_("%(column)s is required.") % {"column": labels["unit"]})
        else:
            unit = lookups.units.get(unit_text.lower()) or lookups.units.get(fold(unit_text))
            if unit is None:
                errors.append(_("Unit “%(value)s” is unknown or outside your unit.") % {"value": unit_text})
            cleaned["unit"] = unit
        cleaned["petitioner_name"] = _text(values.get("petitioner_name"))[:200]
        cleaned["petitioner_phone"] = _text(values.get("petitioner_phone"))
        if len(cleaned["petitioner_phone"]) > 30:
            errors.append(
                _("%(column)s: at most %(max)s characters.") % {"column": labels["petitioner_phone"], "max": 30}
            )
        cleaned["petitioner_ethnicity"] = _text(values.get("petitioner_ethnicity"))[:100]
        cleaned["petitioner_has_disability"] = _flag(
            values.get("petitioner_has_disability"), errors, labels["petitioner_has_disability"]
        )
        cleaned["is_anonymous"] = _flag(values.get("is_anonymous"), errors, labels["is_anonymous"])
        group_text = _text(values.get("participant_group"))
        cleaned["participant_group"] = None
        if group_text:
            cleaned["participant_group"] = lookups.groups.get(fold(group_text))
            if cleaned["participant_group"] is None:
                errors.append(_("Participant group “%(value)s” is not in the list.") % {"value": group_text})
        count_text = _text(values.get("supporters_count")) or "1"
        try:
            count = int(count_text)
            if not 1 <= count <= MAX_SUPPORTERS:
                raise ValueError
            cleaned["supporters_count"] = count
        except ValueError:
            errors.append(
                _("%(column)s: write a whole number from 1 to %(max)s.")
                % {"column": labels["supporters_count"], "max": MAX_SUPPORTERS}
            )
        results.append(
            RowResult(number=index, values={k: _text(v) for k, v in values.items()}, errors=errors, cleaned=cleaned)
        )
    return results


@transaction.atomic
def import_petitions(*, upload, user) -> list:
    """Read, check and submit every row, or nothing when any row is wrong.

    Side effects: one submitted petition per row (codes in file order), each with its status log.
    Raises ImportRefused for an unreadable file, ValidationError listing the bad rows.
    """
    policy.require("import", user)
    results = check_rows(read_rows(upload), user=user)
    bad = [r for r in results if r.errors]
    if bad:
        raise ValidationError([f"{_('Row')} {r.number}: {'; '.join(r.errors)}" for r in bad])
    return [submit_petition(actor=user, **r.cleaned) for r in results]
