"""The minutes of a dialogue (biên bản hội nghị đối thoại chính sách), built from ``dialogues.selectors.minutes_facts``.

Signed by the secretary (left) and the chair (right), as minutes are; not sent up, so no "Kính gửi".
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogues import minutes as facts
from dialogues.selectors import minutes_facts
from reports.models import ReportSettings

from . import decree30
from .model import Column, Document, Letterhead, Paragraph, Section, Signature, Table, number
from .summary import dialogue_name


def session_minutes(*, session, viewer, number=None, date=None) -> Document:
    with translation.override("vi"):
        return _session_minutes(session=session, viewer=viewer, number_=number, date=date)


def _time(moment) -> str:
    local = timezone.localtime(moment)
    return _("%(time)s on %(date)s") % {"time": local.strftime("%H:%M"), "date": local.strftime("%d/%m/%Y")}


def _person(person: facts.Person) -> str:
    return ", ".join(part for part in (person.name, person.title) if part) or "…"


def _department(line: facts.DepartmentLine) -> str:
    if line.presence == facts.DELEGATED:
        return _("%(department)s (%(delegate)s, attending for %(representative)s)") % {
            "department": line.department,
            "delegate": line.delegate_name,
            "representative": line.representative_name or "…",
        }
    who = ", ".join(part for part in (line.representative_name, line.representative_title) if part)
    return f"{line.department} ({who})" if who else line.department


def _session_minutes(*, session, viewer, number_, date) -> Document:
    settings_row = ReportSettings.load()
    minutes = minutes_facts(session, viewer)
    dialogue = dialogue_name(minutes.title)

    opening = Section(_("I. Time, place and who chaired"))
    opening.add(
        Paragraph(_("Opened at %(time)s.") % {"time": _time(minutes.opened_at)}),
        Paragraph(_("Place: %(venue)s.") % {"venue": minutes.venue or "…"}),
        Paragraph(_("Held by: %(unit)s.") % {"unit": minutes.host_unit}),
        Paragraph(_("Chaired by: %(person)s.") % {"person": _person(minutes.chair)}),
        Paragraph(_("Secretary: %(person)s.") % {"person": _person(minutes.secretary)}),
    )

    present = Section(_("II. Who took part"))
    if minutes.departments:
        present.add(
            Table(
                columns=[Column(_("Department"), 90), Column(_("Taking part"), 75)],
                rows=[[_department(line), line.presence_label] for line in minutes.departments],
            )
        )
    present.add(
        Paragraph(
            _("Departments invited: %(invited)s; present: %(present)s; absent: %(absent)s.")
            % {
                "invited": number(minutes.departments_invited),
                "present": number(minutes.departments_with(facts.ATTENDED) + minutes.departments_with(facts.DELEGATED)),
                "absent": number(minutes.departments_with(facts.ABSENT)),
            }
        )
    )
    if minutes.groups:
        present.add(
            Table(
                columns=[
                    Column(_("Participant group"), 105),
                    Column(_("Expected"), 30, "right"),
                    Column(_("Attended"), 30, "right"),
                ],
                rows=[
                    *(
                        [line.group, number(line.expected), "–" if line.actual is None else number(line.actual)]
                        for line in minutes.groups
                    ),
                    [_("Total"), number(minutes.expected_total), number(minutes.actual_total)],
                ],
            )
        )
    else:
        present.add(Paragraph(_("Members taking part: none recorded.")))

    programme = Section(_("III. Programme"))
    for line in minutes.agenda:
        presenter = ", ".join(part for part in (line.presenter_name, line.presenter_department) if part)
        text = f"{line.position}. {line.title}" + (f" ({presenter})" if presenter else "")
        programme.add(Paragraph(text, indent=False))
    if not minutes.agenda:
        programme.add(Paragraph(_("No programme was recorded.")))

    opinions = Section(_("IV. Opinions raised and the answers given at the dialogue"))
    for position, opinion in enumerate(minutes.opinions, start=1):
        source = f"{opinion.reference} — {opinion.speaker}" if opinion.reference else opinion.speaker
        opinions.add(Paragraph(f"{position}. {opinion.title or opinion.text} ({source})", bold=True, indent=False))
        if opinion.title and opinion.text and opinion.text != opinion.title:
            opinions.add(Paragraph(opinion.text))
        for answer in opinion.answers:
            opinions.add(
                Paragraph(
                    _("Answer of %(department)s: %(text)s") % {"department": answer.department, "text": answer.text}
                )
            )
        if not opinion.answers:
            opinions.add(Paragraph(_("Not answered at the dialogue."), italic=True))
    if not minutes.opinions:
        opinions.add(Paragraph(_("No opinion was recorded.")))

    proposals = Section(_("V. Recommendations"))
    for line in minutes.recommendations:
        addressee = _("addressed to %(addressee)s") % {"addressee": line.addressee}
        proposals.add(Paragraph(f"{line.number}. {line.text} ({addressee})", indent=False))
    if not minutes.recommendations:
        proposals.add(Paragraph(_("No recommendation was recorded.")))
    sections = [opening, present, programme, opinions, proposals]
    if minutes.other_notes:
        sections.append(
            Section(_("VI. Other notes")).add(*(Paragraph(p) for p in minutes.other_notes.splitlines() if p.strip()))
        )

    return Document(
        letterhead=Letterhead(
            parent_body=settings_row.parent_body,
            issuing_body=settings_row.issuing_body,
            number_line=decree30.document_number(number_, f"BB-{settings_row.issuer_code}"),
            # Minutes are dated the day of the meeting.
            date_line=decree30.document_date(settings_row.place, date or timezone.localtime(minutes.opened_at).date()),
        ),
        kind="Biên bản",
        title=dialogue[:1].upper() + dialogue[1:],
        addressees=[],
        sections=sections,
        closing=_("The dialogue closed at %(time)s. These minutes were read out to those present./.")
        % {"time": _time(minutes.closed_at)},
        recipients=[],
        signature=Signature(authority=_("Chair"), office="", name=minutes.chair.name),
        countersignature=Signature(authority=_("Secretary"), office="", name=minutes.secretary.name),
        rows=len(minutes.opinions),
    )
