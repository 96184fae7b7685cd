"""The rows of a petition list (the list and the triage queue), written out in Python.

Twenty-five rows of a dozen template tags each cost the Django template engine about four milliseconds,
a third of the list page; the same markup built here costs a fraction of one. Labels are translated once
per page, not once per row.
"""

from html import escape as _text  # Django's escape() less its lazy-text checks, for the database's strings

from django.core.exceptions import ObjectDoesNotExist
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.utils import timezone
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from dialogue_portal.labels import labels_of
from dialogue_portal.rowurls import ROW, row_url

from .models import AssignmentStatus, PetitionStatus


def rows_html(rows, *, today, selectable: bool):
    """``rows``: (petition, days waiting or None, whether the petitioner's name may show) for each row."""
    detail = row_url("petitions:detail")
    overdue_badge = f'<span class="badge text-bg-danger">{_text(gettext("Overdue"))}</span>'
    submitted_today = f'<div class="small">{_text(gettext("Submitted today"))}</div>'
    overdue_since, due = _text(gettext("overdue since")), _text(gettext("due"))
    statuses, assignment_statuses = labels_of(PetitionStatus), labels_of(AssignmentStatus)
    waiting_days: dict[int, str] = {}
    out = []
    for p, waiting, show_petitioner in rows:
        code = _text(p.code)
        cells = ['<tr class="table-danger">' if p.is_overdue else "<tr>"]
        if selectable:
            label = _text(gettext("Select %(code)s") % {"code": p.code})
            cells.append(
                f'<td><input class="form-check-input" type="checkbox" name="petitions" value="{p.pk}" '
                f'id="sel-{p.pk}" aria-label="{label}"></td>'
            )
        petitioner = f" · {_text(p.petitioner_name)}" if show_petitioner and p.petitioner_name else ""
        cells.append(
            f'<td><a href="{detail(p.pk)}">{_text(p.title)}</a>'
            f'<div class="small text-body-secondary">{code} · {_text(p.unit.current_name)}{petitioner}</div></td>'
        )
        status_label = _text(statuses.get(p.status, p.status))
        status = f'<td><span class="badge status-badge status-{_text(p.status)}">{status_label}</span>'
        if p.is_overdue:
            status += overdue_badge
        if waiting == 0:
            status += submitted_today
        elif waiting is not None:
            if waiting not in waiting_days:
                days = ngettext("%(days)s day waiting", "%(days)s days waiting", waiting) % {"days": waiting}
                waiting_days[waiting] = f'<div class="small">{_text(days)}</div>'
            status += waiting_days[waiting]
        cells.append(status + "</td>")
        answers = [_assignment(a, today, overdue_since, due, assignment_statuses) for a in p.listed_assignments]
        cells.append(f'<td class="small">{"".join(answers) or "—"}</td></tr>')
        out.append("".join(cells))
    return mark_safe("\n".join(out))  # noqa: S308 — every value escaped above


def _assignment(a, today, overdue_since, due, labels) -> str:
    if a.status != AssignmentStatus.PENDING:
        state = _text(labels.get(a.status, a.status))
    elif a.due_date < today:
        state = f'<strong class="text-danger">{overdue_since} {a.due_date:%d/%m/%Y}</strong>'
    else:
        state = f"{due} {a.due_date:%d/%m/%Y}"
    return f"<div>{_text(a.department.current_label)}: {state}</div>"


def similar_html(similar, *, merge_url: str | None, csrf_token: str) -> str:
    """The panel of similar petitions (``similar``: petitions with ``unit`` loaded); with ``merge_url``, a
    "Merge into" button on each. Written here for the reason above: its template cost a petition page 2 ms."""
    if not similar:
        return ""
    detail = row_url("petitions:detail")
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(csrf_token)}">'
    items = []
    for p in similar:
        code = esc(p.code)
        members = ngettext("%(n)s member", "%(n)s members", p.supporters_count) % {"n": p.supporters_count}
        item = (
            f'<li class="mb-2"><a href="{detail(p.pk)}" target="_blank" rel="noopener">{code} {esc(p.title)}</a>\n'
            f'<span class="small text-body-secondary">· {esc(p.unit.name)} · {esc(p.get_status_display())} · '
            f"{esc(members)}</span>\n"
        )
        if merge_url:
            button = esc(gettext("Merge into %(code)s") % {"code": p.code})
            item += (
                f'<form method="post" action="{esc(merge_url)}" class="d-inline">{csrf}'
                f'<input type="hidden" name="keep_code" value="{code}">'
                f'<button type="submit" class="btn btn-sm btn-outline-primary ms-1">{button}</button></form>'
            )
        items.append(item + "</li>")
    title = esc(gettext("Similar petitions already raised"))
    return mark_safe(  # noqa: S308 — every value escaped above
        '<section class="similar-petitions card mb-3" aria-live="polite"><div class="card-body py-2">\n'
        f'<h2 class="h6 mb-2">{title}</h2>\n<ul class="list-unstyled mb-0">\n'
        + "\n".join(items)
        + "\n</ul></div></section>"
    )


