"""The summary panel of the session page, registered in ReportsConfig.ready() (see dialogues/panels.py)."""

from dialogue_portal import policy
from dialogues.models import SessionStatus
from dialogues.panels import AFTER_ATTENDANCE, AFTER_MINUTES, SessionPanel
from dialogues.selectors import HELD_STATES

from .models import DocumentKind, IssuedDocument, ReportSettings
from .selectors import transmittals_for_session


def session_summary(request, session, *, manager: bool) -> dict | None:
    """For those who send summaries, once the session has been held: generate, send, and what was sent."""
    if not policy.may_send_summary(request.user) or session.status not in HELD_STATES:
        return None
    may_send = session.status == SessionStatus.HELD
    return {
        # The summary is sent from here (numbered, filed and mailed), never by a bare status change.
        "may_send": may_send,
        "has_emails": may_send and bool(ReportSettings.load().email_list),  # shown only beside the send button
        "transmittals": transmittals_for_session(session=session, user=request.user),
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


# --- the plan and the invitation letters ------------------------------------------------------------------


def session_documents(request, session, *, manager: bool) -> dict | None:
    """Those managing the session issue the plan and see every document; a department sees its own letters."""
    from .issuing import PLANNABLE

    issued = list(
        IssuedDocument.objects.visible_to(request.user)
        .filter(session=session)
        .select_related("department")  # the panel names no issuer
        .order_by("kind", "department__sort_order", "department__name", "-revision")
    )
    if not manager and not issued:
        return None
    return {
        "manager": manager,
        "may_issue": manager and session.status in PLANNABLE,
        "plans": [d for d in issued if d.kind == DocumentKind.PLAN],
        "letters": [d for d in issued if d.kind == DocumentKind.INVITATION],
    }


DOCUMENTS_PANEL = SessionPanel(
    name="documents",
    place=AFTER_ATTENDANCE,
    template="reports/session_documents_panel.html",
    context=session_documents,
)
