from datetime import date

import pytest

from dialogue_portal.directory.models import Holiday
from dialogue_portal.directory.workdays import add_working_days, working_days_between


@pytest.fixture(autouse=True)
def _own_calendar(db):
    """Each test states its own holidays."""
    Holiday.objects.all().delete()


def test_add_working_days_skips_weekends(db):
    friday = date(2024, 11, 22)
    assert add_working_days(friday, 1) == date(2024, 11, 25)
    assert add_working_days(friday, 5) == date(2024, 11, 29)


def test_add_working_days_skips_tet(db):
    Holiday.objects.bulk_create(Holiday(date=date(2024, 2, d), name="Tết Nguyên đán") for d in range(8, 15))
    # Wed 7 Feb 2024 + 2 working days: Tết runs 8–14 Feb, so Thu 15 and Fri 16.
    assert add_working_days(date(2024, 2, 7), 2) == date(2024, 2, 16)


def test_working_days_between_counts_after_start_up_to_end(db):
    Holiday.objects.create(date=date(2024, 9, 2), name="Quốc khánh")
    assert working_days_between(date(2024, 8, 30), date(2024, 9, 4)) == 2
    assert working_days_between(date(2024, 9, 4), date(2024, 8, 30)) == -2
    assert working_days_between(date(2024, 9, 4), date(2024, 9, 4)) == 0


def test_add_zero_working_days_is_the_same_day(db):
    assert add_working_days(date(2024, 11, 23), 0) == date(2024, 11, 23)
