"""Demo organisation and one user per role, for `manage.py seed_demo`."""

from dialogue_portal.directory.models import Department, UnitLevel
from dialogue_portal.directory.services import ensure_unit, load_reference_data

from .roles import Role
from .services import create_user, sync_roles

DEMO_PASSWORD = "demo-Portal-2024"

UNITS = [
    # code, name, level, parent code
    ("qt", "Hội LHPN tỉnh Quảng Trị", UnitLevel.PROVINCE, None),
    ("gio-linh", "Hội LHPN huyện Gio Linh", UnitLevel.DISTRICT, "qt"),
    ("linh-truong", "Hội LHPN xã Linh Trường", UnitLevel.COMMUNE, "gio-linh"),
    ("linh-truong-ch1", "Chi hội phụ nữ thôn Hà Thượng", UnitLevel.BRANCH, "linh-truong"),
    ("gio-son", "Hội LHPN xã Gio Sơn", UnitLevel.COMMUNE, "gio-linh"),
    ("dakrong", "Hội LHPN huyện Đakrông", UnitLevel.DISTRICT, "qt"),
    ("ta-rut", "Hội LHPN xã Tà Rụt", UnitLevel.COMMUNE, "dakrong"),
    ("ta-rut-ch1", "Chi hội phụ nữ thôn Vùng Kho", UnitLevel.BRANCH, "ta-rut"),
    ("a-ngo", "Hội LHPN xã A Ngo", UnitLevel.COMMUNE, "dakrong"),
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
    """Create units, reference data, roles and demo users; return the login lines to print."""
    load_reference_data()
    sync_roles()
    units = {}
    for code, name, level, parent in UNITS:
        units[code] = ensure_unit(code=code, name=name, level=level, parent=units.get(parent))
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
            unit=units.get(unit),
            department=Department.objects.get(code=dept) if dept else None,
            job_title=title,
        )
        lines.append(f"{username:<12} {DEMO_PASSWORD}  {Role(role).label} {('— ' + full_name) if full_name else ''}")
    context["users"] = users
    return lines
