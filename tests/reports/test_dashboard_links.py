"""Every number on the dashboard opens a list showing exactly that many rows (staff and branch leader)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from dialogues.models import DialogueSession, SessionStatus
from petitions.models import PetitionStatus

from .conftest import assign, make_petition

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
FIGURES = {"total", "topic", "status", "department", "overdue", "month", "sessions"}


def _at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def demo_like(units, topics, departments):
    """A year of petitions and sessions across the tree, with the cases a drill-down gets wrong."""
    x, y = departments["x"], departments["y"]
    statuses = [
        PetitionStatus.SUBMITTED,
        PetitionStatus.RECEIVED,
        PetitionStatus.ASSIGNED,
        PetitionStatus.ANSWERED,
        PetitionStatus.RESOLVED,
        PetitionStatus.CLOSED,
    ]
    unit_codes = ["qt", "a", "a1", "a1x", "b", "b1"]
    made = []
    for n in range(40):  # more than a page of the list
        petition = make_petition(
            unit=units[unit_codes[n % 6]],
            title=f"Kiến nghị số {n}",
            topics=topics[: 1 + n % 3],  # one, two or three topics each
            status=statuses[n % 6],
            when=_at(2024, 1 + n % 12, 1 + n % 27),
        )
        made.append(petition)
        if petition.status in (PetitionStatus.ASSIGNED, PetitionStatus.ANSWERED, PetitionStatus.RESOLVED):
            answered = petition.status != PetitionStatus.ASSIGNED
            assign(petition, x, answer="Đã trả lời" if answered else None, due=datetime.date(2024, 3, 1))
            if n % 4 == 0:
                # Overdue at y only: must not count as overdue at x.
                assign(petition, y, due=datetime.date(2024, 2, 1))
    # Year boundaries in local time: 31/12 23:30 belongs to that year, 01/01 00:30 to the next.
    make_petition(unit=units["a1"], topics=[topics[0]], when=_at(2024, 12, 31, 23, 30))
    make_petition(unit=units["a1"], topics=[topics[0]], when=_at(2025, 1, 1, 0, 30))
    make_petition(unit=units["b"], topics=[topics[1]], when=_at(2023, 12, 31, 23, 30))
    archived = make_petition(unit=units["a1"], topics=[topics[2]], when=_at(2024, 5, 5), is_archived=True)
    assign(archived, x, due=datetime.date(2024, 6, 1))

    for unit, when, status, archived_session in [
        ("a", _at(2024, 3, 1), SessionStatus.HELD, False),
        ("a1", _at(2024, 4, 1), SessionStatus.SUMMARY_SENT, False),  # below a: counted under a1 only
        ("a1", _at(2024, 9, 1), SessionStatus.HELD, False),
        ("a1", _at(2024, 10, 1), SessionStatus.PLANNED, False),  # not held: not counted
        ("a1", _at(2023, 10, 1), SessionStatus.HELD, False),
        ("a1x", _at(2024, 6, 1), SessionStatus.HELD, True),  # archived: left out like the list does
        ("b1", _at(2024, 12, 31, 23, 0), SessionStatus.HELD, False),
        ("qt", _at(2024, 11, 20), SessionStatus.SUMMARY_SENT, False),
    ]:
        DialogueSession.objects.create(
            title=f"Đối thoại {unit} {when:%m/%Y}",
            host_unit=units[unit],
            starts_at=when,
            ends_at=when + datetime.timedelta(hours=3),
            status=status,
            is_archived=archived_session,
        )
    return made


def _figures(html: str) -> list[tuple[str, str, int]]:
    return [
        (kind, href.replace("&amp;", "&"), int(n))
        for href, kind, n in re.findall(r'<a href="([^"]+)" data-figure="(\w+)">(\d+)</a>', html)
    ]


def _listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    warnings = [str(m) for m in response.context["messages"]]
    assert warnings == [], (url, warnings)  # an ignored filter would show the unfiltered list
    return response.context["page"].paginator.count


@pytest.mark.parametrize(
    ("who", "unit"),
    [("staff", None), ("staff", "a1"), ("staff", "b"), ("leader_a", None), ("leader_a", "a1"), ("leader_b", None)],
)
def test_every_dashboard_number_opens_a_list_of_that_many_rows(client_for, units, demo_like, who, unit):
    client = client_for(who)
    query = {"year": 2024, **({"unit": units[unit].pk} if unit else {})}
    html = client.get(reverse("reports:dashboard"), query).content.decode()
    figures = _figures(html)

    assert {kind for kind, _url, _n in figures} == FIGURES  # every kind of number is there and linked
    mismatches = [(kind, url, n, listed) for kind, url, n in figures if (listed := _listed(client, url)) != n]
    assert mismatches == []
    if (who, unit) == ("staff", None):
        assert max(n for _kind, _url, n in figures) > 25  # a count beyond the list's first page


def test_dashboard_links_use_the_list_parameters(client_for, demo_like):
    html = client_for("staff").get(reverse("reports:dashboard"), {"year": 2024}).content.decode()
    urls = [url for _kind, url, _n in _figures(html)]

    assert not [url for url in urls if "submitted_after" in url or "submitted_before" in url]
    assert all("submitted_from=2024-" in url for url in urls if url.startswith("/petitions/"))
    assert all("held=true" in url and "host=" in url for url in urls if url.startswith("/sessions/"))
