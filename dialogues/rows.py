"""Rows of the session page (agenda, invited departments, participants, status history), written out in Python.

A row of a dozen template tags ({% url %}, {% csrf_token %}, {% blocktrans %}) costs the template engine far
more than the same markup built here; URLs are reversed and labels translated once per page, not per row.
The markup is the one the template printed.
"""

from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from dialogue_portal.rowurls import ROW, row_url


def agenda_html(session, items, *, manager: bool, csrf_token: str) -> str:
    """The <li> of each agenda item; a manager also gets the move and remove buttons."""
    if manager:
        csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(csrf_token)}">'
        up = row_url("dialogues:agenda_move", session.pk, ROW, "up")
        down = row_url("dialogues:agenda_move", session.pk, ROW, "down")
        remove = row_url("dialogues:agenda_remove", session.pk)
        move_up, move_down, drop = gettext("Move “%(t)s” up"), gettext("Move “%(t)s” down"), gettext("Remove “%(t)s”")
    out = []
    for item in items:
        title = esc(item.title)
        department = item.presenter_department.name if item.presenter_department_id else ""
        who = esc(department)
        if item.presenter_name:
            who += (" — " if department else "") + esc(item.presenter_name)
        if department or item.presenter_name:
            who += " · "
        count = item.planned_minutes
        minutes = esc(ngettext("%(m)s minute", "%(m)s minutes", count) % {"m": localize(count)})
        row = (
            f'<li class="list-group-item d-flex flex-wrap gap-2 justify-content-between align-items-start" '
            f'data-item="{item.pk}">\n<div class="ms-2 me-auto">\n<div>{title}</div>\n'
            f'<div class="small text-body-secondary">{who}{minutes}</div>\n</div>\n'
        )
        if manager:
            row += (
                f'<div class="d-flex gap-1">\n'
                f'<form method="post" action="{up(item.pk)}" class="agenda-move" data-direction="up">'
                f'{csrf}<button class="btn btn-outline-secondary btn-sm" type="submit" '
                f'aria-label="{move_up % {"t": title}}">↑</button></form>\n'
                f'<form method="post" action="{down(item.pk)}" class="agenda-move" data-direction="down">'
                f'{csrf}<button class="btn btn-outline-secondary btn-sm" type="submit" '
                f'aria-label="{move_down % {"t": title}}">↓</button></form>\n'
                f'<form method="post" action="{remove(item.pk)}">{csrf}'
                f'<button class="btn btn-outline-danger btn-sm" type="submit" '
                f'aria-label="{drop % {"t": title}}">✕</button></form>\n</div>\n'
            )
        out.append(row + "</li>")
    return mark_safe("\n".join(out))  # noqa: S308 — every value escaped above


def invitations_html(invitations) -> str:
    """The <tr> of each invited department: who represents it, its reply, whether it attended."""
    not_sent = f' <span class="small text-body-secondary">({esc(gettext("not sent yet"))})</span>'
    attended = {None: "—", True: esc(gettext("Yes")), False: esc(gettext("No"))}
    out = []
    for inv in invitations:
        title = f'<div class="small text-body-secondary">{esc(inv.representative_title)}</div>'
        reply = esc(inv.get_state_display())
        if inv.delegate_name:
            reply += f": {esc(inv.delegate_name)}"
        if not inv.sent_at:
            reply += not_sent
        out.append(
            f"<tr>\n<td>{esc(inv.department.name)}</td>\n"
            f"<td>{esc(inv.representative_name)}{title if inv.representative_title else ''}</td>\n"
            f"<td>{reply}</td>\n<td>{attended[inv.attended]}</td>\n</tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308 — every value escaped above


def attendance_html(rows) -> str:
    """The <tr> of each participant group: expected, and attended (— until recorded)."""
    out = [
        f'<tr><td>{esc(row.group.name)}</td><td class="text-end">{localize(row.expected)}</td>'
        f'<td class="text-end">{"—" if row.actual is None else localize(row.actual)}</td></tr>'
        for row in rows
    ]
    return mark_safe("".join(out))  # noqa: S308 — every value escaped above


def history_html(changes) -> str:
    """The <li> of each status change: when, from → to, who, and the note."""
    out = []
    for change in changes:
        row = f"<li>{date_format(localtime(change.at), 'd/m/Y H:i')} — "
        if change.from_status:
            row += f"{esc(change.get_from_status_display())} → "
        row += esc(change.get_to_status_display())
        if change.actor:
            row += f" — {esc(change.actor)}"
        if change.note:
            row += f": {esc(change.note)}"
        out.append(row + "</li>")
    return mark_safe("\n".join(out))  # noqa: S308 — every value escaped above
