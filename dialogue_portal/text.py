"""Text on the way in: NFC-normalised; search keys folded (no accents, no case)."""

import unicodedata

# Đ/đ carry no combining mark, so NFD alone does not strip them.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def nfc(value: str | None) -> str:
    """Return ``value`` NFC-normalised, with surrounding whitespace removed."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def fold(value: str | None) -> str:
    """Return a search key: lower case, no diacritics, single spaces.

    "Đakrông" and "dakrong" fold alike, whether typed precomposed or decomposed.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value).translate(_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().translate(_EXTRA).split())
