from dialogue_portal.directory.models import OrgUnit, UnitLevel
from dialogue_portal.directory.services import ensure_unit, load_reference_data, save_unit


def test_subtree_of_district_is_one_query(units, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = {u.code for u in OrgUnit.objects.subtree_of(units["a"])}
    assert names == {"a", "a1", "a1x"}


def test_moving_a_unit_moves_its_subtree(units):
    # The 2025 reform: communes hang straight under the province.
    commune = units["a1"]
    commune.parent = units["qt"]
    save_unit(unit=commune)
    assert {u.code for u in OrgUnit.objects.subtree_of(units["qt"])} >= {"a1", "a1x"}
    assert {u.code for u in OrgUnit.objects.subtree_of(units["a"])} == {"a"}
    assert OrgUnit.objects.get(code="a1x").depth == 2


def test_tree_accepts_any_depth(units):
    parent = units["a1x"]
    for i in range(6):
        parent = ensure_unit(code=f"deep{i}", name=f"Tổ {i}", level=UnitLevel.BRANCH, parent=parent)
    assert parent.depth == 9
    assert parent.is_within(units["a"])


def test_unit_name_is_nfc_normalised_and_folded(units):
    unit = ensure_unit(code="nfd", name="Đakro\u0302ng", level=UnitLevel.COMMUNE, parent=units["b"])
    assert unit.name == "Đakrông"
    assert unit.name_folded == "dakrong"


def test_reference_data_loads_idempotently(db):
    first = load_reference_data()
    second = load_reference_data()
    assert first == second
    assert first["departments"] == 13  # 2024 departments stay as history beside the current ones
    assert first["topics"] == 12
