"""Reorganisations: merge units, re-parent units, dissolve or merge departments — previewed, then applied at once.

Each organisation version is its own row: a merged unit or a dissolved department stays, closed
(``valid_until``, ``is_active=False``) with its successor links, and everything recorded under it
(sessions, petitions, answered assignments) keeps pointing at it, so documents of its time print its
name. What is still open moves: users are re-bound to the successor, and the apps above this one
move their open work through hooks they register (``register_hook``), e.g. petitions moves pending
assignments to the successor department with their due dates unchanged.

``preview(plan)`` lists everything ``apply(plan, actor=…)`` will do; ``apply`` runs it all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Department, DepartmentSuccession, OrgUnit
from .services import save_unit


@dataclass(frozen=True)
class MergeUnits:
    """Units ``sources`` → ``target``: the sources close, their live children move under the target."""

    sources: tuple[OrgUnit, ...]
    target: OrgUnit
    effective_on: date


@dataclass(frozen=True)
class ReparentUnits:
    """Units moved under ``parent`` (communes under the province once their district is gone)."""

    units: tuple[OrgUnit, ...]
    parent: OrgUnit


@dataclass(frozen=True)
class DissolveDepartment:
    """A department closes; each successor takes some functions; open work goes to ``open_work_to``."""

    department: Department
    successors: tuple[tuple[Department, str], ...]  # (successor, functions it took)
    open_work_to: Department
    effective_on: date


Step = MergeUnits | ReparentUnits | DissolveDepartment


@dataclass
class Line:
    """One thing the plan moves or changes, for the preview and the command's output."""

    kind: str  # "unit", "user", "assignment", …
    text: str
    conflict: bool = False


@dataclass
class Preview:
    steps: list[tuple[str, list[Line]]] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Line]:
        return [line for _title, lines in self.steps for line in lines if line.conflict]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _title, lines in self.steps:
            for line in lines:
                counts[line.kind] = counts.get(line.kind, 0) + 1
        return counts


# A hook sees each step; with apply=False it only describes what it would move.
Hook = Callable[..., list[Line]]
_HOOKS: list[Hook] = []


