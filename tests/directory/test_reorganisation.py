"""Reorganisations: units and departments with a history, successors, and what moves with them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogue_portal import policy
from dialogue_portal.accounts.roles import Role
from dialogue_portal.accounts.services import create_user
from dialogue_portal.audit.models import AuditEvent
from dialogue_portal.directory.models import PATH_STEP, Department, DepartmentSuccession, OrgUnit, UnitLevel
from dialogue_portal.directory.reorganisation import DissolveDepartment, MergeUnits, ReparentUnits, apply, preview
from dialogue_portal.directory.services import ensure_unit, load_reference_data
from dialogues.models import DialogueSession, SessionStatus
from petitions import services as petitions
from petitions.models import AnswerMethod, Assignment, Petition
from reports.documents.model import Group, Table
from reports.documents.summary import session_summary

TODAY = datetime.date(2026, 3, 2)


def _snapshot():
    return (
        sorted(
            OrgUnit.objects.values_list(
                "code",
                "name",
                "level",
                "parent__code",
                "path",
                "depth",
                "is_active",
                "valid_from",
                "valid_until",
                "successor__code",
            )
        ),
        sorted(Department.objects.values_list("code", "name", "short_name", "is_active", "valid_from", "valid_until")),
        sorted(
            DepartmentSuccession.objects.values_list(
                "predecessor__code", "successor__code", "functions", "receives_open_work"
            )
        ),
    )


def test_reference_data_loads_into_an_empty_database_twice_to_the_same_rows(db):
    DepartmentSuccession.objects.all().delete()
    OrgUnit.objects.update(successor=None, parent=None)
    OrgUnit.objects.all().delete()
    Department.objects.all().delete()

    first = load_reference_data()
    rows = _snapshot()
    assert load_reference_data() == first
    assert _snapshot() == rows

    province = OrgUnit.objects.get(code="qt")
    units = OrgUnit.objects.subtree_of(province)
    assert not units.filter(level=UnitLevel.DISTRICT, is_active=True).exists()
    assert units.filter(level=UnitLevel.DISTRICT, is_active=False).count() == 2  # Gio Linh, Đakrông: history
    assert OrgUnit.objects.get(code="gio-linh").valid_until == datetime.date(2025, 6, 30)
    assert OrgUnit.objects.get(code="gio-linh").current().code == "xa-gio-linh"
    labour = Department.objects.get(code="ldtbxh")
    assert not labour.is_active
    assert {d.code for d in labour.current()} == {"noi-vu", "y-te", "gd-dt"}
    assert set(Department.objects.filter(is_active=True).values_list("code", flat=True)) == {
        "noi-vu",
        "nn-mt",
        "cong-thuong",
        "gd-dt",
        "y-te",
        "bhxh-khu-vuc",
        "dan-toc-ton-giao",
        "cong-an",
    }


# --- the property: merging and re-parenting keep the tree consistent -------------------------------------


def _check_tree(petition_units: dict[int, int]):
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        expected = (units[unit.parent_id].path if unit.parent_id else "") + f"{unit.pk:0{PATH_STEP}d}."
        assert unit.path == expected
        assert unit.depth == expected.count(".") - 1
    for unit in units.values():
        below = {unit.pk}
        grew = True
        while grew:
            more = {u.pk for u in units.values() if u.parent_id in below} - below
            grew = bool(more)
            below |= more
        assert set(OrgUnit.objects.subtree_of(unit).values_list("pk", flat=True)) == below
    # No petition changed unit.
    assert dict(Petition.objects.values_list("pk", "unit_id")) == petition_units


operations = st.lists(
    st.tuples(st.sampled_from(["merge", "move"]), st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=6
)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(parents=st.lists(st.integers(0, 30), min_size=2, max_size=12), ops=operations)
def test_merging_and_reparenting_keep_paths_depths_and_subtrees_consistent(parents, ops):
    root = ensure_unit(code="h-root", name="Tỉnh", level=UnitLevel.PROVINCE)
    made = [root]
    for i, pick in enumerate(parents):
        made.append(
            ensure_unit(code=f"h-{i}", name=f"Đơn vị {i}", level=UnitLevel.COMMUNE, parent=made[pick % len(made)])
        )
    for i, unit in enumerate(made):
        Petition.objects.create(code=f"H-{i}", year=2024, number=9000 + i, title="t", content="c", unit=unit)
    petition_units = dict(Petition.objects.values_list("pk", "unit_id"))
    _check_tree(petition_units)
    for kind, a, b in ops:
        live = list(OrgUnit.objects.filter(code__startswith="h-", is_active=True).order_by("pk"))
        first, second = live[a % len(live)], live[b % len(live)]
        step = (
            MergeUnits(sources=(first,), target=second, effective_on=TODAY)
            if kind == "merge"
            else ReparentUnits(units=(first,), parent=second)
        )
        try:
            apply([step])
        except ValidationError:
            continue  # into itself or under its own subtree: refused, nothing written
        _check_tree(petition_units)
    OrgUnit.objects.filter(code__startswith="h-").update(successor=None)
    Petition.objects.filter(code__startswith="H-").delete()
    for unit in OrgUnit.objects.filter(code__startswith="h-").order_by("-depth"):
        unit.delete()


# --- dissolving a department ---------------------------------------------------------------------------


@pytest.fixture
def labour_world(units, users):
    """A 2024 dialogue under Gio Linh; Sở LĐ-TB&XH holds two open and one answered assignment."""
    labour = Department.objects.get(code="ldtbxh")
    Department.objects.filter(pk=labour.pk).update(is_active=True, valid_until=None)  # back to 2024
    labour.refresh_from_db()
    DepartmentSuccession.objects.filter(predecessor=labour).delete()
    rep = create_user(
        username="rep_labour",
        password="Test-pass-2024!",
        role=Role.DEPARTMENT_REP,
        department=labour,
        email="l@example.org",
    )
    start = datetime.datetime(2024, 11, 21, 8, tzinfo=datetime.UTC)
    session = DialogueSession.objects.create(
        title="Đối thoại 2024",
        host_unit=units["a"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        status=SessionStatus.HELD,
    )
    due = timezone.localdate() + datetime.timedelta(days=12)
    made = []
    for title in ("Vay vốn", "Đào tạo nghề", "Xuất khẩu lao động"):
        petition = petitions.submit_petition(
            actor=users["leader_a"], unit=units["a1"], title=title, content=title, session=session
        )
        petitions.assign_petition(petition=petition, actor=users["staff"], routes=[(labour, due)])
        made.append(petition)
    answered = made[2].assignments.get()
    petitions.answer_assignment(assignment=answered, actor=rep, text="Sở đã trả lời.", method=AnswerMethod.IN_WRITING)
    return {"labour": labour, "rep": rep, "session": session, "petitions": made, "answered": answered, "due": due}


def _dissolve(world):
    successors = (
        (Department.objects.get(code="noi-vu"), "lao động, việc làm"),
        (Department.objects.get(code="gd-dt"), "giáo dục nghề nghiệp"),
    )
    return DissolveDepartment(
        department=world["labour"], successors=successors, open_work_to=successors[0][0], effective_on=TODAY
    )


def test_preview_lists_everything_and_writes_nothing(labour_world):
    result = preview([_dissolve(labour_world)])
    counts = result.counts()
    assert counts["assignment"] == 2 and counts["user"] == 1
    texts = "\n".join(line.text for _title, lines in result.steps for line in lines)
    assert labour_world["petitions"][0].code in texts and "rep_labour" in texts
    assert Assignment.objects.filter(department=labour_world["labour"], status="pending").count() == 2
    assert Department.objects.get(code="ldtbxh").is_active


def test_dissolving_a_department_moves_open_work_and_keeps_answered_work(labour_world, client):
    world = labour_world
    apply([_dissolve(world)])
    home_affairs = Department.objects.get(code="noi-vu")
    for petition in world["petitions"][:2]:
        assignment = petition.assignments.get()
        assert (assignment.department, assignment.due_date, assignment.status) == (
            home_affairs,
            world["due"],
            "pending",
        )
        assert AuditEvent.objects.filter(action="petitions.assignment_moved", target_id=str(assignment.pk)).exists()
    answered = Assignment.objects.get(pk=world["answered"].pk)
    assert answered.department == world["labour"]
    labour = Department.objects.get(pk=world["labour"].pk)
    assert not labour.is_active and labour.valid_until == TODAY - datetime.timedelta(days=1)
    assert set(DepartmentSuccession.objects.filter(predecessor=labour).values_list("successor__code", flat=True)) == {
        "noi-vu",
        "gd-dt",
    }
    # The old department's representative is re-bound and can no longer answer for it.
    rep = type(world["rep"]).objects.get(pk=world["rep"].pk)
    assert rep.department == home_affairs
    assert not policy.may_answer(rep, answered)
    # Applying again moves nothing more.
    assert preview([_dissolve(world)]).counts() == {"history": 1}


def test_a_conflict_rolls_the_whole_reorganisation_back(labour_world, users):
    world = labour_world
    petitions.assign_petition(
        petition=world["petitions"][0],
        actor=users["staff"],
        routes=[(Department.objects.get(code="noi-vu"), world["due"])],
    )
    with pytest.raises(ValidationError):
        apply([_dissolve(world)])
    assert Department.objects.get(code="ldtbxh").is_active
    assert Assignment.objects.filter(department=world["labour"], status="pending").count() == 2


def test_a_2024_summary_keeps_2024_names_while_the_list_shows_current_ones(labour_world, units, client_for):
    world = labour_world
    commune = ensure_unit(code="xa-moi", name="Hội LHPN xã Cồn Tiên", level=UnitLevel.COMMUNE, parent=units["qt"])
    apply([_dissolve(world), MergeUnits(sources=(units["a1"], units["a"]), target=commune, effective_on=TODAY)])

    document = session_summary(
        session=DialogueSession.objects.get(pk=world["session"].pk), viewer=policy.Scope(everything=True)
    )
    text = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                text.extend(" | ".join(row) for row in block.rows if not isinstance(row, Group))
            else:
                text.append(block.text)
    text = "\n".join(text)
    # The petitions keep the unit of their time; the answered one keeps the department that answered it
    # (the open ones now wait at the successor, Sở Nội vụ).
    assert "Hội LHPN xã Linh Trường" in text
    assert "Hội LHPN xã Cồn Tiên" not in text
    assert "Sở Lao động – Thương binh và Xã hội: Sở đã trả lời." in text

    html = client_for("staff").get(reverse("petitions:list")).content.decode()
    assert "Hội LHPN xã Cồn Tiên" in html
    assert "Sở Nội vụ" in html
    detail = client_for("staff").get(reverse("petitions:detail", args=[world["petitions"][2].pk])).content.decode()
    assert "Hội LHPN xã Linh Trường" in detail  # as the former name


def test_the_successor_units_leader_sees_the_merged_units_history_read_only(labour_world, units, users, client_for):
    world = labour_world
    commune = ensure_unit(code="xa-moi", name="Hội LHPN xã Cồn Tiên", level=UnitLevel.COMMUNE, parent=units["qt"])
    newcomer = create_user(
        username="leader_new", password="Test-pass-2024!", role=Role.BRANCH_LEADER, unit=commune, email="n@example.org"
    )
    assert not Petition.objects.visible_to(newcomer).exists()
    apply([MergeUnits(sources=(units["a"],), target=commune, effective_on=TODAY)])
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)

    scope = policy.scope_of(newcomer)
    assert scope.history_paths == (units["a"].path,)
    assert policy.Scope.from_dict(scope.as_dict()) == scope
    assert scope.covers(policy.Scope.from_dict(scope.as_dict()))
    assert not policy.Scope(unit_path=commune.path).covers(scope)
    assert set(Petition.objects.visible_to(newcomer)) == set(world["petitions"])
    assert DialogueSession.objects.visible_to(newcomer).filter(pk=world["session"].pk).exists()
    # The former leader of Gio Linh is now bound to the successor and sees the same, through it.
    former = type(users["leader_a"]).objects.get(pk=users["leader_a"].pk)
    assert former.unit == commune
    assert set(Petition.objects.visible_to(former)) == set(world["petitions"])
    # Read-only: no unit of the history can be picked for a new petition, and the session cannot be managed.
    assert not OrgUnit.objects.visible_to(newcomer).filter(pk=units["a"].pk).exists()
    assert OrgUnit.objects.get(pk=units["a1"].pk).parent == commune  # a live child moved with the merge
    assert not policy.may_manage_session(newcomer, world["session"])
    page = client_for("leader_b").get(reverse("petitions:detail", args=[world["petitions"][0].pk]))
    assert page.status_code == 404


def test_command_previews_by_default_and_applies_on_request(labour_world, capsys):
    call_command("reorganise", "dissolve-department", "ldtbxh", "--into", "noi-vu", "gd-dt", "--open-work-to", "noi-vu")
    out = capsys.readouterr().out
    assert labour_world["petitions"][0].code in out and "--apply" in out
    assert Department.objects.get(code="ldtbxh").is_active
    call_command(
        "reorganise",
        "dissolve-department",
        "ldtbxh",
        "--into",
        "noi-vu",
        "gd-dt",
        "--open-work-to",
        "noi-vu",
        "--apply",
    )
    assert not Department.objects.get(code="ldtbxh").is_active
    assert not Assignment.objects.filter(department__code="ldtbxh", status="pending").exists()


def test_admin_action_previews_then_applies_for_an_administrator_only(labour_world, client_for, client):
    url = reverse("admin:directory_department_changelist")
    labour = labour_world["labour"]
    home_affairs, training = Department.objects.get(code="noi-vu"), Department.objects.get(code="gd-dt")
    data = {
        "action": "dissolve",
        "_selected_action": [labour.pk],
        "successors": [home_affairs.pk, training.pk],
        "open_work_to": home_affairs.pk,
        "effective_on": "2026-03-02",
        "reorganise": "preview",
    }
    staff_page = client_for("staff").post(url, data, follow=True)
    assert "Preview" not in staff_page.content.decode() and Department.objects.get(pk=labour.pk).is_active
    admin = client_for("admin")
    page = admin.post(url, data).content.decode()
    assert labour_world["petitions"][0].code in page and Department.objects.get(pk=labour.pk).is_active
    admin.post(url, {**data, "reorganise": "apply"})
    assert not Department.objects.get(pk=labour.pk).is_active
    assert labour_world["petitions"][0].assignments.get().department == home_affairs


def test_dashboard_counts_under_todays_structure_or_as_at_the_time(labour_world, users):
    from reports.selectors import dashboard

    apply([_dissolve(labour_world)])
    year = timezone.localdate().year
    current = {row[1]: row[2] for row in dashboard(user=users["staff"], year=year)["departments"]}
    as_at = {row[1]: row[2] for row in dashboard(user=users["staff"], year=year, structure="as_at")["departments"]}
    assert current == {"Sở Nội vụ": 3}
    assert as_at == {"Sở Nội vụ": 2, "Sở Lao động – Thương binh và Xã hội": 1}
