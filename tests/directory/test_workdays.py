import importlib
from datetime import date, timedelta

import holidays
import pytest
from django.apps import apps

from dialogue_portal.directory.models import WorkdayKind, WorkdayOverride
from dialogue_portal.directory.services import load_reference_data
from dialogue_portal.directory.workdays import add_working_days, is_working_day, working_days_between


def _package_days_off(*years):
    return set(holidays.country_holidays("VN", years=years, language="vi"))


def test_add_working_days_skips_weekends(db):
    friday = date(2024, 11, 22)
    assert add_working_days(friday, 1) == date(2024, 11, 25)
    assert add_working_days(friday, 5) == date(2024, 11, 29)


def test_add_working_days_skips_tet_without_any_row(db):
    assert not WorkdayOverride.objects.exists()
    # Wed 7 Feb 2024 + 2 working days: Tết runs 8–14 Feb, so Thu 15 and Fri 16.
    assert add_working_days(date(2024, 2, 7), 2) == date(2024, 2, 16)


def test_working_days_between_counts_after_start_up_to_end(db):
    # 2 and 3 September 2024 are Quốc khánh: from Fri 30/8 to Wed 4/9 only the 4th is worked.
    assert working_days_between(date(2024, 8, 30), date(2024, 9, 4)) == 1
    assert working_days_between(date(2024, 9, 4), date(2024, 8, 30)) == -1
    assert working_days_between(date(2024, 9, 4), date(2024, 9, 4)) == 0


def test_add_zero_working_days_is_the_same_day(db):
    assert add_working_days(date(2024, 11, 23), 0) == date(2024, 11, 23)


def test_fifteen_working_days_from_20_january_2028_skip_tet_as_the_package_computes_it(db):
    start = date(2028, 1, 20)
    calendar = holidays.country_holidays("VN", years=2028, language="vi")
    days_off = set(calendar)
    tet = sorted(day for day, name in calendar.items() if "Tết" in name and "Dương lịch" not in name)
    assert start < tet[0] < tet[-1] < date(2028, 2, 17)  # Tết 2028 (24–29/01) falls inside the 15 days
    expected, left = start, 15
    while left:
        expected += timedelta(days=1)
        if expected.weekday() < 5 and expected not in days_off:
            left -= 1

    due = add_working_days(start, 15)

    assert due == expected == date(2028, 2, 17)
    assert working_days_between(start, due) == 15
    assert not any(is_working_day(day) for day in tet)


def test_a_saturday_worked_in_compensation_counts(db):
    WorkdayOverride.objects.create(date=date(2028, 2, 12), kind=WorkdayKind.WORKING_DAY, name="Làm bù")
    assert is_working_day(date(2028, 2, 12))
    assert add_working_days(date(2028, 1, 20), 15) == date(2028, 2, 16)


def test_an_extra_day_off_does_not_count(db):
    WorkdayOverride.objects.create(date=date(2028, 2, 1), kind=WorkdayKind.DAY_OFF, name="Nghỉ thêm")
    assert not is_working_day(date(2028, 2, 1))
    assert add_working_days(date(2028, 1, 20), 15) == date(2028, 2, 18)


def test_an_override_wins_over_the_package(db):
    # The government moves a holiday: the package's day off is worked, another day is given instead.
    WorkdayOverride.objects.create(date=date(2028, 9, 4), kind=WorkdayKind.WORKING_DAY, name="Đổi ngày nghỉ")
    WorkdayOverride.objects.create(date=date(2028, 9, 5), kind=WorkdayKind.DAY_OFF, name="Đổi ngày nghỉ")
    assert date(2028, 9, 4) in _package_days_off(2028)
    assert is_working_day(date(2028, 9, 4))
    assert not is_working_day(date(2028, 9, 5))


def test_2026_has_the_swap_day_and_vietnamese_culture_day_off(db):
    names = holidays.country_holidays("VN", years=2026, language="vi")
    assert names[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
    assert not is_working_day(date(2026, 8, 31))
    assert not is_working_day(date(2026, 11, 24))
    # The swap's other half: Saturday 22/08/2026 is worked.
    assert is_working_day(date(2026, 8, 22))


def test_reference_data_holds_no_hand_kept_holiday_list(db):
    load_reference_data()
    assert not WorkdayOverride.objects.exists()


def test_migration_keeps_only_the_decisions_the_package_lacks(db):
    migration = importlib.import_module("dialogue_portal.directory.migrations.0002_workdayoverride")
    staff_decision = WorkdayOverride.objects.create(date=date(2030, 8, 30), name="Nghỉ bù")
    WorkdayOverride.objects.bulk_create(
        [
            WorkdayOverride(date=date(2027, 2, 11), name="Tết Nguyên đán"),  # the old seed list
            WorkdayOverride(date=date(2029, 9, 3), name="Lễ Quốc khánh"),  # the package's own holiday
            WorkdayOverride(date=date(2030, 8, 31), name="Thứ bảy"),  # a weekend day off anyway
        ]
    )
    migration.keep_only_decisions(apps, None)
    assert list(WorkdayOverride.objects.all()) == [staff_decision]


@pytest.fixture
def staff_client(client_for):
    return client_for("staff")


def test_staff_record_a_saturday_worked_in_the_admin_in_vietnamese(staff_client):
    form = staff_client.get("/admin/directory/workdayoverride/add/")
    assert form.status_code == 200
    assert "ngày làm việc (làm bù)" in form.content.decode()

    response = staff_client.post(
        "/admin/directory/workdayoverride/add/",
        {"date": "12/02/2028", "kind": "working_day", "name": "Làm bù cho ngày 31/01/2028"},
    )

    assert response.status_code == 302
    assert WorkdayOverride.objects.get(date=date(2028, 2, 12)).kind == WorkdayKind.WORKING_DAY
    assert add_working_days(date(2028, 1, 20), 15) == date(2028, 2, 16)


def test_the_admin_refuses_an_override_that_changes_nothing_in_vietnamese(staff_client):
    response = staff_client.post(
        "/admin/directory/workdayoverride/add/", {"date": "24/11/2026", "kind": "day_off", "name": "Nghỉ"}
    )
    assert response.status_code == 200
    assert "đã là ngày nghỉ lễ: Ngày Văn hóa Việt Nam" in response.content.decode()
    assert not WorkdayOverride.objects.exists()


def test_the_admin_list_shows_the_year_the_calendar_computes(staff_client):
    page = staff_client.get("/admin/directory/workdayoverride/", {"date__year": "2026"}).content.decode()
    assert "Ngày Văn hóa Việt Nam" in page
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in page
