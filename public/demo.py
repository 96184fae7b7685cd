"""Demo: publish the finished dialogues and answered petitions, so the public outcomes page has content.

Runs after the other seeders. While the demo holds no answered petition (an app's seeder
not there yet), it adds one held dialogue and one answered petition of its own.
"""

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from dialogue_portal.directory.models import Department, TopicCategory
from dialogues.models import DialogueSession, Invitation, SessionStatus
from petitions.models import Answer, AnswerMethod, Assignment, Petition, PetitionStatus

FINISHED_SESSIONS = [SessionStatus.HELD, SessionStatus.SUMMARY_SENT]
ANSWERED_PETITIONS = [PetitionStatus.ANSWERED, PetitionStatus.RESOLVED, PetitionStatus.FORWARDED]
EXAMPLE_TITLE = "Đối thoại chính sách với hội viên phụ nữ tỉnh Quảng Trị năm 2024"


def seed(context: dict) -> list[str]:
    """Mark finished demo sessions and answered demo petitions as published (idempotent)."""
    if not Petition.objects.filter(status__in=ANSWERED_PETITIONS, assignments__answer__isnull=False).exists():
        _example(context)
    DialogueSession.objects.filter(status__in=FINISHED_SESSIONS, is_published=False).update(is_published=True)
    answered = Petition.objects.filter(status__in=ANSWERED_PETITIONS, assignments__answer__isnull=False)
    Petition.objects.filter(pk__in=answered.values("pk"), is_published=False).update(is_published=True)
    return []


def _example(context: dict) -> None:
    province = context["units"]["qt"]
    staff = context["users"]["canbo"]
    start = timezone.make_aware(dt.datetime(2024, 11, 20, 8, 0))
    session, _ = DialogueSession.objects.get_or_create(
        title=EXAMPLE_TITLE,
        defaults={
            "host_unit": province,
            "theme": "Phụ nữ với bình đẳng giới, việc làm và an sinh xã hội",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=4),
            "venue": "Hội trường Hội LHPN tỉnh Quảng Trị",
            "status": SessionStatus.HELD,
            "created_by": staff,
        },
    )
    session.topics.set(TopicCategory.objects.filter(code__in=["vay-von-khoi-nghiep", "bhxh-bhyt"]))
    labour = Department.objects.get(code="ldtbxh")
    for department in Department.objects.filter(code__in=["ldtbxh", "bhxh"]):
        Invitation.objects.get_or_create(session=session, department=department, defaults={"attended": True})
    number = (Petition.objects.filter(year=2024).aggregate(top=Max("number"))["top"] or 0) + 1
    petition = Petition.objects.create(
        code=f"KN-2024-{number:05d}",
        year=2024,
        number=number,
        kind="recommendation",
        title="Tăng hạn mức vay vốn khởi nghiệp cho phụ nữ dân tộc thiểu số",
        content="Chị em đề nghị nâng hạn mức vay và kéo dài thời hạn vay vốn khởi nghiệp cho hộ phụ nữ làm chủ.",
        unit=context["units"]["ta-rut"],
        submitted_by=context["users"]["dakrong"],
        petitioner_name="Hồ Thị Pả",
        petitioner_phone="0915 234 567",
        petitioner_ethnicity="Pa Kô",
        session=session,
        status=PetitionStatus.ANSWERED,
        submitted_at=start - dt.timedelta(days=10),
    )
    petition.topics.set(session.topics.all()[:1])
    assignment = Assignment.objects.create(
        petition=petition, department=labour, due_date=dt.date(2024, 12, 20), assigned_by=staff, status="answered"
    )
    Answer.objects.create(
        assignment=assignment,
        text="Sở phối hợp Ngân hàng Chính sách xã hội tỉnh rà soát, đề xuất nâng hạn mức vay trong năm 2025.",
        method=AnswerMethod.AT_DIALOGUE,
    )
