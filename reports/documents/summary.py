"""The builders: the session summary ("Báo cáo tổng hợp ý kiến, kiến nghị tại hội nghị đối thoại chính sách …")
and the period report, each as one ``model.Document`` filled from the selectors the dashboard shares.

Render a built document with ``render_docx.render`` or ``render_pdf.render``; a document is built once per
rendering (its long tables are generators). Documents are written in Vietnamese whatever the UI language.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogue_portal.directory.models import OrgUnit
from dialogue_portal.text import fold
from dialogues.selectors import recommendation_counts, recommendations_for_session
from reports import selectors
from reports.models import ReportSettings

from . import decree30
from .model import Column, Document, Group, Letterhead, Paragraph, Section, Signature, Table, decimal, number, percent

# Session titles that already say what the sentence around them says.
DIALOGUE_PREFIXES = ("hoi nghi doi thoai chinh sach", "doi thoai chinh sach")


def dialogue_name(title: str) -> str:
    """ "hội nghị đối thoại chính sách về việc làm" for "Đối thoại chính sách về việc làm"; the title is not
    repeated after "đối thoại chính sách" nor re-cased — any other title is quoted."""
    folded = fold(title)
    for prefix in DIALOGUE_PREFIXES:
        if folded.startswith(prefix) and len(title) > len(prefix):
            rest = title[len(prefix) :].strip(" :–-")
            if rest:
                return _("policy dialogue %(subject)s") % {"subject": rest}
    return _("policy dialogue “%(title)s”") % {"title": title}


def summary_title(session) -> str:
    with translation.override("vi"):
        return _("Summary of opinions and recommendations at the %(dialogue)s") % {
            "dialogue": dialogue_name(session.title)
        }


def _when(session) -> str:
    start = timezone.localtime(session.starts_at)
    return _("at %(time)s on %(date)s") % {"time": start.strftime("%H:%M"), "date": start.strftime("%d/%m/%Y")}


def letterhead(settings_row: ReportSettings, *, number: int | None, date) -> Letterhead:
    return Letterhead(
        parent_body=settings_row.parent_body,
        issuing_body=settings_row.issuing_body,
        number_line=decree30.document_number(number, f"BC-{settings_row.issuer_code}"),
        date_line=decree30.document_date(settings_row.place, date),
    )


def _frame(settings_row: ReportSettings, *, number, date, title: str, sections, closing: str, rows: int) -> Document:
    """The parts every report sent up shares: letterhead, "Kính gửi", Nơi nhận and signature from the settings."""
    return Document(
        letterhead=letterhead(settings_row, number=number, date=date or timezone.localdate()),
        kind="Báo cáo",
        title=title,
        addressees=settings_row.addressee_lines,
        sections=sections,
        closing=closing,
        recipients=settings_row.copies_to,
        signature=Signature(
            authority=settings_row.signing_authority, office=settings_row.signer_title, name=settings_row.signer_name
        ),
        drafter=settings_row.drafter_initials,
        rows=rows,
    )


def figures_table(label: str, counted: str, figures) -> Table:
    """A two-column table of (label, count); the number column's header says what is counted."""
    return Table(
        columns=[Column(label, 120), Column(counted, 45, "right")],
        rows=[[str(name), number(n)] for name, n in figures],
    )


def department_table(rows) -> Table:
    """Per department, in petitions: sent, answered, still waiting, overdue."""
    return Table(
        columns=[
            Column(_("Department"), 65),
            Column(_("Petitions sent"), 25, "right"),
            Column(_("Answered"), 25, "right"),
            Column(_("Waiting"), 25, "right"),
            Column(_("Overdue"), 25, "right"),
        ],
        rows=[
            [r.department.name, number(r.assigned), number(r.answered), number(r.pending), number(r.overdue)]
            for r in rows
        ]
        or [["–", "0", "0", "0", "0"]],
        size=12,
    )


def caption(text: str) -> Paragraph:
    return Paragraph(text, bold=True, indent=False, keep_with_next=True)


# --- the session summary -------------------------------------------------------------------------------


def session_summary(*, session, viewer, number=None, date=None) -> Document:
    with translation.override("vi"):
        return _session_summary(session=session, viewer=viewer, number_=number, date=date)


