"""Vietnamese working days for any year: every due date is computed here.

Monday to Friday, minus the statutory holidays of the ``holidays`` package's Vietnam calendar (Tết by the
lunar calendar, names in Vietnamese), plus the Saturdays the package knows were worked for a swap; on top of
that, the government's yearly decisions staff record as ``WorkdayOverride`` rows, which always win.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import WorkdayKind, WorkdayOverride


@lru_cache(maxsize=128)
def _statutory(year: int) -> tuple[dict[date, str], frozenset[date]]:
    # The package's calendar depends only on the year and the pinned package version, so each process
    # computes a year once. Staff's overrides are not cached: they are read with every calculation, so a
    # saved decision counts at once in every worker without any invalidation.
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    worked = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return dict(calendar), worked


def statutory_days_off(year: int) -> dict[date, str]:
    """The package's public holidays of ``year`` (weekends included when a holiday falls on one), by date."""
    return dict(_statutory(year)[0])


def statutory_working_weekend_days(year: int) -> frozenset[date]:
    """The weekend days of ``year`` the package knows were worked in exchange for a day off."""
    return _statutory(year)[1]


@dataclass(frozen=True)
class Calendar:
    """Days off and worked weekend days for a span of dates (valid inside the span it was built for)."""

    off: frozenset[date]
    worked: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        return day not in self.off and (day.weekday() < 5 or day in self.worked)


def calendar(start: date, end: date) -> Calendar:
    """The calendar from ``start`` to ``end`` inclusive: the package's years, then staff's overrides (one query)."""
    off: set[date] = set()
    worked: set[date] = set()
    for year in range(start.year, end.year + 1):
        days_off, weekend_worked = _statutory(year)
        off.update(days_off)
        worked.update(weekend_worked)
    for day, kind in WorkdayOverride.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind"):
        if kind == WorkdayKind.WORKING_DAY:
            worked.add(day)
            off.discard(day)
        else:
            off.add(day)
            worked.discard(day)
    return Calendar(frozenset(off), frozenset(worked))


def is_working_day(day: date) -> bool:
    return calendar(day, day).is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted).

    One query for the overrides of each stretch of about two calendar days per working day.
    """
    if days <= 0:
        return start
    current, left = start, days
    while True:
        # Two calendar days per working day plus Tết is enough; another stretch is read if it is not.
        stretch_end = current + timedelta(days=days * 2 + 30)
        span = calendar(current + timedelta(days=1), stretch_end)
        while current < stretch_end:
            current += timedelta(days=1)
            if span.is_working_day(current):
                left -= 1
                if not left:
                    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier."""
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start)
    span = calendar(start + timedelta(days=1), end)
    return sum(1 for n in range(1, (end - start).days + 1) if span.is_working_day(start + timedelta(days=n)))


def check_override(day: date, kind: str) -> None:
    """Refuse an override that changes nothing, so the list holds only real decisions.

    A working day may replace a public holiday and a day off may cancel a swap: an override wins.
    """
    days_off, weekend_worked = _statutory(day.year)
    shown = date_format(day, "l d/m/Y")
    if kind == WorkdayKind.WORKING_DAY:
        if day.weekday() < 5 and day not in days_off:
            raise ValidationError(_("%(date)s is already a working day.") % {"date": shown}, code="redundant")
        if day in weekend_worked:
            raise ValidationError(
                _("%(date)s is already a working day in exchange for a day off.") % {"date": shown}, code="redundant"
            )
    elif day in days_off:
        raise ValidationError(
            _("%(date)s is already a public holiday: %(name)s.") % {"date": shown, "name": days_off[day]},
            code="redundant",
        )
    elif day.weekday() >= 5 and day not in weekend_worked:
        raise ValidationError(_("%(date)s is a weekend day, already a day off.") % {"date": shown}, code="redundant")
