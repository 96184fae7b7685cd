"""Petitions' part of a reorganisation: open assignments follow a dissolved department to its successor."""

from django.utils.translation import gettext as _

from dialogue_portal.audit.services import record_event
from dialogue_portal.directory.reorganisation import DissolveDepartment, Line, MergeUnits

from .models import Assignment, AssignmentStatus, Petition
from .services import refresh_next_due


def move_open_work(step, *, apply: bool, actor) -> list[Line]:
    """Pending assignments of a dissolved department move to ``step.open_work_to``, due dates unchanged;
    answered ones stay with the department that answered them. Petitions never change unit."""
    if isinstance(step, MergeUnits):
        kept = Petition.objects.filter(unit__in=[u.pk for u in step.sources]).count()
        if apply or not kept:
            return []
        return [Line("history", _("%(count)s petitions stay recorded under the former units") % {"count": kept})]
    if not isinstance(step, DissolveDepartment):
        return []
    lines, moved = [], []
    target = step.open_work_to
    pending = Assignment.objects.filter(department=step.department, status=AssignmentStatus.PENDING)
    taken = set(Assignment.objects.filter(department=target).values_list("petition_id", flat=True))
    for assignment in pending.select_related("petition").order_by("due_date", "pk"):
        petition = assignment.petition
        values = {"code": petition.code, "target": target, "due": f"{assignment.due_date:%d/%m/%Y}"}
        if petition.pk in taken:
            text = _("%(code)s is already assigned to %(target)s: settle it before the reorganisation") % values
            lines.append(Line("assignment", text, conflict=True))
            continue
        lines.append(Line("assignment", _("%(code)s moves to %(target)s, due %(due)s") % values))
        if apply:
            old = assignment.department
            assignment.department = target
            assignment.save(update_fields=["department"])
            moved.append(petition.pk)
            record_event(
                action="petitions.assignment_moved",
                actor=actor,
                target=assignment,
                details={
                    "petition": petition.code,
                    "from": old.name,
                    "to": target.name,
                    "due_date": str(assignment.due_date),
                },
            )
    if moved:
        refresh_next_due(moved)  # a move keeps due dates; every assignment write still goes through the one rule
    if not apply:
        kept = Assignment.objects.filter(department=step.department).exclude(status=AssignmentStatus.PENDING).count()
        if kept:
            lines.append(
                Line(
                    "history",
                    _("%(count)s answered assignments stay with %(department)s")
                    % {"count": kept, "department": step.department},
                )
            )
    return lines