def _session_summary(*, session, viewer, number_, date) -> Document:
    settings_row = ReportSettings.load()
    data = selectors.session_summary(session=session, viewer=viewer)
    dialogue = dialogue_name(session.title)

    held = Section(_("I. The dialogue"))
    held.add(
        Paragraph(
            _("%(unit)s held the %(dialogue)s %(when)s at %(venue)s.")
            % {
                "unit": session.host_unit.name,
                "dialogue": dialogue,
                "when": _when(session),
                "venue": session.venue or "…",
            }
        )
    )
    if session.theme:
        held.add(Paragraph(_("Theme: %s.") % session.theme))

    attended = [inv for inv in data.invitations if inv.attended]
    absent = [inv for inv in data.invitations if inv.attended is False]
    who = Section(_("II. Who attended"))
    who.add(
        Paragraph(
            _("Departments present: %(list)s.")
            % {"list": "; ".join(_representative(inv) for inv in attended) or _("none recorded")}
        )
    )
    if absent:
        who.add(Paragraph(_("Invited but absent: %s.") % "; ".join(inv.department.name for inv in absent)))
    if data.attendance:
        who.add(
            caption(_("Members taking part, by group")),
            Table(
                columns=[
                    Column(_("Participant group"), 105),
                    Column(_("Expected"), 30, "right"),
                    Column(_("Attended"), 30, "right"),
                ],
                rows=[
                    [row.group.name, number(row.expected), "–" if row.actual is None else number(row.actual)]
                    for row in data.attendance
                ],
            ),
            Paragraph(_("In all %(n)s members took part.") % {"n": number(data.total_participants)}),
        )
    else:
        who.add(Paragraph(_("Members taking part: none recorded.")))

    topics = "; ".join(f"{name} ({number(count)})" for name, count in data.topic_counts) or "–"
    petitions = Section(_("III. Opinions and recommendations, by topic, and the answers"))
    petitions.add(
        Paragraph(_("The dialogue received %(n)s opinions and recommendations.") % {"n": number(data.petition_count)}),
        Paragraph(
            _("By topic (a petition about several topics is counted under each): %(topics)s.") % {"topics": topics}
        ),
        caption(_("List of opinions and recommendations and the departments' answers")),
        Table(
            columns=[
                Column(_("No."), 10, "right"),
                Column(_("Code"), 30),
                Column(_("Opinion or recommendation"), 47),
                Column(_("Unit"), 25),
                Column(_("Department's answer"), 35),
                Column(_("Status"), 18),
            ],
            rows=_grouped(selectors.summary_rows(session=session, viewer=viewer)),
            size=11,
            streamed=True,
        ),
    )

    remaining = Section(_("IV. What remains open and what is proposed"))
    if data.open_count:
        remaining.add(
            Paragraph(
                _("%(n)s opinions and recommendations remain open (%(unrouted)s not yet sent to any department):")
                % {"n": number(data.open_count), "unrouted": number(data.unrouted_count)}
            ),
            Table(
                columns=[
                    Column(_("No."), 10, "right"),
                    Column(_("Code"), 30),
                    Column(_("Opinion or recommendation"), 47),
                    Column(_("Department"), 33),
                    Column(_("What remains"), 45),
                ],
                rows=selectors.open_rows(session=session, viewer=viewer),
                size=11,
                streamed=True,
            ),
        )
    else:
        remaining.add(Paragraph(_("Every opinion and recommendation has been answered.")))
    remaining.add(*recommendations_blocks(recommendations_for_session(session, viewer)))

    figures = Section(_("V. Statistics"))
    figures.add(
        caption(_("1. Opinions and recommendations (each counted once per line)")),
        figures_table(_("Item"), _("Number of petitions"), data.petition_figures),
        caption(_("2. By department (in petitions sent to the department)")),
        department_table(data.department_figures),
        caption(_("3. Departments' answers, by how they answered (in answers)")),
        figures_table(_("How answered"), _("Number of answers"), data.answer_figures),
    )
    return _frame(
        settings_row,
        number=number_,
        date=date,
        title=_("Summary of opinions and recommendations at the %(dialogue)s") % {"dialogue": dialogue},
        sections=[held, who, petitions, remaining, figures],
        closing=_("The Standing Committee respectfully reports the above to the provincial committees./."),
        rows=data.petition_count,
    )


def recommendations_blocks(recommendations) -> list:
    """The "Đề xuất, kiến nghị" part: each recommendation, whom it is addressed to and how it is followed up."""
    if not recommendations:
        return [Paragraph(_("No recommendation to the committees or departments was recorded."))]
    return [
        caption(_("Recommendations to the committees and departments")),
        Table(
            columns=[
                Column(_("No."), 10, "right"),
                Column(_("Recommendation"), 85),
                Column(_("Addressed to"), 38),
                Column(_("Follow-up"), 32),
            ],
            rows=[[str(r.number), r.text, r.addressee, r.follow_up_label] for r in recommendations],
            size=11,
        ),
    ]


def _grouped(rows):
    for kind, values in rows:
        yield Group(values) if kind == "group" else values


def _representative(invitation) -> str:
    """ "Sở X (Lê Văn Nam, Giám đốc)"; a delegate is named as attending for the representative, whose title
    stays with the representative."""
    department = invitation.department.name
    if invitation.delegate_name:
        if invitation.representative_name:
            return _("%(department)s (%(delegate)s, attending for %(representative)s)") % {
                "department": department,
                "delegate": invitation.delegate_name,
                "representative": invitation.representative_name,
            }
        return f"{department} ({invitation.delegate_name})"
    who = ", ".join(part for part in (invitation.representative_name, invitation.representative_title) if part)
    return f"{department} ({who})" if who else department


# --- the period report ----------------------------------------------------------------------------------


