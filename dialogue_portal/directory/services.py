"""Writes for organisation units and reference data."""

import csv
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from dialogue_portal.text import nfc

from .models import PATH_STEP, Department, DepartmentSuccession, OrgUnit, ParticipantGroup, TopicCategory

DATA_DIR = Path(__file__).resolve().parent / "data"


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


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of a reference file under directory/data/ (versioned with the code)."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def reference_reorganisation() -> list:
    """The 2025 reorganisation as the data files record it: department dissolutions, then unit merges
    (deepest units first, so a district closes after its communes)."""
    from .reorganisation import DissolveDepartment, MergeUnits

    steps = []
    by_predecessor: dict[str, list[dict]] = {}
    for row in read_rows("department_successions.csv"):
        by_predecessor.setdefault(row["predecessor"], []).append(row)
    for code, rows in by_predecessor.items():
        successors = tuple((Department.objects.get(code=r["successor"]), r["functions"]) for r in rows)
        open_to = next(r["successor"] for r in rows if r["receives_open_work"] == "true")
        steps.append(
            DissolveDepartment(
                department=Department.objects.get(code=code),
                successors=successors,
                open_work_to=Department.objects.get(code=open_to),
                effective_on=min(_day(r["effective_on"]) for r in rows),
            )
        )
    merges = [row for row in read_rows("units.csv") if row["successor"]]
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(code__in=[r["code"] for r in merges] + [r["successor"] for r in merges])
    }
    for row in sorted(merges, key=lambda r: -units[r["code"]].depth):
        steps.append(
            MergeUnits(
                sources=(units[row["code"]],),
                target=units[row["successor"]],
                effective_on=_day(row["valid_until"]) + timedelta(days=1),
            )
        )
    return steps


@transaction.atomic
def load_reference_data(*, reorganise: bool = True) -> dict[str, int]:
    """Create or update the reference data of directory/data/*.csv (working days come from ``workdays``).

    Units and departments of 2024 are kept as history; with ``reorganise`` (the default) the 2025
    reorganisation recorded in the files is applied through the reorganisation service (closing the
    former rows, linking their successors, moving any open work). Idempotent: rows are matched by code,
    and a step already applied does nothing. Returns how many of each exist afterwards.
    """
    for order, row in enumerate(read_rows("departments.csv"), start=1):
        Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": nfc(row["name"]),
                "short_name": row["short_name"],
                "sort_order": order,
                "valid_from": _day(row["valid_from"]),
            },
        )
    for model, name in ((TopicCategory, "topics.csv"), (ParticipantGroup, "participant_groups.csv")):
        for order, row in enumerate(read_rows(name), start=1):
            model.objects.update_or_create(code=row["code"], defaults={"name": nfc(row["name"]), "sort_order": order})
    units: dict[str, OrgUnit] = {}
    for row in read_rows("units.csv"):  # parents come before their children in the file
        unit = ensure_unit(code=row["code"], name=row["name"], level=row["level"], parent=units.get(row["parent"]))
        if unit.valid_from != _day(row["valid_from"]):
            unit.valid_from = _day(row["valid_from"])
            unit.save(update_fields=["valid_from"])
        units[row["code"]] = unit
    if reorganise:
        from .reorganisation import apply

        apply(reference_reorganisation())
    return {
        "units": OrgUnit.objects.count(),
        "departments": Department.objects.count(),
        "department_successions": DepartmentSuccession.objects.count(),
        "topics": TopicCategory.objects.count(),
        "participant_groups": ParticipantGroup.objects.count(),
    }
