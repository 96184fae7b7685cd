"""Calendar files: per-session .ics, the personal feed, and its revocable token."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from icalendar import Calendar

from dialogue_portal.accounts.services import rotate_feed_token
from dialogues.models import SessionStatus

from .conftest import local

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _events(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def test_session_ics_parses_with_local_times_and_a_timezone(client_for, make_session):
    session = make_session(unit="a", starts_at=local(2027, 3, 10, 8, 30), hours=3, venue="Hội trường huyện")

    response = client_for("leader_a").get(reverse("dialogues:ics", args=[session.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar, events = _events(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    event = events[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime(2027, 3, 10, 8, 30),
        datetime(2027, 3, 10, 11, 30),
    )
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert start.astimezone(ZoneInfo("UTC")).hour == 1  # 08:30 in Vietnam is 01:30 UTC
    assert str(event["SUMMARY"]) == session.title
    assert str(event["LOCATION"]) == "Hội trường huyện"


def test_session_ics_of_another_units_session_is_404(client_for, make_session):
    session = make_session(unit="b1")

    response = client_for("leader_a").get(reverse("dialogues:ics", args=[session.pk]))

    assert response.status_code == 404


def test_feed_lists_only_the_sessions_the_user_may_see(client, users, make_session, departments):
    mine = make_session(unit="a1", title="Đối thoại Linh Trường")
    make_session(unit="b1", title="Đối thoại Tà Rụt")
    cancelled = make_session(unit="a", title="Đối thoại đã hủy", status=SessionStatus.CANCELLED)

    response = client.get(reverse("dialogues:feed", args=[users["leader_a"].feed_token]))

    assert response.status_code == 200
    _, events = _events(response.content)
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted([mine.title, cancelled.title])
    assert {str(e["SUMMARY"]): str(e["STATUS"]) for e in events}[cancelled.title] == "CANCELLED"


def test_rotating_the_feed_token_revokes_the_old_link(client, users, make_session):
    make_session(unit="a1")
    old = users["leader_a"].feed_token

    rotate_feed_token(user=users["leader_a"])

    assert client.get(reverse("dialogues:feed", args=[old])).status_code == 404
    assert client.get(reverse("dialogues:feed", args=[users["leader_a"].feed_token])).status_code == 200


def test_rotate_button_changes_the_token(client_for, users):
    old = users["staff"].feed_token

    response = client_for("staff").post(reverse("dialogues:rotate_feed"))

    users["staff"].refresh_from_db()
    assert response.status_code == 302
    assert users["staff"].feed_token != old


def test_feed_of_an_inactive_user_is_404(client, users):
    users["staff"].is_active = False
    users["staff"].save()

    assert client.get(reverse("dialogues:feed", args=[users["staff"].feed_token])).status_code == 404