def period_name(year: int, quarter: int | None) -> str:
    return (_("quarter %(q)s/%(y)s") % {"q": quarter, "y": year}) if quarter else (_("the year %s") % year)


def period_report(*, viewer, unit, year, quarter, number=None, date=None) -> Document:
    with translation.override("vi"):
        return _period_report(viewer=viewer, unit=unit, year=year, quarter=quarter, number_=number, date=date)


def _period_report(*, viewer, unit, year, quarter, number_, date) -> Document:
    settings_row = ReportSettings.load()
    data = selectors.period_report(viewer=viewer, unit=unit, year=year, quarter=quarter)
    period = period_name(year, quarter)
    # The unit's own name, as written — never re-cased.
    top = unit or OrgUnit.objects.visible_to(viewer).order_by("depth", "path").first()
    title = _("Policy dialogues and petitions in %(period)s") % {"period": period}
    if top is not None:
        title = _("Policy dialogues and petitions in %(period)s — %(unit)s") % {"period": period, "unit": top.name}

    held = Section(_("I. Dialogues held"))
    held.add(
        Paragraph(
            _("%(n)s policy dialogues were held in %(period)s.") % {"n": number(len(data.sessions)), "period": period}
        )
    )
    if data.sessions:
        held.add(
            Table(
                columns=[
                    Column(_("No."), 12, "right"),
                    Column(_("Date"), 25),
                    Column(_("Dialogue"), 80),
                    Column(_("Host unit"), 48),
                ],
                rows=[
                    [str(i), timezone.localtime(s.starts_at).strftime("%d/%m/%Y"), s.title, s.host_unit.name]
                    for i, s in enumerate(data.sessions, start=1)
                ],
            )
        )

    petitions = Section(_("II. Petitions"))
    petitions.add(
        Paragraph(_("%(n)s opinions and recommendations were received.") % {"n": number(data.petition_count)}),
        caption(_("By topic (a petition about several topics is counted under each):")),
        figures_table(_("Topic"), _("Number of petitions"), data.by_topic or [("–", 0)]),
        caption(_("By status:")),
        figures_table(_("Status"), _("Number of petitions"), data.by_status or [("–", 0)]),
    )

    departments = Section(_("III. Answers by department"))
    departments.add(
        Paragraph(_("Counted in petitions sent to each department; the answer rate is answered over sent.")),
        Table(
            columns=[
                Column(_("Department"), 55),
                Column(_("Petitions sent"), 20, "right"),
                Column(_("Answered"), 20, "right"),
                Column(_("Answer rate"), 22, "right"),
                Column(_("Median days to answer"), 28, "right"),
                Column(_("Overdue"), 20, "right"),
            ],
            rows=[
                [
                    r.department.name,
                    number(r.assigned),
                    number(r.answered),
                    percent(r.answer_rate),
                    decimal(r.median_days),
                    number(r.overdue),
                ]
                for r in data.by_department
            ]
            or [["–", "0", "0", "–", "–", "0"]],
            size=11,
        ),
    )

    late = Section(_("IV. Overdue answers"))
    late.add(Paragraph(_("%(n)s answers are overdue.") % {"n": number(data.overdue_count)}))
    if data.overdue_count:
        late.add(
            Table(
                columns=[
                    Column(_("No."), 10, "right"),
                    Column(_("Code"), 30),
                    Column(_("Petition"), 38),
                    Column(_("Unit"), 25),
                    Column(_("Department"), 28),
                    Column(_("Due date"), 22),
                    Column(_("Days late"), 12, "right"),
                ],
                rows=(
                    [str(v) if i != 6 else number(v) for i, v in enumerate(values)]
                    for _kind, values in selectors.overdue_rows(viewer=viewer, unit=unit, year=year, quarter=quarter)
                ),
                size=11,
                streamed=True,
            )
        )
    start, end = selectors.period_bounds(year, quarter)
    counts = recommendation_counts(viewer=viewer, start=start, end=end, unit=unit)
    proposals = Section(_("V. Recommendations to the committees and departments"))
    proposals.add(
        Paragraph(
            _("%(n)s recommendations were raised at the dialogues; their follow-up, by addressee:")
            % {"n": number(counts.total)}
        ),
        Table(
            columns=[
                Column(_("Addressed to"), 55),
                *(Column(str(label), 88 / max(len(counts.statuses), 1), "right") for _value, label in counts.statuses),
                Column(_("Total"), 22, "right"),
            ],
            rows=[
                [
                    row.addressee,
                    *(number(row.counts.get(value, 0)) for value, _label in counts.statuses),
                    number(row.total),
                ]
                for row in counts.rows
            ]
            or [["–", *("0" for _status in counts.statuses), "0"]],
            size=11,
        ),
    )
    return _frame(
        settings_row,
        number=number_,
        date=date,
        title=title,
        sections=[held, petitions, departments, late, proposals],
        closing=_("The Standing Committee respectfully reports the above./."),
        rows=data.petition_count,
    )
