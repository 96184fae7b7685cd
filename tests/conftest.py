"""Shared fixtures: the demo tree of units, one user per role, and the service gates."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from dialogue_portal.accounts.roles import Role
from dialogue_portal.accounts.services import create_user, sync_roles
from dialogue_portal.directory.models import Department, UnitLevel
from dialogue_portal.directory.services import ensure_unit, load_reference_data

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
PASSWORD = "Test-pass-2024!"


def pytest_configure(config):
    # A fast hasher: the suite creates many users; production keeps PBKDF2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _missing_services() -> set[str]:
    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    office = all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm"))
    absent = {"postgres": not on_postgres, "redis": not settings.REDIS_URL, "libreoffice": not office}
    return {name for name, missing in absent.items() if missing}


def pytest_runtest_setup(item):
    """Skip a test whose service is not configured — or fail it when REQUIRE_SERVICES=1."""
    for service in _missing_services():
        if service in item.keywords:
            if REQUIRE_SERVICES:
                pytest.fail(f"REQUIRE_SERVICES=1 but {service} is not configured")
            pytest.skip(f"{service} is not configured")


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tests run tasks in-process unless a test opts into the real broker."""
    from dialogue_portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load reference data and roles once per test database, not once per test."""
    with django_db_blocker.unblock():
        load_reference_data()
        sync_roles()


@pytest.fixture
def reference(db):
    # Transactional tests flush the database; load again only then.
    if not Group.objects.filter(name=Role.ADMINISTRATOR).exists() or not Department.objects.exists():
        load_reference_data()
        sync_roles()


@pytest.fixture
def units(reference):
    """Province → two districts (A = Gio Linh, B = Đakrông) → communes → branches."""
    made = {}
    for code, name, level, parent in [
        ("qt", "Hội LHPN tỉnh Quảng Trị", UnitLevel.PROVINCE, None),
        ("a", "Hội LHPN huyện Gio Linh", UnitLevel.DISTRICT, "qt"),
        ("a1", "Hội LHPN xã Linh Trường", UnitLevel.COMMUNE, "a"),
        ("a1x", "Chi hội thôn Hà Thượng", UnitLevel.BRANCH, "a1"),
        ("b", "Hội LHPN huyện Đakrông", UnitLevel.DISTRICT, "qt"),
        ("b1", "Hội LHPN xã Tà Rụt", UnitLevel.COMMUNE, "b"),
    ]:
        made[code] = ensure_unit(code=code, name=name, level=level, parent=made.get(parent))
    return made


@pytest.fixture
def departments(reference):
    return {"x": Department.objects.get(code="noi-vu"), "y": Department.objects.get(code="y-te")}


@pytest.fixture
def users(units, departments):
    """One user per role, as the access matrix names them."""
    spec = {
        "leader_a": (Role.BRANCH_LEADER, units["a"], None),
        "leader_b": (Role.BRANCH_LEADER, units["b"], None),
        "rep_x": (Role.DEPARTMENT_REP, None, departments["x"]),
        "rep_y": (Role.DEPARTMENT_REP, None, departments["y"]),
        "staff": (Role.PROVINCE_STAFF, units["qt"], None),
        "admin": (Role.ADMINISTRATOR, None, None),
    }
    return {
        name: create_user(
            username=name,
            password=PASSWORD,
            role=role,
            full_name=name.title(),
            email=f"{name}@example.org",
            unit=unit,
            department=dept,
        )
        for name, (role, unit, dept) in spec.items()
    }


@pytest.fixture
def client_for(client, users):
    """``client_for("staff")`` returns a client logged in as that role's user."""
    from django.test import Client

    def make(name):
        if name == "anonymous":
            return Client()
        c = Client()
        c.force_login(users[name])
        # One page with the site's layout first, so the idle-timeout stamp is set and counted pages measure only
        # themselves.
        c.get("/accounts/password/")
        return c

    return make
