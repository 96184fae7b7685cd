"""The petitions panel of the session page, registered in PetitionsConfig.ready() (see dialogues/panels.py)."""

from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

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
    return {"petitions": rows[:SHOWN], "rows": _rows_html(rows[:SHOWN]), "more": len(rows) > SHOWN, "manager": manager}


_PK = 987654321  # stands in for the petition's id in the detail URL, reversed once per panel


def _rows_html(petitions) -> str:
    """The list items, written out in Python (as petitions/rows.py does): a template tag per row costs more."""
    detail = reverse("petitions:detail", args=[_PK])
    items = [
        f'<li><a href="{detail.replace(str(_PK), str(p.pk))}">{esc(p.code)}</a> {esc(p.title)} '
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
