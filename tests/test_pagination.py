from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue_portal.directory.models import WorkdayOverride
from dialogue_portal.pagination import CappedCountPaginator, keyset_page


@pytest.fixture
def days(db):
    WorkdayOverride.objects.all().delete()
    first = date(2030, 1, 1)
    WorkdayOverride.objects.bulk_create(
        [WorkdayOverride(date=first + timedelta(days=i), name=f"Ngày {i}") for i in range(57)]
    )
    return WorkdayOverride.objects.order_by("-date", "-pk")


def test_capped_paginator_counts_exactly_below_the_cap(days):
    paginator = CappedCountPaginator(days, 10, count_cap=100)
    assert (paginator.count, paginator.num_pages, paginator.count_is_estimate) == (57, 6, False)


def test_capped_paginator_reads_at_most_cap_plus_one_rows(days):
    paginator = CappedCountPaginator(days, 10, count_cap=20)
    with CaptureQueriesContext(connection) as queries:
        count = paginator.count
    assert paginator.count_is_estimate is True
    assert count >= 21
    assert "LIMIT 21" in queries.captured_queries[0]["sql"]


def test_capped_paginator_serves_pages_past_the_cap(days):
    page = CappedCountPaginator(days, 10, count_cap=20).page(5)
    assert [h.name for h in page] == [f"Ngày {i}" for i in range(16, 6, -1)]


@pytest.mark.postgres
def test_capped_paginator_shows_the_planner_estimate_past_the_cap(days):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_workdayoverride")
    paginator = CappedCountPaginator(days, 10, count_cap=20)
    assert 40 <= paginator.count <= 80


def test_keyset_pages_walk_every_row_once_in_order(days):
    seen, cursor = [], None
    while True:
        page = keyset_page(days, ordering=("-date", "-pk"), after=cursor, per_page=10)
        seen.extend(h.pk for h in page.object_list)
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert seen == list(days.values_list("pk", flat=True))


def test_keyset_deep_page_costs_one_query(days, django_assert_num_queries):
    cursor = keyset_page(days, ordering=("-date", "-pk"), per_page=40).next_cursor
    with django_assert_num_queries(1):
        page = keyset_page(days, ordering=("-date", "-pk"), after=cursor, per_page=10)
    assert [h.date for h in page.object_list] == [date(2030, 1, 1) + timedelta(days=i) for i in range(16, 6, -1)]


@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24", "WyJub3QgYSBkYXRlIiwgMV0"])
def test_keyset_malformed_cursor_starts_from_the_first_page(days, cursor):
    page = keyset_page(days, ordering=("-date", "-pk"), after=cursor, per_page=5)
    assert page.object_list[0].date == date(2030, 2, 26)


def test_capped_paginator_fetches_few_matches_by_primary_key(days, django_assert_num_queries):
    few = days.filter(name__in=["Ngày 3", "Ngày 30", "Ngày 50"])
    paginator = CappedCountPaginator(few, 2)
    with django_assert_num_queries(3):  # count, ids, page
        rows = list(paginator.page(1))
    assert [h.name for h in rows] == ["Ngày 50", "Ngày 30"]
    assert [h.name for h in paginator.page(2)] == ["Ngày 3"]


def test_capped_paginator_pages_many_matches_in_one_query(days, django_assert_num_queries):
    paginator = CappedCountPaginator(days, 10, count_cap=100)
    paginator.fetch_by_id_below = 20
    assert paginator.count == 57
    with django_assert_num_queries(1):
        assert len(list(paginator.page(6))) == 7
