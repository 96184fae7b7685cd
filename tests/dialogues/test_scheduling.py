"""Scheduling checks: warnings before saving, refusals, optimistic locking."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from dialogues import services
from dialogues.models import DialogueSession, SessionStatus

from .conftest import local


def _data(units, departments=(), **overrides):
    values = {
        "title": "Đối thoại về vay vốn",
        "host_unit": units["a"],
        "starts_at": local(2027, 3, 10, 8),
        "ends_at": local(2027, 3, 10, 11),
        "venue": "Hội trường UBND huyện Gio Linh",
        "departments": tuple(departments),
    }
    values.update(overrides)
    return services.SessionData(**values)


@pytest.fixture
def booked(users, units, departments):
    return services.create_session(actor=users["staff"], data=_data(units, [departments["x"]]), confirmed=True)


def test_overlapping_invited_department_is_a_warning(booked, users, units, departments):
    data = _data(units, [departments["x"]], venue="Nhà văn hóa xã", starts_at=local(2027, 3, 10, 10))
    data.ends_at = local(2027, 3, 10, 12)

    with pytest.raises(services.NeedsConfirmation) as warning:
        services.create_session(actor=users["staff"], data=data)

    assert len(warning.value.warnings) == 1
    assert "Sở Nội vụ" in warning.value.warnings[0]
    assert DialogueSession.objects.count() == 1


def test_venue_taken_at_that_time_is_a_warning_whatever_the_accents(booked, users, units):
    data = _data(units, venue="hoi truong ubnd huyen gio linh")

    with pytest.raises(services.NeedsConfirmation) as warning:
        services.create_session(actor=users["staff"], data=data)

    assert len(warning.value.warnings) == 1
    assert "Hội trường UBND huyện Gio Linh" in warning.value.warnings[0]


def test_confirmed_warnings_save_the_session(booked, users, units, departments):
    data = _data(units, [departments["x"]])

    session = services.create_session(actor=users["staff"], data=data, confirmed=True)

    assert session.invitations.count() == 1
    assert DialogueSession.objects.count() == 2


def test_no_warning_for_back_to_back_or_cancelled_sessions(booked, users, units, departments):
    after = _data(units, [departments["x"]], starts_at=local(2027, 3, 10, 11), ends_at=local(2027, 3, 10, 12))
    assert (
        services.scheduling_warnings(
            starts_at=after.starts_at, ends_at=after.ends_at, venue=after.venue, departments=after.departments
        )
        == []
    )
    DialogueSession.objects.filter(pk=booked.pk).update(status=SessionStatus.CANCELLED)
    assert (
        services.scheduling_warnings(
            starts_at=booked.starts_at, ends_at=booked.ends_at, venue=booked.venue, departments=[departments["x"]]
        )
        == []
    )


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "code"),
    [
        (local(2027, 3, 10, 11), local(2027, 3, 10, 8), "end_before_start"),
        (local(2027, 3, 10, 8), local(2027, 3, 10, 8), "end_before_start"),
        (local(1975, 4, 30, 8), local(1975, 4, 30, 11), "too_early"),
        (local(2099, 1, 1, 8), local(2099, 1, 1, 11), "too_late"),
        (local(2027, 3, 10, 8), local(2027, 3, 30, 8), "too_long"),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_saved(users, units, starts_at, ends_at, code):
    with pytest.raises(ValidationError) as error:
        services.create_session(actor=users["staff"], data=_data(units, starts_at=starts_at, ends_at=ends_at))

    assert error.value.code == code
    assert DialogueSession.objects.count() == 0


def test_a_held_session_cannot_be_moved(booked, users, units):
    DialogueSession.objects.filter(pk=booked.pk).update(status=SessionStatus.HELD)
    booked.refresh_from_db()
    moved = _data(units, starts_at=booked.starts_at + timedelta(days=1), ends_at=booked.ends_at + timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        services.update_session(session=booked, actor=users["staff"], version=booked.version, data=moved)

    assert error.value.code == "held"
    booked.refresh_from_db()
    assert booked.starts_at == local(2027, 3, 10, 8)


def test_a_branch_leader_cannot_host_a_session_outside_their_subtree(users, units):
    with pytest.raises(ValidationError):
        services.create_session(actor=users["leader_a"], data=_data(units, host_unit=units["b1"]))

    assert DialogueSession.objects.count() == 0


def test_a_stale_edit_is_refused_and_says_what_changed(booked, users, units, departments):
    stale_version = booked.version
    services.update_session(
        session=booked,
        actor=users["staff"],
        version=stale_version,
        data=_data(units, [departments["x"]], venue="Nhà văn hóa thôn Hà Thượng"),
        confirmed=True,
    )

    with pytest.raises(services.StaleEdit) as error:
        services.update_session(
            session=booked,
            actor=users["leader_a"],
            version=stale_version,
            data=_data(units, [departments["x"]], title="Tiêu đề khác"),
            confirmed=True,
        )

    text = " ".join(error.value.messages)
    assert "Nhà văn hóa thôn Hà Thượng" in text
    booked.refresh_from_db()
    assert (booked.title, booked.version) == ("Đối thoại về vay vốn", 2)


def test_search_text_is_folded_and_nfc(users, units):
    decomposed = "Đo\u0302\u0301i thoại ở Đakrông"  # "Đối" typed with combining marks
    session = services.create_session(
        actor=users["staff"], data=_data(units, title=decomposed, host_unit=units["b"], venue="")
    )

    assert session.title == "Đối thoại ở Đakrông"
    assert "doi thoai o dakrong" in session.search_text


def test_archiving_hides_but_keeps_the_session(booked, users):
    services.archive_session(session=booked, actor=users["staff"])

    assert DialogueSession.objects.filter(pk=booked.pk, is_archived=True).exists()
