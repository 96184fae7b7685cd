import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from dialogue_portal.accounts.models import User
from dialogue_portal.directory.models import TopicCategory
from dialogues.models import Addressee, DialogueSession, FollowUp, Invitation, Recommendation, SessionStatus
from petitions.models import Answer, AnswerMethod, Assignment, Petition, PetitionStatus

URL = "/public/"


def make_session(units, departments, *, title="Đối thoại chính sách tỉnh 2024", published=True):
    start = timezone.make_aware(dt.datetime(2024, 11, 20, 8, 0))
    session = DialogueSession.objects.create(
        title=title,
        host_unit=units["qt"],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        venue="Hội trường UBND tỉnh",
        status=SessionStatus.HELD,
        is_published=published,
    )
    session.topics.set(TopicCategory.objects.all()[:2])
    Invitation.objects.create(session=session, department=departments["x"], attended=True)
    Invitation.objects.create(session=session, department=departments["y"], attended=False)
    return session


def make_petition(units, departments, number, *, published=True, answered=True):
    petition = Petition.objects.create(
        code=f"KN-2024-{number:05d}",
        year=2024,
        number=number,
        title=f"Kiến nghị vay vốn số {number}",
        content="Đề nghị tăng hạn mức vay vốn khởi nghiệp cho phụ nữ.",
        unit=units["a1"],
        petitioner_name=f"Hồ Thị Bí Mật {number}",
        petitioner_phone=f"09131{number:05d}",
        petitioner_ethnicity="Vân Kiều",
        status=PetitionStatus.ANSWERED if answered else PetitionStatus.ASSIGNED,
        is_published=published,
        submitted_at=timezone.now(),
    )
    petition.topics.set(TopicCategory.objects.all()[:1])
    assignment = Assignment.objects.create(
        petition=petition, department=departments["x"], due_date=dt.date(2024, 12, 31)
    )
    if answered:
        Answer.objects.create(
            assignment=assignment, text="Sở sẽ phối hợp Ngân hàng Chính sách xã hội.", method=AnswerMethod.IN_WRITING
        )
    return petition


def test_outcomes_page_shows_published_sessions_with_topics_and_attending_departments(client, units, departments):
    session = make_session(units, departments)
    make_session(units, departments, title="Phiên chưa công bố", published=False)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert session.title in html
    assert "20/11/2024" in html
    assert all(topic.name in html for topic in session.topics.all())
    assert departments["x"].name in html
    assert departments["y"].name not in html  # invited, did not come
    assert "Phiên chưa công bố" not in html


def test_outcomes_page_shows_published_petitions_with_answers_and_no_personal_data(client, units, departments):
    shown = make_petition(units, departments, 1)
    hidden = make_petition(units, departments, 2, published=False)

    html = client.get(URL).content.decode()

    assert shown.code in html
    assert shown.title in html
    assert "Ngân hàng Chính sách xã hội" in html
    assert hidden.code not in html
    for personal in (shown.petitioner_name, shown.petitioner_phone, "Vân Kiều", units["a1"].name):
        assert personal not in html


def test_outcomes_page_needs_no_login_and_speaks_vietnamese(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Kết quả đối thoại" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_outcomes_page_query_count_is_constant(client, units, departments, django_assert_num_queries, rows):
    for number in range(1, rows + 1):
        make_petition(units, departments, number)
        session = make_session(units, departments, title=f"Đối thoại {number}")
        Recommendation.objects.create(
            session=session,
            text=f"Kiến nghị {number}",
            addressed_to=Addressee.DEPARTMENT,
            department=departments["x"],
            is_published=True,
        )

    # sessions, their topics, their attendance; recommendations; petition count, page, topics, answers
    with django_assert_num_queries(8):
        response = client.get(URL)

    assert response.status_code == 200


def test_outcomes_page_on_demo_data_shows_no_personal_data(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    html = client.get(URL).content.decode()

    published = Petition.objects.filter(is_published=True)
    assert published.exists()
    assert all(code in html for code in published.values_list("code", flat=True))
    personal = set()
    for name, phone in Petition.objects.values_list("petitioner_name", "petitioner_phone"):
        personal |= {name, phone}
    for full_name, phone in User.objects.values_list("full_name", "phone"):
        personal |= {full_name, phone}
    leaked = sorted(value for value in personal - {""} if value in html)
    assert leaked == []


def test_outcomes_page_counts_petitions_with_vietnamese_digit_grouping(client, units, departments, monkeypatch):
    make_petition(units, departments, 1)
    monkeypatch.setattr("django.core.paginator.Paginator.count", 1234)

    html = client.get(URL).content.decode()

    assert "1.234 ý kiến, kiến nghị được công khai" in html


def test_outcomes_page_shows_only_published_recommendations_without_personal_data(client, units, departments, users):
    session = make_session(units, departments, published=False)
    shown = Recommendation.objects.create(
        session=session,
        text="Đề nghị UBND tỉnh bố trí vốn cho mô hình sinh kế",
        addressed_to=Addressee.PEOPLES_COMMITTEE,
        follow_up=FollowUp.IN_PROGRESS,
        response_note="Chị Hồ Thị Bí Mật, 0913123456, đã được liên hệ",
        created_by=users["staff"],
        is_published=True,
    )
    Recommendation.objects.create(
        session=session, text="Kiến nghị chưa công bố", addressed_to=Addressee.PARTY_COMMITTEE
    )
    cancelled = make_session(units, departments, title="Phiên đã hủy")
    DialogueSession.objects.filter(pk=cancelled.pk).update(status=SessionStatus.CANCELLED)
    Recommendation.objects.create(
        session=cancelled, text="Kiến nghị của phiên đã hủy", addressed_to=Addressee.PARTY_COMMITTEE, is_published=True
    )

    html = client.get(URL).content.decode()

    assert shown.text in html
    assert "UBND tỉnh" in html
    assert "Đang xử lý" in html
    assert "Kiến nghị chưa công bố" not in html
    assert "Kiến nghị của phiên đã hủy" not in html
    assert "Hồ Thị Bí Mật" not in html
    assert "0913123456" not in html
