"""The demo's organisation history, for `manage.py seed_demo`: the 2024 structure first, then the 2025 reform.

The first run replays time: it opens the 2024 units and departments again so the 2024 sessions and
petitions are made under them by the ordinary services, and ``apply_reform`` then applies the 2025
reorganisation of the data files through the reorganisation service (open work moves, users are
re-bound, audit rows written). Later runs find the reform applied and leave it as it is.
"""

from .models import Department, DepartmentSuccession, OrgUnit
from .services import load_reference_data, read_rows

FIRST_RUN_MARKER = "linh-truong-ch1"  # a demo branch made on the first run


def before_reform(context: dict) -> list[str]:
    first_run = not OrgUnit.objects.filter(code=FIRST_RUN_MARKER).exists()
    context["first_run"] = first_run
    if not first_run:
        load_reference_data()
        return []
    load_reference_data(reorganise=False)
    closed_units = [r["code"] for r in read_rows("units.csv") if r["valid_until"]]
    closed_departments = [r["code"] for r in read_rows("departments.csv") if r["valid_until"]]
    DepartmentSuccession.objects.filter(predecessor__code__in=closed_departments).delete()
    OrgUnit.objects.filter(code__in=closed_units).update(is_active=True, valid_until=None, successor=None)
    Department.objects.filter(code__in=closed_departments).update(is_active=True, valid_until=None)
    return []


def apply_reform(context: dict) -> list[str]:
    """Apply the 2025 reorganisation (a no-op once applied) as the demo administrator."""
    from .reorganisation import apply
    from .services import reference_reorganisation

    done = apply(reference_reorganisation(), actor=context["users"]["admin"])
    return [] if not context.get("first_run") else [f"(reorganisation 2025 applied: {done.counts()})"]
