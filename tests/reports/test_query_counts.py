"""The dashboard, the reports page and the transmittals list cost the same few queries at any size; the
dashboard's cached figures never carry one language's labels into the other's page."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from dialogues.models import DialogueSession, SessionStatus
from petitions.models import PetitionStatus
from reports.models import Transmittal

from .conftest import assign, make_petition


def _petitions(units, topics, departments, rows: int):
    statuses = [PetitionStatus.SUBMITTED, PetitionStatus.ASSIGNED, PetitionStatus.ANSWERED]
    for n in range(rows):
        petition = make_petition(unit=units["a1"], topics=[topics[n % 3]], status=statuses[n % 3])
        assign(petition, departments["x" if n % 2 else "y"], answer="Đã trả lời" if n % 3 == 2 else None)


def _transmittals(units, users, rows: int):
    start = timezone.make_aware(datetime.datetime(2024, 11, 20, 8, 0))
    for n in range(rows):
        session = DialogueSession.objects.create(
            title=f"Đối thoại {n}",
            host_unit=units["qt"],
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            status=SessionStatus.SUMMARY_SENT,
        )
        Transmittal.objects.create(
            session=session,
            year=2024,
            number=n + 1,
            document_number=f"{n + 1:02d}/BC-HPN",
            document_date=start.date(),
            recipients="Tỉnh ủy",
            file=f"transmittals/{n}.docx",
            checksum="0" * 64,
            sent_by=users["staff"],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_the_dashboard_has_a_constant_query_count(
    units, topics, departments, client_for, django_assert_max_num_queries, rows
):
    _petitions(units, topics, departments, rows)
    client = client_for("staff")
    client.get(reverse("reports:dashboard"))  # the figures are counted once, then kept until the data changes
    # the units the form offers, and what the layout reads (the figures and their HTML are cached)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("reports:dashboard"))
    assert f'data-figure="total">{rows}<' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_the_reports_page_and_the_transmittals_have_a_constant_query_count(
    units, users, client_for, django_assert_max_num_queries, rows
):
    _transmittals(units, users, rows)
    client = client_for("staff")
    for name, queries in (("reports:index", 3), ("reports:transmittals", 3)):
        client.get(reverse(name))
        with django_assert_max_num_queries(queries):
            response = client.get(reverse(name))
        assert response.status_code == 200
    assert response.content.decode().count("/BC-HPN") == rows


def _status_labels(language: str) -> set[str]:
    with translation.override(language):
        return {str(label) for _value, label in PetitionStatus.choices}


@pytest.mark.django_db
def test_an_english_view_leaves_no_english_label_on_the_vietnamese_dashboard(units, topics, departments, client_for):
    _petitions(units, topics, departments, 6)
    english_only = _status_labels("en") - _status_labels("vi")
    client = client_for("staff")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("reports:dashboard")).content.decode()
    assert any(f"<td>{label}</td>" in english for label in english_only)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = client.get(reverse("reports:dashboard")).content.decode()
    assert not [label for label in english_only if f"<td>{label}</td>" in vietnamese]
    assert any(f"<td>{label}</td>" in vietnamese for label in _status_labels("vi"))
