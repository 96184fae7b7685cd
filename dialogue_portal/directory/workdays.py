"""Vietnamese working days: Monday to Friday, minus the public holidays in the Holiday table."""

from datetime import date, timedelta

from .models import Holiday


def _holidays(start: date, end: date) -> set[date]:
    return set(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def is_working_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted).

    One query for the holidays in range.
    """
    if days <= 0:
        return start
    # Two calendar days per working day plus Tết is enough; widen if a long holiday list needs it.
    horizon = start + timedelta(days=days * 2 + 30)
    holidays = _holidays(start, horizon)
    current, left = start, days
    while left:
        current += timedelta(days=1)
        if current > horizon:
            horizon = current + timedelta(days=days * 2 + 30)
            holidays |= _holidays(current, horizon)
        if is_working_day(current, holidays):
            left -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier."""
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start)
    holidays = _holidays(start, end)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n), holidays))
