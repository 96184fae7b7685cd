"""The builders of a dialogue's first documents: the plan (Kế hoạch, KH) and each invited department's
invitation letter (Giấy mời, GM), as ``model.Document`` filled from the session.

These documents are only ever written in Vietnamese, so their fixed wording is Vietnamese here rather than
English run through the catalogue. The time and venue are printed exactly as stored (local time, dd/mm/yyyy
and HH:MM); the attendance figures come from ``dialogues.selectors.expected_attendance``, which the session
page prints too.
"""

import datetime

from django.utils import timezone, translation

from dialogues import plans
from dialogues.models import AttendeeRequest
from dialogues.selectors import expected_attendance
from petitions.models import Assignment, Petition, PetitionStatus
from reports import selectors
from reports.models import ReportSettings

from . import decree30
from .model import Column, Document, Letterhead, Paragraph, Section, Signature, Table
from .model import number as figure
from .summary import dialogue_name

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
PLAN, LETTER = "KH", "GM"


def symbol(type_code: str, settings_row: ReportSettings) -> str:
    return f"{type_code}-{settings_row.issuer_code}"


def when(session) -> str:
    """ "từ 08:00 đến 11:30, thứ Tư, ngày 20/11/2024" in local time; both dates when it runs over days."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    if start.date() == end.date():
        return f"từ {start:%H:%M} đến {end:%H:%M}, {WEEKDAYS[start.weekday()]}, ngày {start:%d/%m/%Y}"
    return f"từ {start:%H:%M} ngày {start:%d/%m/%Y} đến {end:%H:%M} ngày {end:%d/%m/%Y}"


def _dialogue(session) -> str:
    with translation.override("vi"):
        return dialogue_name(session.title)


def _frame(settings_row, *, type_code, number_, date, kind, title, addressees, sections, closing, recipients):
    return Document(
        letterhead=Letterhead(
            parent_body=settings_row.parent_body,
            issuing_body=settings_row.issuing_body,
            number_line=decree30.document_number(number_, symbol(type_code, settings_row)),
            date_line=decree30.document_date(settings_row.place, date or timezone.localdate()),
        ),
        kind=kind,
        title=title,
        addressees=addressees,
        sections=sections,
        closing=closing,
        recipients=recipients,
        signature=Signature(
            authority=settings_row.signing_authority, office=settings_row.signer_title, name=settings_row.signer_name
        ),
        drafter=settings_row.drafter_initials,
    )


def _kept(settings_row) -> str:
    return settings_row.copies_to[-1]  # "Lưu: VT, VP"


# --- the plan -------------------------------------------------------------------------------------------


def attendance_table(session) -> tuple[Table | None, int]:
    """Who attends, with the expected numbers and their total (the figure on the session page)."""
    expected = expected_attendance(session)
    rows = []
    for invitation in expected.departments:
        rows.append([f"Đại diện lãnh đạo {invitation.department.name}", figure(expected.PER_DEPARTMENT)])
    for row in expected.groups:
        rows.append([row.group.name, figure(row.expected)])
    if not rows:
        return None, 0
    numbered = [[str(i), *row] for i, row in enumerate(rows, start=1)]
    numbered.append(["", "Tổng cộng", figure(expected.total)])
    table = Table(
        columns=[Column("TT", 12, "right"), Column("Thành phần", 118), Column("Số lượng dự kiến", 35, "right")],
        rows=numbered,
    )
    return table, expected.total


def programme_table(session) -> Table | None:
    """The agenda in order, each item with its planned times from the session's start."""
    items = list(session.agenda_items.select_related("presenter_department").order_by("position", "pk"))
    if not items:
        return None
    clock = timezone.localtime(session.starts_at)
    rows = []
    for i, item in enumerate(items, start=1):
        end = clock + datetime.timedelta(minutes=item.planned_minutes)
        who = " – ".join(
            part
            for part in (item.presenter_department.name if item.presenter_department else "", item.presenter_name)
            if part
        )
        rows.append([str(i), f"{clock:%H:%M} – {end:%H:%M}", item.title, who])
        clock = end
    return Table(
        columns=[
            Column("TT", 10, "right"),
            Column("Thời gian", 30),
            Column("Nội dung", 80),
            Column("Thực hiện", 45),
        ],
        rows=rows,
    )


