"""The policy layer: roles are read in one module, choices come from ``visible_to``, and every cell of
the workflow tables is accepted by the services exactly when the table says so."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dialogue_portal.accounts.roles import Role
from dialogue_portal.accounts.services import create_user
from dialogue_portal.directory.models import Department, UnitLevel
from dialogue_portal.directory.services import ensure_unit
from dialogue_portal.policy import DEPARTMENT, DEPARTMENT_ALONE, LEADER, STAFF
from dialogues import services as session_services
from dialogues.models import DialogueSession, SessionStatus
from dialogues.workflow import WORKFLOW
from petitions import services as petition_services
from petitions.models import Assignment, AssignmentStatus, Petition, PetitionStatus
from petitions.workflow import TRANSITIONS

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["dialogue_portal", "dialogues", "petitions", "reports", "public", "templates"]
ROLE_PREDICATE = re.compile(
    r"\.(is_province_staff|is_branch_leader|is_department_rep|is_administrator|has_role)\b"
    r"|\bpolicy\.is_(staff|leader|department|administrator)\b"
    r"|\b(is_staff_role|is_branch_leader|is_department_rep)\b"
    r"|groups__name\s*=\s*Role\."
)
# The policy module reads the roles; the user model defines them.
ROLE_HOMES = {"dialogue_portal/policy.py", "dialogue_portal/accounts/models.py"}


def source_files(*suffixes):
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in suffixes and "migrations" not in path.parts and "locale" not in path.parts:
                yield path, path.relative_to(ROOT).as_posix()


def test_roles_are_read_only_in_the_policy_module():
    found = [
        f"{name}:{number}: {line.strip()}"
        for path, name in source_files(".py", ".html", ".txt")
        if name not in ROLE_HOMES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROLE_PREDICATE.search(line)
    ]
    assert found == []


SCOPED = r"(OrgUnit|DialogueSession|Petition|Assignment|Invitation|Answer|Attachment|Transmittal|ExportJob|User)"


def test_no_form_or_filter_offers_every_row_of_a_scoped_model():
    unscoped = re.compile(SCOPED + r"\.objects\.all\(\)")
    found = [
        f"{name}:{number}: {line.strip()}"
        for path, name in source_files(".py")
        if path.name in ("forms.py", "filters.py", "importer.py") or "exporters" in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unscoped.search(line)
    ]
    assert found == []


# --- the workflow tables, cell by cell ---------------------------------------------------------------


@pytest.fixture
def cast(db):
    province = ensure_unit(code="p", name="Hội LHPN tỉnh", level=UnitLevel.PROVINCE, parent=None)
    unit_a = ensure_unit(code="a", name="Hội LHPN xã A", level=UnitLevel.COMMUNE, parent=province)
    unit_b = ensure_unit(code="b", name="Hội LHPN xã B", level=UnitLevel.COMMUNE, parent=province)
    x, y, z = Department.objects.order_by("pk")[:3]

    def user(name, role, unit=None, department=None):
        return create_user(
            username=name, password="Test-pass-2024!", role=role, full_name=name, unit=unit, department=department
        )

    return {
        "units": (unit_a, unit_b),
        "departments": (x, y, z),
        "staff": user("staff", Role.PROVINCE_STAFF, province),
        "leader_a": user("leader_a", Role.BRANCH_LEADER, unit_a),
        "leader_b": user("leader_b", Role.BRANCH_LEADER, unit_b),
        "rep_x": user("rep_x", Role.DEPARTMENT_REP, department=x),
        "rep_z": user("rep_z", Role.DEPARTMENT_REP, department=z),
    }


def _petition(cast, status, *, y_pending: bool):
    """A petition of unit A assigned to X (answered) and Y (pending or answered), put in ``status``."""
    unit_a = cast["units"][0]
    x, y, _z = cast["departments"]
    petition = petition_services.submit_petition(
        actor=cast["leader_a"], unit=unit_a, title="Vay vốn", content="Chị em cần vay vốn."
    )
    due = timezone.localdate() + datetime.timedelta(days=10)
    Assignment.objects.create(petition=petition, department=x, due_date=due, status=AssignmentStatus.ANSWERED)
    Assignment.objects.create(
        petition=petition,
        department=y,
        due_date=due,
        status=AssignmentStatus.PENDING if y_pending else AssignmentStatus.ANSWERED,
    )
    fields = {"status": status}
    if status == PetitionStatus.MERGED:
        fields["merged_into"] = Petition.objects.exclude(pk=petition.pk).first()
    Petition.objects.filter(pk=petition.pk).update(**fields)
    petition.refresh_from_db()
    return petition


# Who each actor is towards the petition, written out by hand (not computed by the policy).
PETITION_ACTORS = {
    ("staff", True): {STAFF},
    ("leader_a", True): {LEADER},
    ("leader_b", True): set(),
    ("rep_x", True): {DEPARTMENT},  # Y still owes an answer
    ("rep_x", False): {DEPARTMENT, DEPARTMENT_ALONE},  # X is the only one left
    ("rep_z", True): set(),  # not assigned
}
PETITION_STATES = [s for s in PetitionStatus.values if s != PetitionStatus.DRAFT]


def _attempt(move) -> bool:
    try:
        with transaction.atomic():
            move()
            transaction.set_rollback(True)
    except (PermissionDenied, ValidationError):
        return False
    return True


@pytest.mark.parametrize("from_status", PETITION_STATES)
def test_petition_service_accepts_exactly_the_table(cast, from_status):
    other = petition_services.submit_petition(
        actor=cast["leader_a"], unit=cast["units"][0], title="Trùng", content="Một ý kiến trùng."
    )
    seen, wanted = {}, {}
    for (actor, y_pending), roles in PETITION_ACTORS.items():
        petition = _petition(cast, from_status, y_pending=y_pending)
        for to_status in PetitionStatus.values:
            cell = (actor, y_pending, to_status)
            wanted[cell] = bool(TRANSITIONS.get(from_status, {}).get(to_status, frozenset()) & roles)
            seen[cell] = _attempt(
                lambda petition=petition, to_status=to_status, actor=actor: petition_services.transition(
                    petition=petition,
                    to_status=to_status,
                    actor=cast[actor],
                    note="Lý do",
                    merged_into=other,
                    forwarded_authority="Bộ Tài chính",
                )
            )
    assert seen == wanted


def test_a_department_cannot_resolve_while_another_still_owes_an_answer(cast):
    petition = _petition(cast, PetitionStatus.ASSIGNED, y_pending=True)
    with pytest.raises(PermissionDenied):
        petition_services.transition(petition=petition, to_status=PetitionStatus.RESOLVED, actor=cast["rep_x"])
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ASSIGNED


SESSION_ACTORS = {"staff": {STAFF}, "leader_a": {LEADER}, "leader_b": set(), "rep_x": set(), "rep_z": set()}


@pytest.mark.parametrize("from_status", SessionStatus.values)
def test_session_service_accepts_exactly_the_table(cast, from_status):
    # Begun an hour ago: it may be marked held, and postponed to a later date.
    start = timezone.now() - datetime.timedelta(hours=1)
    session = DialogueSession.objects.create(
        title="Đối thoại", host_unit=cast["units"][0], starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    session.invitations.create(department=cast["departments"][0])
    DialogueSession.objects.filter(pk=session.pk).update(status=from_status)
    session.refresh_from_db()
    seen, wanted = {}, {}
    for actor, roles in SESSION_ACTORS.items():
        for to_status in SessionStatus.values:
            wanted[(actor, to_status)] = bool(WORKFLOW.get(from_status, {}).get(to_status, frozenset()) & roles)
            seen[(actor, to_status)] = _attempt(
                lambda actor=actor, to_status=to_status: session_services.transition(
                    session=session,
                    to_status=to_status,
                    actor=cast[actor],
                    note="Lý do",
                    starts_at=start + datetime.timedelta(days=30),
                    ends_at=start + datetime.timedelta(days=30, hours=2),
                )
            )
    assert seen == wanted


@pytest.mark.parametrize("actor", ["staff", "leader_a"])
def test_summary_sent_is_reached_only_through_a_transmittal(cast, actor):
    start = timezone.now() - datetime.timedelta(days=3)
    session = DialogueSession.objects.create(
        title="Đã họp",
        host_unit=cast["units"][0],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status=SessionStatus.HELD,
    )
    with pytest.raises(PermissionDenied):
        session_services.transition(session=session, to_status=SessionStatus.SUMMARY_SENT, actor=cast[actor])
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
