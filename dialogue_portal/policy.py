"""Who may do what: every access rule of the portal, by name, in one place.

Roles are read here and in the user model only. Views, forms, the admin, templates, exports, feeds
and tasks ask a named rule (``policy.may_plan(user)``, ``{% if can.plan %}``) or the user's
``scope_of`` (what part of the data they see), never a role. The rules are django-rules predicates,
also registered as permissions, so ``user.has_perm("portal.may_route")`` gives the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from dialogue_portal.accounts.roles import Role

# --- roles: the only place they are read, besides the user model ---------------------------------


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)


@rules.predicate
def is_administrator(user) -> bool:
    return _active(user) and user.is_administrator


@rules.predicate
def is_staff(user) -> bool:
    """Province union staff; administrators hold every staff right."""
    return _active(user) and user.is_province_staff


@rules.predicate
def is_leader(user) -> bool:
    """A branch leader bound to a unit (and not staff: staff rules come first everywhere)."""
    return _active(user) and not user.is_province_staff and user.is_branch_leader


@rules.predicate
def is_department(user) -> bool:
    """A department representative bound to a department (and neither staff nor leader)."""
    return _active(user) and not user.is_province_staff and not user.is_branch_leader and user.is_department_rep


@rules.predicate
def has_admin_flag(user) -> bool:
    """Django's own ``is_staff`` flag (an account made for the admin site)."""
    return _active(user) and user.is_staff


# --- scope: what part of the data a user sees ---------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The data a user sees, as plain values: everything, a unit subtree, a department, or nothing.

    Export jobs store it (``as_dict``) so a job runs, and its file is checked, against what the
    requester saw when asking.
    """

    everything: bool = False
    unit_id: int | None = None
    unit_path: str | None = None
    department_id: int | None = None
    # Paths of former units merged into the leader's subtree: their history is visible, read-only.
    history_paths: tuple[str, ...] = ()

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.unit_path or self.department_id)

    def unit_q(self, field: str):
        """``Q`` for rows whose unit (at ``field``, e.g. "host_unit") lies in the subtree or its history."""

        condition = Q(**{f"{field}__path__startswith": self.unit_path})
        for path in self.history_paths:
            condition |= Q(**{f"{field}__path__startswith": path})
        return condition

    @property
    def ancestor_paths(self) -> list[str]:
        """Paths of the units above the scope's unit ("000001.", "000001.000004.", …), itself excluded."""
        if not self.unit_path:
            return []
        steps = self.unit_path.strip(".").split(".")
        return [".".join(steps[:n]) + "." for n in range(1, len(steps))]

    def as_dict(self) -> dict:
        if self.everything:
            return {"kind": "all"}
        if self.unit_path:
            return {
                "kind": "unit",
                "unit_path": self.unit_path,
                "unit_id": self.unit_id,
                "history_paths": list(self.history_paths),
            }
        if self.department_id:
            return {"kind": "department", "department_id": self.department_id}
        return {"kind": "none"}

    @classmethod
    def from_dict(cls, data: dict) -> Scope:
        kind = (data or {}).get("kind")
        if kind == "all":
            return cls(everything=True)
        if kind == "unit" and data.get("unit_path"):
            history = tuple(p for p in data.get("history_paths") or () if isinstance(p, str) and p)
            return cls(unit_id=data.get("unit_id"), unit_path=data["unit_path"], history_paths=history)
        if kind == "department" and data.get("department_id"):
            return cls(department_id=data["department_id"])
        return cls()

    def covers(self, other: Scope) -> bool:
        """True when everything visible under ``other`` is visible under this scope."""
        if other.nothing:
            return False
        if self.everything:
            return True
        if self.unit_path and other.unit_path:
            mine = (self.unit_path, *self.history_paths)
            return all(any(path.startswith(p) for p in mine) for path in (other.unit_path, *other.history_paths))
        return bool(self.department_id) and self.department_id == other.department_id


NO_SCOPE = Scope()


