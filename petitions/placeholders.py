"""Answer templates' blanks: "{ngày}", "{đơn vị}", "{sở}"… filled in when a template is applied; none may be saved.

A blank is written in braces, in Vietnamese or English, with or without accents ("{ngay}", "{date}").
The ones the portal knows are filled from the assignment; the others ("{cơ quan}" when nothing says which
authority) stay for the writer, and an answer still holding one is refused.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal.text import fold

# "{…}": up to 40 characters, no braces or line breaks inside.
BLANK = re.compile(r"\{([^{}\r\n]{1,40})\}")

# folded name → what fills it
NAMES = {
    "date": ("ngay", "ngay thang", "hom nay", "date", "today"),
    "unit": ("don vi", "don vi kien nghi", "unit"),
    "department": ("so", "so nganh", "co quan tra loi", "department"),
    "authority": ("co quan", "co quan co tham quyen", "authority"),
    "code": ("ma", "ma kien nghi", "code"),
    "title": ("tieu de", "title"),
}
_KIND_OF = {name: kind for kind, names in NAMES.items() for name in names}


def _key(name: str) -> str:
    return " ".join(fold(name).replace("_", " ").split())


def values_for(assignment, *, forwarded_authority: str = "", today: date | None = None) -> dict[str, str]:
    """What each kind of blank becomes for ``assignment`` (empty: left for the writer)."""
    petition = assignment.petition
    return {
        "date": (today or timezone.localdate()).strftime("%d/%m/%Y"),
        "unit": petition.unit.name,
        "department": assignment.department.name,
        "authority": (forwarded_authority or "").strip(),
        "code": petition.code,
        "title": petition.title,
    }


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every known blank replaced; unknown or empty ones are kept as written."""

    def replace(match):
        value = values.get(_KIND_OF.get(_key(match.group(1)), ""), "")
        return value or match.group(0)

    return BLANK.sub(replace, text or "")


def unfilled(text: str) -> list[str]:
    """The blanks still in ``text``, as written ("{ngày}"), each once, in order."""
    seen = []
    for match in BLANK.finditer(text or ""):
        if match.group(0) not in seen:
            seen.append(match.group(0))
    return seen


def check_filled(text: str) -> None:
    """Raise ValidationError naming the first blank still in ``text``."""
    left = unfilled(text)
    if left:
        raise ValidationError(_("Fill in the blank %(blank)s first.") % {"blank": left[0]}, code="unfilled")