def petition_topics(session) -> tuple[int, list[tuple[str, int]]]:
    """The petitions collected for the session so far (drafts and merged ones left out), by topic."""
    petitions = Petition.objects.filter(session=session).exclude(
        status__in=(PetitionStatus.DRAFT, PetitionStatus.MERGED)
    )
    with translation.override("vi"):
        return petitions.count(), [(str(name), n) for name, n in selectors.topic_counts(petitions)]


def session_plan(*, session, number=None, date=None) -> Document:
    settings_row = ReportSettings.load()
    dialogue = _dialogue(session)
    date = date or timezone.localdate()

    purpose = Section("I. Mục đích, yêu cầu")
    purpose.add(*(Paragraph(text) for text in plans.purpose_paragraphs(session)))

    content = Section("II. Nội dung")
    content.add(Paragraph(f"1. Thời gian: {when(session)[:1].upper()}{when(session)[1:]}."))
    content.add(Paragraph(f"2. Địa điểm: {session.venue or '…'}."))
    table, total = attendance_table(session)
    if table is None:
        content.add(Paragraph("3. Thành phần tham dự: sẽ được thông báo sau."))
    else:
        content.add(
            Paragraph(f"3. Thành phần tham dự: dự kiến {figure(total)} đại biểu, gồm:", keep_with_next=True), table
        )
    subject = f"4. Nội dung đối thoại: {session.theme}." if session.theme else "4. Nội dung đối thoại:"
    content.add(Paragraph(subject))
    if session.description:
        content.add(*(Paragraph(line.strip()) for line in session.description.splitlines() if line.strip()))
    planned = [topic.name for topic in session.topics.all()]
    if planned:
        content.add(Paragraph("Các lĩnh vực đối thoại: " + "; ".join(planned) + "."))
    count, topics = petition_topics(session)
    if count:
        listed = "; ".join(f"{name} ({figure(n)})" for name, n in topics)
        content.add(
            Paragraph(
                f"Đến ngày {date:%d/%m/%Y}, đã tổng hợp {figure(count)} ý kiến, kiến nghị của cán bộ, hội viên, "
                f"phụ nữ, theo các lĩnh vực: {listed}."
            )
        )
    else:
        content.add(Paragraph(f"Đến ngày {date:%d/%m/%Y}, chưa tổng hợp ý kiến, kiến nghị nào."))
    programme = programme_table(session)
    if programme is None:
        content.add(Paragraph("5. Chương trình hội nghị: sẽ được thông báo sau."))
    else:
        content.add(Paragraph("5. Chương trình hội nghị:", keep_with_next=True), programme)

    organisation = Section("III. Tổ chức thực hiện")
    tasks = list(session.plan_tasks.select_related("unit", "department").order_by("position", "pk"))
    if tasks:
        organisation.add(
            Table(
                columns=[
                    Column("TT", 10, "right"),
                    Column("Nội dung công việc", 75),
                    Column("Đơn vị, người thực hiện", 52),
                    Column("Thời hạn", 28),
                ],
                rows=[
                    [str(i), task.task, task.assignee, f"{task.due_date:%d/%m/%Y}" if task.due_date else "–"]
                    for i, task in enumerate(tasks, start=1)
                ],
            )
        )
    else:
        organisation.add(
            Paragraph(
                "Các ban, đơn vị thuộc Hội theo chức năng, nhiệm vụ chuẩn bị nội dung, tài liệu, hậu cần; tổng hợp ý "
                "kiến, kiến nghị của cán bộ, hội viên, phụ nữ gửi các sở, ngành trước hội nghị."
            )
        )

    reporting = [
        f"{line} (b/c)" for line in settings_row.recipient_lines if not line.casefold().startswith(("như trên", "lưu"))
    ]
    departments = [invitation.department.name for invitation in expected_attendance(session).departments]
    return _frame(
        settings_row,
        type_code=PLAN,
        number_=number,
        date=date,
        kind="Kế hoạch",
        title=f"Tổ chức {dialogue}",
        addressees=[],
        sections=[purpose, content, organisation],
        closing=(
            f"Trên đây là Kế hoạch tổ chức {dialogue}; đề nghị các đơn vị, cá nhân liên quan phối hợp thực hiện./."
        ),
        recipients=[*reporting, *departments, _kept(settings_row)],
    )