def register_hook(hook: Hook) -> None:
    """Let a higher app move its open work too: ``hook(step, *, apply, actor) -> [Line]``."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def _title(step: Step) -> str:
    if isinstance(step, MergeUnits):
        return _("Merge %(sources)s into %(target)s") % {
            "sources": ", ".join(u.name for u in step.sources),
            "target": step.target.name,
        }
    if isinstance(step, ReparentUnits):
        return _("Move %(units)s under %(parent)s") % {
            "units": ", ".join(u.name for u in step.units),
            "parent": step.parent.name,
        }
    return _("Dissolve %(department)s into %(successors)s") % {
        "department": step.department.name,
        "successors": ", ".join(d.name for d, _f in step.successors),
    }


def _check(step: Step) -> None:
    if isinstance(step, MergeUnits):
        if not step.sources:
            raise ValidationError(_("Choose at least one unit to merge."))
        for source in step.sources:
            if source.pk == step.target.pk:
                raise ValidationError(_("A unit cannot be merged into itself."))
            if step.target.is_within(source):
                raise ValidationError(_("A unit cannot be merged into a unit below it."))
        if not step.target.is_active:
            raise ValidationError(_("%(unit)s is no longer active.") % {"unit": step.target})
    elif isinstance(step, ReparentUnits):
        for unit in step.units:
            if step.parent.is_within(unit):
                raise ValidationError(_("A unit cannot be moved under its own subtree."))
        if not step.parent.is_active:
            raise ValidationError(_("%(unit)s is no longer active.") % {"unit": step.parent})
    else:
        successors = [d for d, _f in step.successors]
        if not successors:
            raise ValidationError(_("Choose at least one successor department."))
        if step.department in successors:
            raise ValidationError(_("A department cannot succeed itself."))
        if step.open_work_to not in successors:
            raise ValidationError(_("Open work must go to one of the successors."))
        for successor in successors:
            if not successor.is_active:
                raise ValidationError(_("%(department)s is no longer active.") % {"department": successor})


def _users(**filters):
    from dialogue_portal.accounts.models import User  # same layer; kept local so models import cleanly

    return User.objects.filter(**filters).order_by("username")


def _rebind_users(changes: dict, **filters) -> int:
    """Move the users matching ``filters`` (a queryset update: no signal, so their cached rows are dropped here)."""
    from dialogue_portal.accounts import usercache

    users = _users(**filters)
    ids = list(users.values_list("pk", flat=True))
    usercache.forget(ids)
    return users.update(**changes)


def _own_lines(step: Step) -> list[Line]:
    lines: list[Line] = []
    if isinstance(step, MergeUnits):
        for source in OrgUnit.objects.filter(pk__in=[u.pk for u in step.sources]).order_by("path"):
            if source.successor_id == step.target.pk and not source.is_active:
                continue  # already merged: nothing to do
            lines.append(
                Line("unit", _("%(unit)s closes; successor: %(target)s") % {"unit": source, "target": step.target})
            )
            for child in source.children.filter(is_active=True):
                lines.append(
                    Line("unit", _("%(unit)s moves under %(target)s") % {"unit": child, "target": step.target})
                )
            for user in _users(unit=source):
                lines.append(
                    Line(
                        "user", _("%(user)s is re-bound to %(target)s") % {"user": user.username, "target": step.target}
                    )
                )
    elif isinstance(step, ReparentUnits):
        for unit in OrgUnit.objects.filter(pk__in=[u.pk for u in step.units]).order_by("path"):
            if unit.parent_id != step.parent.pk:
                size = OrgUnit.objects.subtree_of(unit).count()
                lines.append(
                    Line(
                        "unit",
                        _("%(unit)s (%(count)s units) moves under %(parent)s")
                        % {"unit": unit, "count": size, "parent": step.parent},
                    )
                )
    else:
        department = Department.objects.get(pk=step.department.pk)  # as stored now, not as the caller saw it
        if department.is_active:
            lines.append(Line("department", _("%(department)s closes") % {"department": department}))
        for successor, functions in step.successors:
            if not DepartmentSuccession.objects.filter(predecessor=department, successor=successor).exists():
                lines.append(
                    Line(
                        "department",
                        _("%(successor)s takes over: %(functions)s")
                        % {"successor": successor, "functions": functions or "—"},
                    )
                )
        for user in _users(department=department):
            lines.append(
                Line(
                    "user",
                    _("%(user)s is re-bound to %(department)s")
                    % {"user": user.username, "department": step.open_work_to},
                )
            )
    return lines


def preview(steps: list[Step]) -> Preview:
    """Everything the plan will change, step by step; nothing is written."""
    result = Preview()
    for step in steps:
        _check(step)
        lines = _own_lines(step)
        for hook in _HOOKS:
            lines.extend(hook(step, apply=False, actor=None))
        result.steps.append((_title(step), lines))
    return result


@transaction.atomic
def apply(steps: list[Step], *, actor=None) -> Preview:
    """Apply every step, or none: a conflict anywhere (e.g. a petition already assigned to the
    successor) raises ValidationError and rolls everything back. Returns what was done."""
    done = preview(steps)
    if done.conflicts:
        raise ValidationError([line.text for line in done.conflicts])
    for step in steps:
        _apply_own(step, actor)
        for hook in _HOOKS:
            hook(step, apply=True, actor=actor)
    return done


def _record(action, actor, target, details):
    from dialogue_portal.audit.services import record_event

    record_event(action=action, actor=actor, target=target, details=details)


def _apply_own(step: Step, actor) -> None:
    if isinstance(step, MergeUnits):
        target = OrgUnit.objects.get(pk=step.target.pk)
        for source in step.sources:
            source = OrgUnit.objects.get(pk=source.pk)
            if source.successor_id == target.pk and not source.is_active:
                continue
            for child in source.children.filter(is_active=True):
                child.parent = target
                save_unit(unit=child)
            moved = _rebind_users({"unit": target}, unit=source)
            source.successor = target
            source.is_active = False
            source.valid_until = step.effective_on - timedelta(days=1)
            source.save(update_fields=["successor", "is_active", "valid_until"])
            _record(
                "directory.unit_merged",
                actor,
                source,
                {
                    "successor": target.name,
                    "successor_id": target.pk,
                    "users_rebound": moved,
                    "effective_on": str(step.effective_on),
                },
            )
    elif isinstance(step, ReparentUnits):
        for unit in step.units:
            unit = OrgUnit.objects.get(pk=unit.pk)
            if unit.parent_id == step.parent.pk:
                continue
            old = unit.parent.name if unit.parent_id else ""
            unit.parent = step.parent
            save_unit(unit=unit)
            _record("directory.unit_moved", actor, unit, {"from": old, "to": step.parent.name})
    else:
        department = Department.objects.get(pk=step.department.pk)
        for successor, functions in step.successors:
            DepartmentSuccession.objects.update_or_create(
                predecessor=department,
                successor=successor,
                defaults={
                    "functions": functions,
                    "effective_on": step.effective_on,
                    "receives_open_work": successor.pk == step.open_work_to.pk,
                },
            )
        moved = _rebind_users({"department": step.open_work_to}, department=department)
        if department.is_active or moved:
            department.is_active = False
            department.valid_until = department.valid_until or step.effective_on - timedelta(days=1)
            department.save(update_fields=["is_active", "valid_until"])
            _record(
                "directory.department_dissolved",
                actor,
                department,
                {
                    "successors": [d.name for d, _f in step.successors],
                    "open_work_to": step.open_work_to.name,
                    "users_rebound": moved,
                    "effective_on": str(step.effective_on),
                },
            )
