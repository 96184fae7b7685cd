"""The petitions panel of the session page, registered in PetitionsConfig.ready() (see dialogues/panels.py)."""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

from dialogue_portal import policy
from dialogue_portal.rowurls import row_url
from dialogues.panels import AFTER_ATTENDANCE, SessionPanel

from .selectors import petitions_for_session

# A detail page, not a list: the first rows, then a link to the petition list filtered by session.
SHOWN = 20


def session_petitions(request, session, *, manager: bool) -> dict | None:
    """The petitions raised at ``session`` that the user may see; a manager is told how to link some."""
    if not policy.may_view_petitions(request.user):
        return None
    rows = list(petitions_for_session(session=session, user=request.user)[: SHOWN + 1])
    return {"petitions": rows[:SHOWN], "rows": _rows_html(rows[:SHOWN]), "more": len(rows) > SHOWN, "manager": manager}


def _rows_html(petitions) -> str:
    """The list items, written out in Python (as petitions/rows.py does): a template tag per row costs more."""
    detail = row_url("petitions:detail")
    items = [
        f'<li><a href="{detail(p.pk)}">{esc(p.code)}</a> {esc(p.title)} '
        f'<span class="small text-body-secondary">({esc(p.get_status_display())})</span></li>'
        for p in petitions
    ]
    return mark_safe("".join(items))  # noqa: S308 — every value escaped above


PANEL = SessionPanel(
    name="petitions",
    place=AFTER_ATTENDANCE,
    template="petitions/session_panel.html",
    context=session_petitions,
)
