"""A user's visibility frozen as data, so a job runs (and its file is checked) against what the requester saw.

``ScopeUser`` quacks like a user for the models' ``visible_to`` methods, which stay the one place the rules live.
"""

from dataclasses import dataclass


def scope_of(user) -> dict:
    """The visibility ``user`` has now: all, a unit subtree, a department, or nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {"kind": "none"}
    if user.is_province_staff:
        return {"kind": "all"}
    if user.is_branch_leader:
        return {"kind": "unit", "unit_path": user.unit.path, "unit_id": user.unit_id}
    if user.is_department_rep:
        return {"kind": "department", "department_id": user.department_id}
    return {"kind": "none"}


def covers(outer: dict, inner: dict) -> bool:
    """True when everything visible under ``inner`` is visible under ``outer``."""
    if outer.get("kind") == "all":
        return inner.get("kind") != "none"
    if outer.get("kind") == "unit" and inner.get("kind") == "unit":
        return inner["unit_path"].startswith(outer["unit_path"])
    if outer.get("kind") == "department" and inner.get("kind") == "department":
        return outer["department_id"] == inner["department_id"]
    return False


@dataclass(frozen=True)
class _Unit:
    path: str
    pk: int


class ScopeUser:
    """A stand-in user carrying a stored scope, for ``Model.objects.visible_to``."""

    is_authenticated = True
    is_active = True

    def __init__(self, scope: dict):
        kind = scope.get("kind")
        self.is_province_staff = kind == "all"
        self.is_branch_leader = kind == "unit"
        self.is_department_rep = kind == "department"
        self.unit = _Unit(scope["unit_path"], scope.get("unit_id")) if kind == "unit" else None
        self.unit_id = scope.get("unit_id")
        self.department_id = scope.get("department_id")
        self.is_active = kind != "none"
