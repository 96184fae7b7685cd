"""The petition workflow, defined once: which status may follow which, and who may move it.

``transition`` in services.py is the only code that changes ``Petition.status``; it reads this table.
"""

from django.utils.translation import gettext_lazy as _

from dialogue_portal.policy import DEPARTMENT, DEPARTMENT_ALONE, LEADER, STAFF, petition_roles
from dialogue_portal.workflow import Workflow

from .models import AssignmentStatus
from .models import PetitionStatus as S

BY_DEPARTMENT = frozenset({STAFF, DEPARTMENT})

# A department closes its part by answering; it resolves or forwards the whole petition only when no
# other department still owes an answer (DEPARTMENT_ALONE). Who holds which role: policy.petition_roles.

# from status → {to status: roles that may make the move}
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    S.DRAFT: {S.SUBMITTED: frozenset({LEADER, STAFF})},
    S.SUBMITTED: {
        S.RECEIVED: frozenset({STAFF}),
        S.RETURNED: frozenset({STAFF}),
        S.REJECTED: frozenset({STAFF}),
        S.MERGED: frozenset({STAFF}),
    },
    S.RETURNED: {S.SUBMITTED: frozenset({LEADER, STAFF}), S.REJECTED: frozenset({STAFF})},
    S.RECEIVED: {
        S.ASSIGNED: frozenset({STAFF}),
        S.RETURNED: frozenset({STAFF}),
        S.REJECTED: frozenset({STAFF}),
        S.MERGED: frozenset({STAFF}),
        S.FORWARDED: frozenset({STAFF}),
        # Answered on the spot at a dialogue, without routing.
        S.RESOLVED: frozenset({STAFF}),
    },
    S.ASSIGNED: {
        S.ANSWERED: frozenset({STAFF, DEPARTMENT}),
        S.FORWARDED: frozenset({STAFF, DEPARTMENT_ALONE}),
        S.RESOLVED: frozenset({STAFF, DEPARTMENT_ALONE}),
        S.MERGED: frozenset({STAFF}),
    },
    S.ANSWERED: {
        S.ASSIGNED: frozenset({STAFF}),  # another department must answer too
        S.FORWARDED: frozenset({STAFF, DEPARTMENT_ALONE}),
        S.RESOLVED: frozenset({STAFF, DEPARTMENT_ALONE}),
        S.CLOSED: frozenset({STAFF}),
    },
    S.FORWARDED: {
        S.ASSIGNED: frozenset({STAFF}),
        S.RESOLVED: frozenset({STAFF, DEPARTMENT_ALONE}),
        S.CLOSED: frozenset({STAFF}),
    },
    S.RESOLVED: {S.CLOSED: frozenset({STAFF})},
    S.CLOSED: {},
    S.REJECTED: {},
    S.MERGED: {},
}

# What a move needs besides the actor: (field or "note", message when missing).
REQUIRED = {
    S.REJECTED: ("note", _("Give the reason for rejecting the petition.")),
    S.RETURNED: ("note", _("Say what information is missing.")),
    S.MERGED: ("merged_into", _("Choose the petition to keep.")),
    S.FORWARDED: ("forwarded_authority", _("Name the competent authority.")),
}

PETITION = Workflow(
    "petition", TRANSITIONS, REQUIRED, not_allowed=_("A petition that is “%(from)s” cannot become “%(to)s”.")
)

# A department's part: answered (or forwarded) by the department or staff, then resolved. Answering is
# answer_assignment; forwarding and resolving are mark_assignment; both read this table.
A = AssignmentStatus
ASSIGNMENT = Workflow(
    "assignment",
    {
        A.PENDING: {A.ANSWERED: BY_DEPARTMENT, A.FORWARDED: BY_DEPARTMENT, A.RESOLVED: BY_DEPARTMENT},
        A.ANSWERED: {A.ANSWERED: BY_DEPARTMENT, A.FORWARDED: BY_DEPARTMENT, A.RESOLVED: BY_DEPARTMENT},
        A.FORWARDED: {A.FORWARDED: BY_DEPARTMENT, A.ANSWERED: BY_DEPARTMENT, A.RESOLVED: BY_DEPARTMENT},
        A.RESOLVED: {A.RESOLVED: BY_DEPARTMENT},
    },
)

# Statuses in which a petition still waits for the union or a department.
WAITING = frozenset({S.SUBMITTED, S.RECEIVED, S.ASSIGNED, S.RETURNED})
FINAL = frozenset({S.CLOSED, S.REJECTED, S.MERGED})
# Staff move these by hand; the others follow from assignments or have their own form.
MANUAL_TARGETS = (S.SUBMITTED, S.RECEIVED, S.RETURNED, S.REJECTED, S.FORWARDED, S.RESOLVED, S.CLOSED)


def roles_of(user, petition) -> frozenset[str]:
    """The workflow roles ``user`` holds for ``petition`` (visibility is checked by the caller)."""
    return petition_roles(user, petition)


def may_edit(user, petition) -> bool:
    """Branch leaders edit until staff receive the petition; staff until it is final."""
    roles = roles_of(user, petition)
    leader_may = LEADER in roles and petition.status in (S.DRAFT, S.SUBMITTED, S.RETURNED)
    return leader_may or (STAFF in roles and petition.status not in FINAL)


def allowed_targets(petition, user) -> list[str]:
    """Statuses ``user`` may move ``petition`` to now."""
    return PETITION.targets(petition.status, roles_of(user, petition))
