"""The session workflow as one table: state → allowed next states → which roles may move it.

`services.transition` is the only code that changes a session's status, and it reads this table.
"""

from django.utils.translation import gettext_lazy

from dialogue_portal.policy import DEPARTMENT, LEADER, STAFF, SYSTEM, session_roles
from dialogue_portal.workflow import Workflow
from dialogues.models import InvitationState, SessionStatus

# The invited department replies; staff or the host's leader record a reply given by phone.
BY_INVITEE = frozenset({STAFF, LEADER, DEPARTMENT})

# Who holds which role towards a session: policy.session_roles (staff; a leader of the host's subtree).

S = SessionStatus
BOTH = frozenset({STAFF, LEADER})

WORKFLOW: dict[str, dict[str, frozenset[str]]] = {
    S.DRAFT: {S.PLANNED: BOTH, S.POSTPONED: BOTH, S.CANCELLED: BOTH},
    S.PLANNED: {S.INVITATIONS_SENT: BOTH, S.POSTPONED: BOTH, S.CANCELLED: BOTH},
    S.INVITATIONS_SENT: {S.HELD: BOTH, S.POSTPONED: BOTH, S.CANCELLED: BOTH},
    # The summary goes to the committees with a numbered transmittal: only that service makes this move.
    S.HELD: {S.SUMMARY_SENT: frozenset({SYSTEM})},
    S.SUMMARY_SENT: {},
    # A postponed session is re-planned (then invitations go out again with the new date) or dropped.
    S.POSTPONED: {S.PLANNED: BOTH, S.CANCELLED: BOTH},
    S.CANCELLED: {},
}

SESSION = Workflow(
    "session", WORKFLOW, not_allowed=gettext_lazy("A session that is “%(from)s” cannot become “%(to)s”.")
)

# A department's reply to an invitation, changed freely until the session is held (see LOCKED_DATES).
REPLIES = {state: BY_INVITEE for state in InvitationState.values if state != InvitationState.PENDING}
INVITATION = Workflow(
    "invitation",
    dict.fromkeys(InvitationState.values, REPLIES),
    required={
        InvitationState.DELEGATED: ("delegate_name", gettext_lazy("Name the person who will attend in your place."))
    },
)

# States in which the date is fixed for good: the meeting has happened.
LOCKED_DATES = frozenset({S.HELD, S.SUMMARY_SENT})
# States after which nothing but minutes, attendance and publishing may change.
CLOSED = frozenset({S.SUMMARY_SENT, S.CANCELLED})


def roles_for(user, session) -> frozenset[str]:
    """The workflow roles ``user`` holds for ``session`` (empty when they may not manage it)."""
    return session_roles(user, session)


def allowed_transitions(user, session) -> list[str]:
    """Next states ``user`` may move ``session`` to, in table order."""
    return SESSION.targets(session.status, roles_for(user, session))


def can_manage(user, session) -> bool:
    """Whether ``user`` may edit ``session`` (details, agenda, invitations, attendance, minutes)."""
    return bool(roles_for(user, session))
