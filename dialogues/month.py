"""The calendar's month, written out in Python: a month holds well over a hundred sessions, each printed twice
(a chip in the grid, an item in the phones' list), and the template's filters and tags per session cost more
than the whole page's other work. The markup is the one the template printed."""

from datetime import timedelta
from html import escape as _text  # Django's escape() less its lazy-text checks: every value here is a str

from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from dialogue_portal.rowurls import row_url

# What the month prints of a session: its long texts (description, minutes) stay in the database.
FIELDS = ("pk", "title", "status", "starts_at", "ends_at", "venue", "host_unit__name")


def shorten(text: str, length: int) -> str:
    """Django's ``truncatechars`` for NFC text (which this portal stores): the translation it looks up on
    every call is the same ellipsis."""
    return text if len(text) <= length else text[: length - 1] + "…"


def month_html(sessions, weeks, first, today) -> tuple[str, str]:
    """(the phones' list items, the grid's table rows) for ``weeks`` of ``first``'s month."""
    url = row_url("dialogues:detail")
    zone = timezone.get_current_timezone()
    weekdays = [str(WEEKDAYS_ABBR[day]) for day in range(7)]  # the date filter's "D"
    by_day: dict = {}
    items = []
    for session in sessions:
        link = url(session.pk)
        starts = session.starts_at.astimezone(zone)
        start_time = starts.strftime("%H:%M")
        title, host = _text(session.title), _text(session.host_unit.name)
        chip = (
            f'<a class="d-block small session-chip status-{_text(session.status)}" href="{link}" '
            f'title="{start_time} {title} — {host}">{start_time} {_text(shorten(session.short_title, 48))}'
            f'<span class="d-block session-host">{_text(shorten(session.host_unit.name, 32))}</span></a>'
        )
        day, last = starts.date(), (session.ends_at - timedelta(seconds=1)).astimezone(zone).date()
        while day <= last:
            by_day.setdefault(day, []).append(chip)
            day += timedelta(days=1)
        if starts.month == first.month:
            venue = f" · {_text(session.venue)}" if session.venue else ""
            items.append(
                f'<li class="list-group-item"><a href="{link}">{title}</a>\n'
                f'<div class="small">{_text(weekdays[starts.weekday()])} {starts:%d/%m %H:%M}{venue} · '
                f'<span class="badge status-badge status-{_text(session.status)}">'
                f"{_text(session.get_status_display())}</span></div></li>"
            )
    if not items:
        items.append(f'<li class="list-group-item">{_text(gettext("No session this month."))}</li>')
    rows = []
    for week in weeks:
        cells = []
        for day in week:
            css = ("" if day.month == first.month else "other-month") + (" today" if day == today else "")
            chips = "".join(by_day.get(day, ()))
            cells.append(f'<td class="{css}">\n<div class="day-number">{day.day}</div>\n{chips}\n</td>')
        rows.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
    return mark_safe("\n".join(items)), mark_safe("".join(rows))  # noqa: S308 — every value escaped above
