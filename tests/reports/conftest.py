"""Fixtures for the reports tests: petitions and sessions made with the ORM (the services land with their apps)."""

import datetime
import itertools

import pytest
from django.utils import timezone

from dialogue_portal.directory.models import TopicCategory
from dialogue_portal.text import fold
from dialogues.models import DialogueSession, Invitation, SessionStatus
from petitions.models import Answer, AnswerMethod, Assignment, AssignmentStatus, Petition, PetitionStatus
from reports.models import ReportSettings

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def topics(reference):
    return list(TopicCategory.objects.order_by("sort_order", "name")[:3])


def make_petition(
    *, unit, title="Kiến nghị", topics=(), status=PetitionStatus.SUBMITTED, session=None, when=None, **extra
):
    when = when or timezone.now()
    number = next(_numbers)
    petition = Petition.objects.create(
        code=f"KN-{when.year}-{number:05d}",
        year=when.year,
        number=number,
        title=title,
        content=extra.pop("content", title),
        unit=unit,
        status=status,
        session=session,
        submitted_at=when,
        **extra,
    )
    petition.topics.set(topics)
    # What the petitions service stores on save: the folded search key.
    Petition.objects.filter(pk=petition.pk).update(search_text=fold(f"{petition.code} {title} {petition.content}"))
    return petition


def assign(petition, department, *, due=None, answer=None, method=AnswerMethod.AT_DIALOGUE, **answer_fields):
    assignment = Assignment.objects.create(
        petition=petition, department=department, due_date=due or timezone.localdate() + datetime.timedelta(days=15)
    )
    if answer is not None:
        Answer.objects.create(assignment=assignment, text=answer, method=method, **answer_fields)
        assignment.status = AssignmentStatus.ANSWERED
        assignment.answered_at = assignment.assigned_at + datetime.timedelta(days=3)
        assignment.save()
    return assignment


@pytest.fixture
def session_held(units, departments, users):
    start = timezone.make_aware(datetime.datetime(2024, 11, 20, 8, 0))
    session = DialogueSession.objects.create(
        title="Đối thoại chính sách về việc làm và vay vốn khởi nghiệp",
        host_unit=units["qt"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        venue="Hội trường UBND tỉnh Quảng Trị",
        status=SessionStatus.HELD,
    )
    Invitation.objects.create(
        session=session, department=departments["x"], representative_name="Lê Văn Nam", attended=True
    )
    Invitation.objects.create(session=session, department=departments["y"], attended=False)
    return session


@pytest.fixture
def report_settings(db):
    row = ReportSettings.load()
    row.signer_name = "Nguyễn Thị Hương"
    row.recipient_emails = "tinhuy@example.org\nubnd@example.org"
    row.save()
    return row