def history_paths_of(unit_path: str) -> tuple[str, ...]:
    """Paths of the closed units whose chain of successors ends inside ``unit_path``'s subtree."""
    from dialogue_portal.directory.models import OrgUnit  # a leaf app; policy itself defines no model

    found: list[str] = []
    seen: set[str] = set()
    frontier = [unit_path]
    while frontier:
        condition = Q()
        for path in frontier:
            condition |= Q(successor__path__startswith=path)
        frontier = [p for p in OrgUnit.objects.filter(condition).values_list("path", flat=True) if p not in seen]
        seen.update(frontier)
        # Former units already inside the subtree are covered by unit_path itself.
        found.extend(p for p in frontier if not p.startswith(unit_path))
    # A path nested in another found path is covered by that prefix.
    found.sort()
    return tuple(p for i, p in enumerate(found) if not any(p.startswith(q) for q in found[:i]))


def scope_of(user) -> Scope:
    """The scope ``user`` has now. A ``Scope`` passes through unchanged."""
    if isinstance(user, Scope):
        return user
    if is_staff(user):
        return Scope(everything=True)
    if is_leader(user):
        path = user.unit.path
        cached = getattr(user, "_history_paths", None)
        if cached is None or cached[0] != path:
            cached = (path, history_paths_of(path))  # once per user object, i.e. per request
            user._history_paths = cached
        return Scope(unit_id=user.unit_id, unit_path=path, history_paths=cached[1])
    if is_department(user):
        return Scope(department_id=user.department_id)
    return NO_SCOPE


# --- object predicates -----------------------------------------------------------------------------


@rules.predicate
def leads_petition_unit(user, petition) -> bool:
    return is_leader(user) and petition is not None and petition.unit.path.startswith(user.unit.path)


@rules.predicate
def department_assigned(user, petition) -> bool:
    """The user's department has an assignment on the petition (answered or not)."""
    return (
        is_department(user)
        and petition is not None
        and petition.assignments.filter(department_id=user.department_id).exists()
    )


@rules.predicate
def department_alone(user, petition) -> bool:
    """The user's department is assigned and no other department still owes an answer."""
    if not department_assigned(user, petition):
        return False
    others = petition.assignments.exclude(department_id=user.department_id)
    return not others.filter(status="pending").exists()


@rules.predicate
def hosts_session(user, session) -> bool:
    """A branch leader whose subtree hosts the session."""
    return is_leader(user) and session is not None and session.host_unit.path.startswith(user.unit.path)


@rules.predicate
def own_department(user, obj) -> bool:
    """An invitation or an assignment addressed to the user's department."""
    return is_department(user) and obj is not None and obj.department_id == user.department_id


# --- named rules -----------------------------------------------------------------------------------

RULES = {
    # Pages and menus
    "use_admin": is_staff | is_department,
    "view_dashboard": is_staff | is_leader,
    "view_petitions": is_staff | is_leader | is_department,
    "view_reports": is_staff | is_leader | is_department,
    "view_audit": is_administrator,
    # In the admin, filtering by any field (not only the declared filters): administrators only.
    "filter_any_field": is_administrator,
    # Merge or move units, dissolve departments (a reorganisation)
    "reorganise": is_administrator,
    # The accounts that see the most are logged out when idle.
    "idle_logout": is_staff | is_department | has_admin_flag,
    # Sessions
    "plan": is_staff | is_leader,
    "manage_session": is_staff | hosts_session,
    "send_summary": is_staff,
    "publish": is_staff,
    "reply_invitation": is_staff | own_department,
    # Petitions
    "submit": is_staff | is_leader,
    "import": is_staff | is_leader,
    "triage": is_staff,
    "route": is_staff,
    "merge": is_staff,
    "see_petitioner": is_staff | leads_petition_unit,
    "answer": is_staff | own_department,
    "resolve": is_staff | department_alone,
    "delete": is_administrator,
    # Exports
    "export": is_staff | is_leader | is_department,
    "export_period": is_staff | is_leader,
    "export_staff": is_staff,
    "export_minutes": is_staff | is_leader,
}

# Rules about one object; the others hold for the user alone.
OBJECT_RULES = frozenset({"manage_session", "reply_invitation", "see_petitioner", "answer", "resolve"})

for _name, _predicate in RULES.items():
    rules.add_rule(_name, _predicate)
    rules.add_perm(f"portal.may_{_name}", _predicate)


def may(name: str, user, obj=None) -> bool:
    """Whether ``user`` may do the named thing (to ``obj``)."""
    return rules.test_rule(name, user, obj)


def may_use_admin(user) -> bool:
    return may("use_admin", user)


