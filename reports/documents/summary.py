"""The session summary ("Báo cáo tổng hợp ý kiến, kiến nghị tại hội nghị đối thoại chính sách …") and the
period report, as Decree-30 Word documents and as PDF (WeasyPrint, DejaVu Serif shipped in static/fonts)."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports import selectors
from reports.models import ReportSettings

from . import decree30

# Read from disk by WeasyPrint (never served); its fonts are found relative to it, in static/fonts.
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "report_pdf.css"


def summary_title(session) -> str:
    return _("Summary of opinions and recommendations at the policy dialogue “%(title)s”") % {"title": session.title}


def _when(session) -> str:
    start = timezone.localtime(session.starts_at)
    return _("at %(time)s on %(date)s") % {"time": start.strftime("%H:%M"), "date": start.strftime("%d/%m/%Y")}


def letter_parts(settings_row: ReportSettings, *, number: int | None, date) -> dict:
    return {
        "parent_body": settings_row.parent_body,
        "issuing_body": settings_row.issuing_body,
        "number_line": decree30.document_number(number, f"BC-{settings_row.issuer_code}"),
        "date_line": decree30.document_date(settings_row.place, date),
    }


def summary_context(*, session, viewer, number=None, date=None) -> dict:
    settings_row = ReportSettings.load()
    data = selectors.session_summary(session=session, viewer=viewer)
    date = date or timezone.localdate()
    return {
        "data": data,
        "session": session,
        "settings": settings_row,
        "letter": letter_parts(settings_row, number=number, date=date),
        "title": summary_title(session),
        "when": _when(session),
        "rows": selectors.summary_rows(session=session, viewer=viewer),
    }


def write_summary_docx(context: dict, path: str, progress=None) -> int:
    """Write the summary as .docx; returns how many petitions it lists. Renders in Vietnamese."""
    with translation.override("vi"):
        return _summary_docx(context, path, progress)


def _summary_docx(context, path, progress):
    data, session, settings_row = context["data"], context["session"], context["settings"]
    doc = decree30.new_document()
    decree30.letterhead(doc, **context["letter"])
    decree30.title(doc, kind="Báo cáo", summary=context["title"])
    decree30.heading(doc, _("I. The dialogue"))
    decree30.paragraph(
        doc,
        _("%(unit)s held the policy dialogue “%(title)s” %(when)s at %(venue)s.")
        % {
            "unit": session.host_unit.name,
            "title": session.title,
            "when": context["when"],
            "venue": session.venue or "…",
        },
    )
    if session.theme:
        decree30.paragraph(doc, _("Theme: %s.") % session.theme)
    decree30.heading(doc, _("II. Who attended"))
    attended = [inv for inv in data.invitations if inv.attended]
    absent = [inv for inv in data.invitations if inv.attended is False]
    decree30.paragraph(
        doc,
        _("Departments present: %(list)s.")
        % {"list": "; ".join(_representative(inv) for inv in attended) or _("none recorded")},
    )
    if absent:
        decree30.paragraph(doc, _("Invited but absent: %s.") % "; ".join(inv.department.name for inv in absent))
    if data.attendance:
        decree30.grid_table(
            doc,
            [_("Participant group"), _("Expected"), _("Attended")],
            [[row.group.name, row.expected, row.actual if row.actual is not None else "–"] for row in data.attendance],
            widths_mm=[105, 30, 30],
        )
        decree30.paragraph(doc, _("In all %(n)s members took part.") % {"n": data.total_participants})
    decree30.heading(doc, _("III. Opinions and recommendations, by topic, and the answers"))
    decree30.paragraph(
        doc,
        _("The dialogue received %(n)s opinions and recommendations: %(topics)s.")
        % {
            "n": data.petition_count,
            "topics": "; ".join(f"{name} ({count})" for name, count in data.topic_counts) or "–",
        },
    )
    tables = decree30.StreamedTables()
    tables.add(
        doc,
        [_("No."), _("Code"), _("Opinion or recommendation"), _("Unit"), _("Department's answer"), _("Status")],
        [10, 22, 50, 25, 40, 18],
        context["rows"],
        size=11,
    )
    decree30.heading(doc, _("IV. What remains open and what is proposed"))
    if data.open_items:
        for code, petition_title, department, proposal in data.open_items:
            who = f" ({department})" if department else ""
            decree30.paragraph(doc, f"- {code} {petition_title}{who}: {proposal}.")
    else:
        decree30.paragraph(doc, _("Every opinion and recommendation has been answered."))
    decree30.heading(doc, _("V. Statistics"))
    decree30.grid_table(
        doc, [_("Item"), _("Number")], [[str(label), n] for label, n in data.statistics], widths_mm=[125, 40]
    )
    decree30.paragraph(
        doc,
        _("The Standing Committee respectfully reports the above to the provincial committees./."),
    )
    decree30.signature(
        doc,
        recipients=settings_row.recipient_lines,
        authority=settings_row.signing_authority,
        office=settings_row.signer_title,
        name=settings_row.signer_name,
        drafter=settings_row.drafter_initials,
    )
    return tables.save(doc, path, progress)


def _representative(invitation) -> str:
    name = invitation.delegate_name or invitation.representative_name
    title = invitation.representative_title
    who = ", ".join(part for part in (name, title) if part)
    return f"{invitation.department.name} ({who})" if who else invitation.department.name


def write_pdf(template: str, context: dict, path: str) -> None:
    """Render an HTML template to PDF with the shipped DejaVu Serif faces. Renders in Vietnamese."""
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(template, {**context, "stylesheet": STYLESHEET.as_uri()})
    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(path)


def period_context(*, viewer, unit, year, quarter, number=None, date=None) -> dict:
    settings_row = ReportSettings.load()
    data = selectors.period_report(viewer=viewer, unit=unit, year=year, quarter=quarter)
    period = (_("quarter %(q)s/%(y)s") % {"q": quarter, "y": year}) if quarter else (_("the year %s") % year)
    unit_name = unit.name if unit else settings_row.issuing_body.title()
    return {
        "data": data,
        "settings": settings_row,
        "letter": letter_parts(settings_row, number=number, date=date or timezone.localdate()),
        "title": _("Policy dialogues and petitions in %(period)s — %(unit)s") % {"period": period, "unit": unit_name},
        "period": period,
        "overdue": selectors.overdue_rows(viewer=viewer, unit=unit, year=year, quarter=quarter),
    }


def write_period_docx(context: dict, path: str, progress=None) -> int:
    with translation.override("vi"):
        return _period_docx(context, path, progress)


def _period_docx(context, path, progress):
    data, settings_row = context["data"], context["settings"]
    doc = decree30.new_document()
    decree30.letterhead(doc, **context["letter"])
    decree30.title(doc, kind="Báo cáo", summary=context["title"])
    decree30.heading(doc, _("I. Dialogues held"))
    decree30.paragraph(
        doc,
        _("%(n)s policy dialogues were held in %(period)s.") % {"n": len(data.sessions), "period": context["period"]},
    )
    if data.sessions:
        decree30.grid_table(
            doc,
            [_("No."), _("Date"), _("Dialogue"), _("Host unit")],
            [
                [i, timezone.localtime(s.starts_at).strftime("%d/%m/%Y"), s.title, s.host_unit.name]
                for i, s in enumerate(data.sessions, start=1)
            ],
            widths_mm=[12, 25, 80, 48],
        )
    decree30.heading(doc, _("II. Petitions"))
    decree30.paragraph(doc, _("%(n)s opinions and recommendations were received.") % {"n": data.petition_count})
    decree30.paragraph(doc, _("By topic:"), bold=True)
    decree30.grid_table(
        doc, [_("Topic"), _("Number")], [list(row) for row in data.by_topic] or [["–", 0]], widths_mm=[125, 40]
    )
    decree30.paragraph(doc, _("By status:"), bold=True)
    decree30.grid_table(
        doc,
        [_("Status"), _("Number")],
        [[str(label), n] for label, n in data.by_status] or [["–", 0]],
        widths_mm=[125, 40],
    )
    decree30.heading(doc, _("III. Answers by department"))
    decree30.grid_table(
        doc,
        [_("Department"), _("Assigned"), _("Answered"), _("Answer rate"), _("Median days to answer"), _("Overdue")],
        [
            [
                r.department.name,
                r.assigned,
                r.answered,
                f"{r.answer_rate:.1f}%",
                "–" if r.median_days is None else f"{r.median_days:.1f}",
                r.overdue,
            ]
            for r in data.by_department
        ]
        or [["–", 0, 0, "–", "–", 0]],
        widths_mm=[55, 20, 22, 22, 26, 20],
        size=11,
    )
    decree30.heading(doc, _("IV. Overdue answers"))
    decree30.paragraph(doc, _("%(n)s answers are overdue.") % {"n": data.overdue_count})
    tables = decree30.StreamedTables()
    tables.add(
        doc,
        [_("No."), _("Code"), _("Petition"), _("Unit"), _("Department"), _("Due date"), _("Days late")],
        [10, 22, 45, 25, 30, 18, 15],
        context["overdue"],
        size=11,
    )
    decree30.paragraph(doc, _("The Standing Committee respectfully reports the above./."))
    decree30.signature(
        doc,
        recipients=settings_row.recipient_lines,
        authority=settings_row.signing_authority,
        office=settings_row.signer_title,
        name=settings_row.signer_name,
        drafter=settings_row.drafter_initials,
    )
    return tables.save(doc, path, progress)
