"""The session workflow as one table: state → allowed next states → which roles may move it.

`services.transition` is the only code that changes a session's status, and it reads this table.
"""

from dialogues.models import SessionStatus

STAFF = "staff"  # province union staff (administrators included)
LEADER = "leader"  # branch leader, for sessions hosted in their unit's subtree

S = SessionStatus
BOTH = frozenset({STAFF, LEADER})

WORKFLOW: dict[str, dict[str, frozenset[str]]] = {
    S.DRAFT: {S.PLANNED: BOTH, S.POSTPONED: BOTH, S.CANCELLED: BOTH},
    S.PLANNED: {S.INVITATIONS_SENT: BOTH, S.POSTPONED: BOTH, S.CANCELLED: BOTH},
    S.INVITATIONS_SENT: {S.HELD: BOTH, S.POSTPONED: BOTH, S.CANCELLED: BOTH},
    # The summary goes to the provincial Party Committee and People's Committee: province staff only.
    S.HELD: {S.SUMMARY_SENT: frozenset({STAFF})},
    S.SUMMARY_SENT: {},
    # A postponed session is re-planned (then invitations go out again with the new date) or dropped.
    S.POSTPONED: {S.PLANNED: BOTH, S.CANCELLED: BOTH},
    S.CANCELLED: {},
}

# States in which the date is fixed for good: the meeting has happened.
LOCKED_DATES = frozenset({S.HELD, S.SUMMARY_SENT})
# States after which nothing but minutes, attendance and publishing may change.
CLOSED = frozenset({S.SUMMARY_SENT, S.CANCELLED})


def roles_for(user, session) -> frozenset[str]:
    """The workflow roles ``user`` holds for ``session`` (empty when they may not manage it)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_province_staff:
        return frozenset({STAFF})
    if user.is_branch_leader and session.host_unit.is_within(user.unit):
        return frozenset({LEADER})
    return frozenset()


def allowed_transitions(user, session) -> list[str]:
    """Next states ``user`` may move ``session`` to, in table order."""
    roles = roles_for(user, session)
    return [target for target, who in WORKFLOW.get(session.status, {}).items() if roles & who]


def can_manage(user, session) -> bool:
    """Whether ``user`` may edit ``session`` (details, agenda, invitations, attendance, minutes)."""
    return bool(roles_for(user, session))
