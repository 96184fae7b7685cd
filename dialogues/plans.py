"""Writes and defaults for a session's plan (Kế hoạch): the editable text and the task assignments.

The plan and the invitation letters are built and issued by the reports app; this module holds only what
dialogues owns — the plan's editable fields (``SessionPlan``) and "who prepares what" (``PlanTask``) — and
the defaults the documents print when a field is left blank. Defaults are document text, so they are
written in Vietnamese whatever the UI language.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal.audit.services import record_event
from dialogue_portal.text import nfc

from .models import DialogueSession, PlanTask, SessionPlan
from .workflow import CLOSED

REPLY_DAYS_BEFORE = 3  # the letter asks for a reply this many days before the session, unless a date is set
TASK_MAX = 1000
PURPOSE_MAX = 10000


def plan_of(session: DialogueSession) -> SessionPlan:
    """The session's plan row, unsaved and blank when nobody has edited it yet."""
    try:
        return session.plan
    except SessionPlan.DoesNotExist:
        return SessionPlan(session=session)


def lower_first(text: str) -> str:
    """ "vai trò của phụ nữ" for "Vai trò của phụ nữ" inside a sentence; an acronym ("BHXH …") stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def default_purpose(session: DialogueSession) -> str:
    """Section I of the plan when staff wrote none: drawn from the programme and the theme."""
    theme = f" về {lower_first(session.theme)}" if session.theme else ""
    opening = f"Thực hiện {session.programme}, tổ chức" if session.programme else "Tổ chức"
    return "\n".join(
        [
            f"1. Mục đích: {opening} hội nghị đối thoại chính sách{theme} nhằm tuyên truyền, "
            "nâng cao nhận thức cho cán bộ, hội viên, phụ nữ về các chính sách liên quan; tạo điều kiện để "
            "các sở, ban, ngành lắng nghe, giải đáp ý kiến, kiến nghị của cán bộ, hội viên, phụ nữ và cùng "
            "đề xuất giải pháp thúc đẩy bình đẳng giới.",
            "2. Yêu cầu: Hội nghị được tổ chức dân chủ, công khai, minh bạch, khách quan, đúng thành phần, "
            "tiết kiệm, hiệu quả; các ý kiến, kiến nghị được tổng hợp đầy đủ, gửi các sở, ngành trả lời và "
            "theo dõi đến khi giải quyết xong.",
        ]
    )


def purpose_paragraphs(session: DialogueSession) -> list[str]:
    text = plan_of(session).purpose.strip() or default_purpose(session)
    return [line.strip() for line in text.splitlines() if line.strip()]


def reply_deadline(session: DialogueSession) -> date:
    """The date departments are asked to reply by: the plan's, else a few days before the session."""
    plan = plan_of(session)
    if plan.reply_by:
        return plan.reply_by
    return timezone.localtime(session.starts_at).date() - timedelta(days=REPLY_DAYS_BEFORE)


@dataclass
class PlanData:
    purpose: str = ""
    attendee_request: str = SessionPlan._meta.get_field("attendee_request").default
    contact_name: str = ""
    contact_phone: str = ""
    reply_by: date | None = None


def _require_open(actor, session) -> None:
    from .services import _require_manager

    _require_manager(actor, session)
    if session.status in CLOSED:
        raise ValidationError(_("This session is closed; its plan can no longer change."), code="closed")


@transaction.atomic
def save_plan(*, session: DialogueSession, actor, data: PlanData) -> SessionPlan:
    """Save the plan's editable fields. A purpose equal to the default is stored blank (so it follows the
    programme and theme). Side effects: the SessionPlan row; an audit event."""
    _require_open(actor, session)
    purpose = nfc(data.purpose).replace("\r\n", "\n").strip()
    if len(purpose) > PURPOSE_MAX:
        raise ValidationError(_("The purpose is too long (at most 10,000 characters)."), code="too_long")
    if purpose == default_purpose(session):
        purpose = ""
    if data.reply_by and data.reply_by > timezone.localtime(session.starts_at).date():
        raise ValidationError(_("The reply date must not be after the session."), code="reply_after_session")
    plan = plan_of(session)
    plan.purpose = purpose
    plan.attendee_request = data.attendee_request
    plan.contact_name = nfc(data.contact_name)
    plan.contact_phone = nfc(data.contact_phone)
    plan.reply_by = data.reply_by
    plan.full_clean(exclude=["session"])
    plan.save()
    record_event(action="session.plan_saved", actor=actor, target=session)
    return plan


@transaction.atomic
def add_task(*, session: DialogueSession, actor, task: str, unit=None, department=None, person="", due_date=None):
    """Append a task to "Tổ chức thực hiện". Needs the task and who does it (a unit, a department or a person)."""
    _require_open(actor, session)
    task, person = nfc(task), nfc(person)
    if not task or len(task) > TASK_MAX:
        raise ValidationError(_("Describe the task in at most 1,000 characters."), code="task")
    if not (unit or department or person):
        raise ValidationError(_("Say who does the task: a unit, a department or a person."), code="assignee")
    last = session.plan_tasks.aggregate(last=Max("position"))["last"] or 0
    made = PlanTask.objects.create(
        session=session,
        position=last + 1,
        task=task,
        unit=unit,
        department=department,
        person=person,
        due_date=due_date,
    )
    record_event(action="session.plan_task_added", actor=actor, target=session, details={"task": made.pk})
    return made


@transaction.atomic
def remove_task(*, task: PlanTask, actor) -> None:
    _require_open(actor, task.session)
    session = task.session
    task.delete()
    for position, item in enumerate(session.plan_tasks.order_by("position", "pk"), start=1):
        if item.position != position:
            PlanTask.objects.filter(pk=item.pk).update(position=position)
    record_event(action="session.plan_task_removed", actor=actor, target=session)