def may_view_dashboard(user) -> bool:
    return may("view_dashboard", user)


def may_view_petitions(user) -> bool:
    return may("view_petitions", user)


def may_plan(user) -> bool:
    return may("plan", user)


def may_manage_session(user, session) -> bool:
    return may("manage_session", user, session)


def may_send_summary(user) -> bool:
    return may("send_summary", user)


def may_publish(user) -> bool:
    return may("publish", user)


def may_submit(user) -> bool:
    return may("submit", user)


def may_triage(user) -> bool:
    return may("triage", user)


def may_route(user) -> bool:
    return may("route", user)


def may_answer(user, assignment) -> bool:
    return may("answer", user, assignment)


def may_resolve(user, petition) -> bool:
    return may("resolve", user, petition)


def may_see_petitioner(user, petition) -> bool:
    return not petition.is_anonymous or may("see_petitioner", user, petition)


def may_export(user, name: str = "export") -> bool:
    return may(name, user)


def capabilities(user) -> dict[str, bool]:
    """Every object-free rule for ``user``, for templates: ``{% if can.plan %}``.

    Object-free rules read only the user's row and roles, so the answers are kept on the user object
    (and travel with it through the user cache) until one of those changes.
    """
    signature = _signature(user)
    kept = getattr(user, "_capabilities", None)
    if kept is not None and kept[0] == signature:
        return kept[1]
    answers = {name: bool(predicate.test(user)) for name, predicate in RULES.items() if name not in OBJECT_RULES}
    if signature is not None:
        user._capabilities = (signature, answers)
    return answers


def _signature(user):
    if not _active(user):
        return None
    return (user.pk, user.role_names, user.is_superuser, user.is_staff, user.unit_id, user.department_id)


# --- workflow roles: who the user is towards one object ------------------------------------------

STAFF = "staff"  # province union staff (administrators too)
LEADER = "leader"  # branch leader of the unit's subtree
DEPARTMENT = "department"  # representative of a department the object is addressed to
DEPARTMENT_ALONE = "department_alone"  # …and the only department still owing an answer
SYSTEM = "system"  # moves only a service makes (e.g. "summary sent" by a transmittal)


def petition_roles(user, petition) -> frozenset[str]:
    roles = set()
    if is_staff(user):
        roles.add(STAFF)
    if leads_petition_unit(user, petition):
        roles.add(LEADER)
    if department_assigned(user, petition):
        roles.add(DEPARTMENT)
        if department_alone(user, petition):
            roles.add(DEPARTMENT_ALONE)
    return frozenset(roles)


def session_roles(user, session) -> frozenset[str]:
    if is_staff(user):
        return frozenset({STAFF})
    if hosts_session(user, session):
        return frozenset({LEADER})
    return frozenset()


def assignment_roles(user, assignment) -> frozenset[str]:
    if is_staff(user):
        return frozenset({STAFF})
    if own_department(user, assignment):
        return frozenset({DEPARTMENT})
    return frozenset()


def invitation_roles(user, invitation) -> frozenset[str]:
    roles = set(session_roles(user, invitation.session))
    if own_department(user, invitation):
        roles.add(DEPARTMENT)
    return frozenset(roles)


def require(name: str, user, obj=None) -> None:
    """Raise 403 unless ``user`` may do the named thing. Look the object up with ``visible_to`` first:
    an object outside the user's scope is a 404, a visible one the user may not act on a 403."""
    if not may(name, user, obj):
        raise PermissionDenied


def rule_required(name: str):
    """View decorator: log in first, then 403 unless the user may do the named (object-free) thing."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            require(name, request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


# --- who holds a right: recipients of notifications -----------------------------------------------


def staff_users():
    """Active province staff (administrators are not mailed about every petition)."""
    return get_user_model().objects.filter(is_active=True, groups__name=Role.PROVINCE_STAFF).distinct()


def department_users(department_id):
    """Active representatives of one department: those who may answer for it."""
    users = get_user_model().objects.filter(is_active=True, department_id=department_id)
    return users.filter(groups__name=Role.DEPARTMENT_REP).distinct()


def departments_users(department_ids):
    """Active representatives of any of these departments."""
    users = get_user_model().objects.filter(is_active=True, department_id__in=department_ids)
    return users.filter(groups__name=Role.DEPARTMENT_REP).distinct()
