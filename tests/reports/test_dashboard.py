import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from petitions.models import Assignment, AssignmentStatus, Petition, PetitionStatus

from .conftest import assign, make_petition


@pytest.fixture
def year_data(units, topics, departments):
    zone = timezone.get_current_timezone()
    made = []
    for month, unit, topic, status in [
        (1, "a1", 0, PetitionStatus.SUBMITTED),
        (1, "a", 1, PetitionStatus.ASSIGNED),
        (3, "b1", 0, PetitionStatus.ANSWERED),
        (3, "a1x", 2, PetitionStatus.ASSIGNED),
        (7, "b", 0, PetitionStatus.RESOLVED),
    ]:
        when = timezone.make_aware(datetime.datetime(2024, month, 10, 9), zone)
        made.append(make_petition(unit=units[unit], topics=[topics[topic]], status=status, when=when))
    assign(made[1], departments["x"], due=datetime.date(2024, 2, 1))  # overdue
    assign(made[2], departments["x"], answer="Đã trả lời")
    assign(made[3], departments["y"], due=datetime.date(2024, 4, 1))  # overdue
    make_petition(unit=units["a1"], topics=[topics[0]], when=timezone.make_aware(datetime.datetime(2023, 5, 1), zone))
    return made


def _figures(html: str, name: str) -> list[tuple[str, int]]:
    return [
        (href.replace("&amp;", "&"), int(n))
        for href, n in re.findall(rf'<a href="([^"]+)" data-figure="{name}">(\d+)</a>', html)
    ]


def test_dashboard_numbers_equal_independent_counts(client_for, topics, departments, year_data):
    html = client_for("staff").get(reverse("reports:dashboard"), {"year": 2024}).content.decode()

    in_year = Petition.objects.filter(submitted_at__year=2024)
    topic_counts = {t.pk: in_year.filter(topics=t).count() for t in topics}
    assert [n for _url, n in _figures(html, "total")] == [in_year.count()]
    assert sorted(n for _url, n in _figures(html, "topic")) == sorted(n for n in topic_counts.values() if n)
    for url, n in _figures(html, "topic"):
        topic_id = int(re.search(r"topic=(\d+)", url).group(1))
        assert n == topic_counts[topic_id]
    statuses = {re.search(r"status=(\w+)", url).group(1): n for url, n in _figures(html, "status")}
    assert statuses == {s: in_year.filter(status=s).count() for s in in_year.values_list("status", flat=True)}
    overdue = {int(re.search(r"department=(\d+)", url).group(1)): n for url, n in _figures(html, "overdue")}
    assert overdue == {
        d.pk: Assignment.objects.filter(
            department=d, status=AssignmentStatus.PENDING, due_date__lt=timezone.localdate(), petition__in=in_year
        ).count()
        for d in departments.values()
    }
    months = [n for _url, n in _figures(html, "month")]
    assert months == [in_year.filter(submitted_at__month=m).count() for m in range(1, 13)]


def test_dashboard_for_leader_counts_only_their_subtree(client_for, units, year_data):
    html = client_for("leader_a").get(reverse("reports:dashboard"), {"year": 2024}).content.decode()

    expected = Petition.objects.filter(submitted_at__year=2024, unit__path__startswith=units["a"].path).count()
    assert [n for _url, n in _figures(html, "total")] == [expected] == [3]


def test_dashboard_links_open_the_filtered_list(client_for, topics, year_data):
    html = client_for("staff").get(reverse("reports:dashboard"), {"year": 2024}).content.decode()

    url = next(url for url, _n in _figures(html, "topic") if f"topic={topics[0].pk}" in url)
    assert url.startswith("/petitions/?")
    assert "submitted_from=2024-01-01" in url and "submitted_to=2024-12-31" in url


def test_dashboard_cache_is_invalidated_when_a_petition_changes(client_for, units, topics, year_data):
    client = client_for("staff")
    before = _figures(client.get(reverse("reports:dashboard"), {"year": 2024}).content.decode(), "total")[0][1]

    make_petition(unit=units["a1"], topics=[topics[0]], when=timezone.make_aware(datetime.datetime(2024, 9, 1)))

    after = _figures(client.get(reverse("reports:dashboard"), {"year": 2024}).content.decode(), "total")[0][1]
    assert after == before + 1


def test_dashboard_is_not_for_department_reps(client_for, year_data):
    assert client_for("rep_x").get(reverse("reports:dashboard")).status_code == 403


def test_dashboard_charts_have_no_inline_style(client_for, year_data):
    html = client_for("staff").get(reverse("reports:dashboard"), {"year": 2024}).content.decode()
    assert "<svg" in html
    assert "style=" not in html
