"""The session page and the calendar cost the same few queries however many petitions, invitations, records
and sessions they show; the warning about unreachable departments names exactly those no mail can reach."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.models import Department
from dialogue_portal.text import fold
from dialogues.models import Addressee, Invitation, Recommendation, SessionOpinion
from petitions.models import Assignment, Petition, PetitionStatus

# Without Redis (a local run) the session is read from the database on every request.
SESSION_READ = 0 if settings.USER_CACHE else 1


def _fill(session, units, *, rows: int):
    """``rows`` petitions (each sent to a department), invitations, recommendations and opinions."""
    departments = list(Department.objects.filter(is_active=True).order_by("pk")[:rows])
    for department in departments:
        Invitation.objects.get_or_create(session=session, department=department)
    year = timezone.now().year
    for n in range(rows):
        petition = Petition.objects.create(
            code=f"KN-{year}-{90000 + n}",
            year=year,
            number=90000 + n,
            title=f"Kiến nghị số {n}",
            content="Nội dung",
            unit=units["a1"],
            status=PetitionStatus.ASSIGNED,
            session=session,
            submitted_at=timezone.now(),
        )
        Petition.objects.filter(pk=petition.pk).update(search_text=fold(f"{petition.code} {petition.title}"))
        Assignment.objects.create(
            petition=petition, department=departments[n % len(departments)], due_date=timezone.localdate()
        )
        Recommendation.objects.create(session=session, text=f"Đề xuất {n}", addressed_to=Addressee.PEOPLES_COMMITTEE)
        SessionOpinion.objects.create(session=session, position=n, speaker=f"Chị {n}", text="Ý kiến")


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 8])
def test_the_session_page_has_a_constant_query_count(
    make_session, units, client_for, django_assert_max_num_queries, rows
):
    session = make_session(unit="qt", status="held", days=-3)
    _fill(session, units, rows=rows)
    client = client_for("staff")
    url = reverse("dialogues:detail", args=[session.pk])
    client.get(url)
    # The page rendered afresh, as after any write (a test's transaction has written, so nothing is kept:
    # test_session_page_cache.py covers a kept body). 18 at any size (an invitation or a petition costs no
    # query of its own): the layout, permissions; the session and what it prefetches; the panels (petitions,
    # summary, documents); unreachable departments; the departments the forms offer; recommendations; opinions
    with django_assert_max_num_queries(18 + SESSION_READ):
        response = client.get(url)
    assert len(response.context["recommendations"]) == rows
    assert len(response.context["expected"].departments) == rows
    assert len(response.context["opinions"]) == rows


@pytest.mark.django_db
def test_unreachable_departments_are_those_no_mail_reaches(make_session, departments, users, client_for):
    silent = Department.objects.filter(is_active=True).exclude(pk__in=[d.pk for d in departments.values()]).first()
    Department.objects.filter(pk__in=[silent.pk, departments["x"].pk, departments["y"].pk]).update(email="")
    users["rep_y"].email = ""
    users["rep_y"].save()
    session = make_session(unit="qt", status="planned", departments=[silent, departments["x"], departments["y"]])
    page = client_for("staff").get(reverse("dialogues:detail", args=[session.pk]))
    # x has a representative with an address; y's has none; the third has neither an address nor anyone.
    assert {d.pk for d in page.context["unreachable"]} == {silent.pk, departments["y"].pk}


@pytest.mark.django_db
def test_no_representative_is_looked_up_when_every_invited_department_has_an_address(
    make_session, departments, client_for, django_assert_max_num_queries
):
    Department.objects.filter(pk__in=[departments["x"].pk, departments["y"].pk]).update(email="so@example.org")
    session = make_session(unit="qt", status="planned", departments=[departments["x"], departments["y"]])
    client = client_for("staff")
    url = reverse("dialogues:detail", args=[session.pk])
    client.get(url)
    # a planned session (no summary panel); one query fewer than with an unaddressed department, whose
    # representatives would be looked up
    with django_assert_max_num_queries(13 + SESSION_READ):
        page = client.get(url)
    assert page.context["unreachable"] == []
    assert 'id="unreachable-departments"' not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("sessions", [1, 15])
def test_the_calendar_has_a_constant_query_count(make_session, client_for, django_assert_max_num_queries, sessions):
    today = timezone.localdate()
    first = today.replace(day=1)
    for n in range(sessions):
        day = first + timedelta(days=n % 28)
        make_session(
            unit="a1",
            status="planned",
            starts_at=timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 8, 0)),
        )
    client = client_for("staff")
    client.get(reverse("dialogues:calendar"))
    # the month's sessions, and what the layout reads: the user and roles (their login's tombstone is fresh),
    # and the session too without Redis
    with django_assert_max_num_queries(3 + SESSION_READ):
        response = client.get(reverse("dialogues:calendar"))
    html = response.content.decode()
    assert html.count('<li class="list-group-item"><a href=') == sessions  # the phones' list
    assert html.count("session-chip status-planned") == sessions


@pytest.mark.django_db
def test_forms_kept_in_the_cache_follow_the_language(make_session, client_for):
    """The session page's empty forms are rendered once per language: an English view leaves no English
    label on the Vietnamese page, and a form sent back with errors is rendered afresh with them."""
    session = make_session(unit="qt", status="planned")
    url = reverse("dialogues:detail", args=[session.pk])
    client = client_for("staff")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    labels = ["Presenting department", "Planned minutes", "Chair&#x27;s title"]
    assert all(label in english for label in labels)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = client.get(url).content.decode()
    assert [label for label in labels if label in vietnamese] == []
    assert "Đơn vị trình bày" in vietnamese and "Chức vụ người chủ trì" in vietnamese
    refused = client.post(reverse("dialogues:recommendation_add", args=[session.pk]), {"text": ""})
    assert refused.status_code == 400
    assert "is-invalid" in refused.content.decode()