# --- the invitation letter ------------------------------------------------------------------------------


def _invitee(invitation, request: str) -> str:
    department = invitation.department.name
    if invitation.representative_name:
        title = f"{invitation.representative_title} " if invitation.representative_title else ""
        who = f"đồng chí {invitation.representative_name}, {title}{department}"
    else:
        who = f"đại diện lãnh đạo {department}"
    if request == AttendeeRequest.LEADER_OR_DELEGATE:
        who += " (hoặc cán bộ được lãnh đạo ủy quyền)"
    return who


def invitation_letter(*, invitation, number=None, date=None, replaces=None, plan=None) -> Document:
    """One department's Giấy mời. ``replaces``: the letter this one replaces (the session moved);
    ``plan``: the issued plan to cite."""
    settings_row = ReportSettings.load()
    session = invitation.session
    dialogue = _dialogue(session)
    settings_plan = plans.plan_of(session)
    body = Section("")
    if replaces is not None:
        body.add(
            Paragraph(
                f"(Thay thế Giấy mời số {replaces.document_number} ngày {replaces.document_date:%d/%m/%Y} "
                "do thay đổi thời gian, địa điểm tổ chức hội nghị)",
                italic=True,
            )
        )
    cited = f" theo Kế hoạch số {plan.document_number} ngày {plan.document_date:%d/%m/%Y}" if plan else ""
    body.add(Paragraph(f"{session.host_unit.name} tổ chức {dialogue}{cited}."))
    body.add(Paragraph(f"Trân trọng kính mời {_invitee(invitation, settings_plan.attendee_request)} tham dự hội nghị."))
    start = when(session)
    body.add(Paragraph(f"Thời gian: {start[:1].upper()}{start[1:]}."))
    body.add(Paragraph(f"Địa điểm: {session.venue or '…'}."))
    subject = f"đối thoại về {plans.lower_first(session.theme)}" if session.theme else dialogue
    items = [item.title for item in session.agenda_items.order_by("position", "pk")]
    programme = "; chương trình gồm: " + "; ".join(f"{i}) {t}" for i, t in enumerate(items, start=1)) if items else ""
    body.add(Paragraph(f"Nội dung: {subject[:1].upper()}{subject[1:]}{programme}."))
    owed = Assignment.objects.filter(petition__session=session, department=invitation.department).count()
    if owed:
        body.add(
            Paragraph(
                f"Đề nghị quý đơn vị chuẩn bị ý kiến trả lời {figure(owed)} ý kiến, kiến nghị của cán bộ, hội viên, "
                "phụ nữ đã chuyển đến đơn vị (gửi kèm danh sách trên Cổng đối thoại chính sách)."
            )
        )
    contact = ", ".join(
        part
        for part in (
            settings_plan.contact_name,
            settings_plan.contact_phone and f"điện thoại {settings_plan.contact_phone}",
        )
        if part
    )
    contact = f" (liên hệ: {contact})" if contact else ""
    deadline = plans.reply_deadline(session)
    body.add(Paragraph(f"Đề nghị quý đơn vị xác nhận thành phần tham dự trước ngày {deadline:%d/%m/%Y}{contact}."))
    return _frame(
        settings_row,
        type_code=LETTER,
        number_=number,
        date=date,
        kind="Giấy mời",
        title=f"Dự {dialogue}",
        addressees=[invitation.department.name],
        sections=[body],
        closing="Rất mong quý đơn vị tham dự đúng thời gian./.",
        recipients=["Như trên", _kept(settings_row)],
    )