def _day(value) -> str:
    return f"{value:%d/%m/%Y}"


def _local(moment, pattern: str) -> str:
    return timezone.localtime(moment).strftime(pattern)


def assignments_html(assignments, *, petition, today, answerable) -> str:
    """The petition page's cards of departments and answers (``answerable``: the assignment ids the viewer may
    answer)."""
    cards = []
    answer_url = row_url("petitions:answer", petition.pk, ROW)
    for a in assignments:
        overdue = a.status == AssignmentStatus.PENDING and a.due_date < today
        department = a.department
        heading = esc(department.current_name)
        if not department.is_active:
            formerly = esc(gettext("formerly: %(name)s") % {"name": department.name})
            heading += f' <span class="small text-body-secondary">({formerly})</span>'
        card = [
            f'<div class="card mb-2{" border-danger" if overdue else ""}"><div class="card-body py-2">\n'
            f'<h3 class="h6 mb-1">{heading} <span class="badge text-bg-light">{esc(a.get_status_display())}'
            "</span></h3>\n"
            f'<p class="small mb-1">{esc(gettext("Due"))} {_day(a.due_date)}'
        ]
        if overdue:
            card.append(f' — <strong class="text-danger">{esc(gettext("overdue"))}</strong>')
        card.append("</p>\n")
        answer = _answer_of(a)
        if answer:
            card.append(
                f'<div class="answer-text">{linebreaksbr(answer.text, autoescape=True)}</div>\n'
                f'<p class="small text-body-secondary mb-0">{esc(answer.get_method_display())}'
            )
            if answer.forwarded_authority:
                card.append(f": {esc(answer.forwarded_authority)}")
            if answer.resolve_by:
                card.append(f" — {_day(answer.resolve_by)}")
            card.append(f" · {_local(answer.created_at, '%d/%m/%Y')}</p>\n")
        if a.pk in answerable:
            label = gettext("Correct the answer") if answer else gettext("Record the answer")
            card.append(f'<a class="small" href="{answer_url(a.pk)}">{esc(label)}</a>\n')
        cards.append("".join(card) + "</div></div>")
    if not cards:
        none = esc(gettext("Not sent to any department yet."))
        return mark_safe(f'<p class="text-body-secondary">{none}</p>')  # noqa: S308
    return mark_safe("\n".join(cards))  # noqa: S308 — every value escaped above


def _answer_of(assignment):
    try:
        return assignment.answer
    except ObjectDoesNotExist:
        return None


def files_html(attachments) -> str:
    """The petition page's list of attached files (``attachments``: id, name and size of each)."""
    download = row_url("petitions:download")
    items = [
        f'<li><a href="{download(pk)}">{esc(name)}</a> '
        f'<span class="small text-body-secondary">({filesizeformat(size)})</span></li>'
        for pk, name, size in attachments
    ]
    return mark_safe("".join(items) or f'<li class="text-body-secondary">{esc(gettext("No files."))}</li>')  # noqa: S308


def timeline_html(entries) -> str:
    """The petition page's timeline (``entries`` from ``selectors.timeline``), oldest first."""
    items = []
    for e in entries:
        actor = e["actor"].display_name if e["actor"] is not None else ""
        head = f"{_local(e['at'], '%d/%m/%Y %H:%M')} · {esc(actor or '—')}"
        if e["code"]:
            head += f" · {esc(e['code'])}"
        step = f"{esc(e['from_status'])} → " if e.get("from_status") else ""
        note = f'\n<div class="small">{esc(e["note"])}</div>' if e["note"] else ""
        items.append(
            f'<li class="mb-2"><div class="small text-body-secondary">{head}</div>\n'
            f"<div>{step}<strong>{esc(e['to_status'])}</strong></div>{note}</li>"
        )
    return mark_safe("\n".join(items) or f"<li>{esc(gettext('No changes yet.'))}</li>")  # noqa: S308
