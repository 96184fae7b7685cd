"""iCalendar (.ics) for sessions: one file per session, and each user's subscribable feed."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from dialogue_portal.mail import absolute_url

from .models import SessionStatus

ICAL_STATUS = {
    SessionStatus.DRAFT: "TENTATIVE",
    SessionStatus.PLANNED: "TENTATIVE",
    SessionStatus.POSTPONED: "TENTATIVE",
    SessionStatus.CANCELLED: "CANCELLED",
}


def session_calendar(sessions, *, name: str = "", cancelled: bool = False) -> bytes:
    """An iCalendar document with one VEVENT per session, local times with a VTIMEZONE.

    UIDs are stable and SEQUENCE is the session's ``ical_sequence`` (raised on each new date and on
    cancelling), so a calendar that imported an
    earlier copy updates the event instead of adding a second one.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"
    calendar = Calendar()
    calendar.add("prodid", "-//Hoi LHPN tinh//Policy dialogue portal//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        event = Event()
        event.add("uid", f"dialogue-session-{session.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", session.title)
        event.add("sequence", session.ical_sequence)
        if session.venue:
            event.add("location", session.venue)
        description = "\n".join(part for part in (session.theme, session.description) if part)
        if description:
            event.add("description", description)
        event.add("url", absolute_url(reverse("dialogues:detail", args=[session.pk])))
        status = "CANCELLED" if cancelled else ICAL_STATUS.get(session.status, "CONFIRMED")
        event.add("status", status)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
