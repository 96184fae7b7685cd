"""The summary panel of the session page, registered in ReportsConfig.ready() (see dialogues/panels.py)."""

from dialogue_portal import policy
from dialogues.models import SessionStatus
from dialogues.panels import AFTER_MINUTES, SessionPanel
from dialogues.selectors import HELD_STATES

from .models import ReportSettings
from .selectors import transmittals_for_session


def session_summary(request, session, *, manager: bool) -> dict | None:
    """For those who send summaries, once the session has been held: generate, send, and what was sent."""
    if not policy.may_send_summary(request.user) or session.status not in HELD_STATES:
        return None
    return {
        # The summary is sent from here (numbered, filed and mailed), never by a bare status change.
        "may_send": session.status == SessionStatus.HELD,
        "has_emails": bool(ReportSettings.load().email_list),
        "transmittals": list(transmittals_for_session(session=session, user=request.user)),
    }


def session_minutes(request, session, *, manager: bool) -> dict | None:
    """For those who run the session, once it has been held: the minutes (biên bản) as .docx or PDF."""
    if not manager or not policy.may_export(request.user, "export_minutes") or session.status not in HELD_STATES:
        return None
    return {}


MINUTES_PANEL = SessionPanel(
    name="minutes_document",
    place=AFTER_MINUTES,
    template="reports/minutes_panel.html",
    context=session_minutes,
)

PANEL = SessionPanel(
    name="summary",
    place=AFTER_MINUTES,
    template="reports/session_panel.html",
    context=session_summary,
)
