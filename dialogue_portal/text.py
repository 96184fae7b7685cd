"""Text on the way in: NFC-normalised; search keys folded (no accents, no case)."""

import unicodedata

# Đ/đ carry no combining mark, so NFD alone does not strip them.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
# C0 control characters but tab and line breaks: PostgreSQL refuses NUL in text, and none of them is
# ever meant in a petition or a note. Forms reject NUL with a message; this is the services' safety net.
_CONTROLS = str.maketrans(dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127]))


def nfc(value: str | None) -> str:
    """Return ``value`` NFC-normalised, without control characters or surrounding whitespace."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", str(value).translate(_CONTROLS)).strip()


def fold(value: str | None) -> str:
    """Return a search key: lower case, no diacritics, single spaces.

    "Đakrông" and "dakrong" fold alike, whether typed precomposed or decomposed.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value).translate(_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().translate(_EXTRA).split())
