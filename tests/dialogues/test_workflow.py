"""The session workflow: every allowed and refused transition, by role."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dialogues import services
from dialogues.models import SessionStatus, SessionStatusChange

S = SessionStatus
ALL = [s.value for s in SessionStatus]

# Written out independently of dialogues/workflow.py: (from, to) → roles that may do it.
BOTH = {"staff", "leader_a", "admin"}
EXPECTED = {
    (S.DRAFT, S.PLANNED): BOTH,
    (S.DRAFT, S.POSTPONED): BOTH,
    (S.DRAFT, S.CANCELLED): BOTH,
    (S.PLANNED, S.INVITATIONS_SENT): BOTH,
    (S.PLANNED, S.POSTPONED): BOTH,
    (S.PLANNED, S.CANCELLED): BOTH,
    (S.INVITATIONS_SENT, S.HELD): BOTH,
    (S.INVITATIONS_SENT, S.POSTPONED): BOTH,
    (S.INVITATIONS_SENT, S.CANCELLED): BOTH,
    (S.HELD, S.SUMMARY_SENT): set(),  # only the transmittal service (reports.services.send_summary)
    (S.POSTPONED, S.PLANNED): BOTH,
    (S.POSTPONED, S.CANCELLED): BOTH,
}


def _fields_for(session, to_status):
    if to_status == S.POSTPONED:
        return {"starts_at": session.starts_at + timedelta(days=7), "ends_at": session.ends_at + timedelta(days=7)}
    return {}


@pytest.mark.parametrize("from_status", ALL)
@pytest.mark.parametrize("role", ["staff", "admin", "leader_a", "leader_b", "rep_x"])
def test_workflow_allows_exactly_the_table_by_role(users, departments, make_session, from_status, role):
    # A held session has started; the others are in the future.
    days = -1 if from_status in (S.HELD, S.SUMMARY_SENT) else 10
    outcomes = {}
    for to_status in ALL:
        session = make_session(unit="a1", status=from_status, departments=[departments["x"]], days=days)
        if to_status == S.HELD:
            session.starts_at = timezone.now() - timedelta(hours=1)
            session.ends_at = timezone.now() + timedelta(hours=1)
            session.save()
        try:
            services.transition(
                session=session,
                to_status=to_status,
                actor=users[role],
                note="Lý do",
                notify=False,
                **_fields_for(session, to_status),
            )
            outcomes[to_status] = True
        except (PermissionDenied, ValidationError):
            outcomes[to_status] = False
        session.refresh_from_db()
        assert session.status == (to_status if outcomes[to_status] else from_status)
    expected = {to: role in EXPECTED.get((from_status, to), set()) for to in ALL}
    assert outcomes == expected


def test_transition_logs_who_when_from_to_and_note(users, make_session):
    session = make_session(status=S.DRAFT)

    services.transition(session=session, to_status=S.PLANNED, actor=users["leader_a"], note="Đã có kế hoạch")

    change = SessionStatusChange.objects.get(session=session)
    assert (change.from_status, change.to_status, change.actor, change.note) == (
        S.DRAFT,
        S.PLANNED,
        users["leader_a"],
        "Đã có kế hoạch",
    )
    session.refresh_from_db()
    assert session.version == 2


def test_postponing_moves_the_date_and_needs_a_note(users, make_session):
    session = make_session(status=S.PLANNED)
    new_start = session.starts_at + timedelta(days=14)

    with pytest.raises(ValidationError):
        services.transition(
            session=session,
            to_status=S.POSTPONED,
            actor=users["staff"],
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=2),
        )
    services.transition(
        session=session,
        to_status=S.POSTPONED,
        actor=users["staff"],
        note="Trùng lịch họp HĐND",
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
    )

    session.refresh_from_db()
    assert (session.status, session.starts_at) == (S.POSTPONED, new_start)
    assert SessionStatusChange.objects.get(session=session).note.startswith("Trùng lịch họp HĐND")


def test_postponing_without_a_new_date_is_refused(users, make_session):
    session = make_session(status=S.PLANNED)

    with pytest.raises(ValidationError) as error:
        services.transition(session=session, to_status=S.POSTPONED, actor=users["staff"], note="Hoãn")

    assert error.value.code == "dates_required"
    session.refresh_from_db()
    assert session.status == S.PLANNED


def test_a_postponed_session_can_be_planned_again(users, make_session):
    session = make_session(status=S.POSTPONED)

    services.transition(session=session, to_status=S.PLANNED, actor=users["leader_a"])

    session.refresh_from_db()
    assert session.status == S.PLANNED


def test_cancelling_needs_a_reason_and_keeps_it(users, make_session):
    session = make_session(status=S.INVITATIONS_SENT)

    with pytest.raises(ValidationError):
        services.transition(session=session, to_status=S.CANCELLED, actor=users["staff"])
    services.transition(session=session, to_status=S.CANCELLED, actor=users["staff"], note="Mưa lũ")

    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (S.CANCELLED, "Mưa lũ")


def test_a_session_cannot_be_marked_held_before_it_starts(users, make_session):
    session = make_session(status=S.INVITATIONS_SENT, days=5)

    with pytest.raises(ValidationError):
        services.transition(session=session, to_status=S.HELD, actor=users["staff"])

    session.refresh_from_db()
    assert session.status == S.INVITATIONS_SENT


def test_invitations_cannot_be_sent_with_nobody_invited(users, make_session):
    session = make_session(status=S.PLANNED)

    with pytest.raises(ValidationError):
        services.transition(session=session, to_status=S.INVITATIONS_SENT, actor=users["staff"])
