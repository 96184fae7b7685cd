"""Phone numbers never reach the logs or the audit log in full."""

import logging
import re

# Vietnamese numbers: 0 or +84/84, then 8–10 digits, optionally grouped by spaces, dots or dashes
# ("0912 345 678", "+84 912.345.678", "02333 852 123"). Longer digit runs (ID card numbers) do not match.
PHONE_RE = re.compile(r"(?<![\d+])(?:\+84|84|0)(?:[ .\-]?\d){8,10}(?!\d)")
KEEP_DIGITS = 3


def _mask_match(match: re.Match) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    hidden = digits - KEEP_DIGITS
    out = []
    for ch in text:
        if ch.isdigit() and hidden > 0:
            out.append("*")
            hidden -= 1
        else:
            out.append(ch)
    return "".join(out)


def mask_phone(text: str) -> str:
    """Replace every phone number in ``text`` by stars, keeping its last three digits and its grouping."""
    if not text:
        return text
    return PHONE_RE.sub(_mask_match, text)


def mask_data(value):
    """``mask_phone`` applied to every string inside a JSON-like value (dicts, lists, strings)."""
    if isinstance(value, str):
        return mask_phone(value)
    if isinstance(value, dict):
        return {key: mask_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mask_data(item) for item in value]
    return value


class MaskPhoneFilter(logging.Filter):
    """Logging filter: masks phone numbers in the formatted message (and any traceback text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_phone(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_phone(record.exc_text)
        return True
