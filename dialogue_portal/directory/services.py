"""Writes for organisation units and reference data."""

from django.db import transaction

from dialogue_portal.text import nfc

from .models import PATH_STEP, Department, OrgUnit, ParticipantGroup, TopicCategory
from .reference import DEPARTMENTS, PARTICIPANT_GROUPS, TOPICS


@transaction.atomic
def save_unit(*, unit: OrgUnit) -> OrgUnit:
    """Save a unit and keep the materialised path of it and its subtree.

    Side effects: when the parent changed, every descendant's path and depth are rewritten.
    """
    unit.normalise()
    old_path = unit.path
    if unit.pk is None:
        unit.path = f"tmp-{id(unit)}"
        unit.save()
    prefix = unit.parent.path if unit.parent_id else ""
    if unit.parent_id and unit.parent.path.startswith(old_path or "\0"):
        raise ValueError("A unit cannot be moved under its own subtree.")
    unit.path = f"{prefix}{unit.pk:0{PATH_STEP}d}."
    unit.depth = unit.path.count(".") - 1
    unit.save()
    if old_path and old_path != unit.path and not old_path.startswith("tmp-"):
        for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.path.count(".") - 1
            child.save(update_fields=["path", "depth"])
    return unit


def ensure_unit(*, code: str, name: str, level: str, parent: OrgUnit | None = None) -> OrgUnit:
    """Get the unit with ``code`` or create it; idempotent for seeding."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        unit = OrgUnit(code=code)
    unit.name, unit.level, unit.parent = nfc(name), level, parent
    return save_unit(unit=unit)


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update the departments, topics and participant groups named in DOMAIN.md.

    Idempotent: rows are matched by code. Returns how many of each exist afterwards.
    """
    for model, rows in ((Department, DEPARTMENTS), (TopicCategory, TOPICS), (ParticipantGroup, PARTICIPANT_GROUPS)):
        for order, row in enumerate(rows, start=1):
            code, name, *extra = row
            defaults = {"name": nfc(name), "sort_order": order}
            if extra:
                defaults["short_name"] = extra[0]
            model.objects.update_or_create(code=code, defaults=defaults)
    return {
        "departments": Department.objects.count(),
        "topics": TopicCategory.objects.count(),
        "participant_groups": ParticipantGroup.objects.count(),
    }
