"""The petitions panel of the session page, registered in PetitionsConfig.ready() (see dialogues/panels.py)."""

from dialogue_portal import policy
from dialogues.panels import AFTER_ATTENDANCE, SessionPanel

from .selectors import petitions_for_session

# A detail page, not a list: the first rows, then a link to the petition list filtered by session.
SHOWN = 20


def session_petitions(request, session, *, manager: bool) -> dict | None:
    """The petitions raised at ``session`` that the user may see; a manager is told how to link some."""
    if not policy.may_view_petitions(request.user):
        return None
    rows = list(petitions_for_session(session=session, user=request.user)[: SHOWN + 1])
    return {"petitions": rows[:SHOWN], "more": len(rows) > SHOWN, "manager": manager}


PANEL = SessionPanel(
    name="petitions",
    place=AFTER_ATTENDANCE,
    template="petitions/session_panel.html",
    context=session_petitions,
)
