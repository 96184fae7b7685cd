"""Demo organisation and one user per role, for `manage.py seed_demo`."""

from dialogue_portal.directory.models import Department, OrgUnit, UnitLevel
from dialogue_portal.directory.services import ensure_unit

from .roles import Role
from .services import create_user, sync_roles

DEMO_PASSWORD = "demo-Portal-2024"

# Province, districts and communes come from directory/data (2024 history and today's units).
REFERENCE_UNITS = [
    "qt",
    "gio-linh",
    "linh-truong",
    "gio-son",
    "dakrong",
    "ta-rut",
    "a-ngo",
    "xa-dakrong",
    "xa-gio-linh",
]
BRANCHES = [
    # code, name, parent code (in 2024; the reform moves them under the successor commune)
    ("linh-truong-ch1", "Chi hội phụ nữ thôn Hà Thượng", "linh-truong"),
    ("ta-rut-ch1", "Chi hội phụ nữ thôn Vùng Kho", "ta-rut"),
]

USERS = [
    # username, role, full name, unit code, department code, job title
    ("admin", Role.ADMINISTRATOR, "Quản trị hệ thống", None, None, ""),
    ("canbo", Role.PROVINCE_STAFF, "Nguyễn Thị Hoa", "qt", None, "Chuyên viên Ban Tổ chức"),
    ("gio_linh", Role.BRANCH_LEADER, "Trần Thị Lan", "gio-linh", None, "Chủ tịch Hội LHPN huyện Gio Linh"),
    ("dakrong", Role.BRANCH_LEADER, "Hồ Thị Mai", "dakrong", None, "Chủ tịch Hội LHPN huyện Đakrông"),
    ("so_ldtbxh", Role.DEPARTMENT_REP, "Lê Văn Nam", None, "ldtbxh", "Phó Giám đốc Sở LĐ-TB&XH"),
    ("bhxh", Role.DEPARTMENT_REP, "Phạm Thị Thu", None, "bhxh", "Phó Giám đốc BHXH tỉnh"),
]


def seed(context: dict) -> list[str]:
    """Create the demo branches, roles and demo users; return the login lines to print.

    Users are bound to the unit or department of today: after the reform, its successor.
    """
    sync_roles()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=REFERENCE_UNITS)}
    for code, name, parent in BRANCHES:
        # Made once: a later run must not move a branch back under its former commune.
        units[code] = OrgUnit.objects.filter(code=code).first() or ensure_unit(
            code=code, name=name, level=UnitLevel.BRANCH, parent=units[parent]
        )
    context["units"] = units
    users = {}
    lines = []
    for username, role, full_name, unit, dept, title in USERS:
        users[username] = create_user(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            full_name=full_name,
            email=f"{username}@example.org",
            unit=units[unit].current() if unit else None,
            department=_current_department(dept),
            job_title=title,
        )
        lines.append(f"{username:<12} {DEMO_PASSWORD}  {Role(role).label} {('— ' + full_name) if full_name else ''}")
    context["users"] = users
    return lines


def _current_department(code):
    if not code:
        return None
    department = Department.objects.get(code=code)
    while not department.is_active:  # dissolved: the successor that took its open work
        department = department.successions_out.get(receives_open_work=True).successor
    return department
