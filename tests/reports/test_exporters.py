import csv
import io

import openpyxl
import pytest

from petitions.models import PetitionKind, PetitionStatus
from reports.exporters import PetitionListExporter, safe_text
from reports.scope import scope_of

from .conftest import assign, make_petition


@pytest.fixture
def petitions(units, topics, departments):
    made = [
        make_petition(unit=units["a1"], title="Vay vốn khởi nghiệp cho phụ nữ", topics=[topics[0]]),
        make_petition(unit=units["a"], title='=HYPERLINK("http://evil")', topics=[topics[1]]),
        make_petition(unit=units["b1"], title="Đào tạo nghề", topics=[topics[0]], kind=PetitionKind.QUESTION),
        make_petition(unit=units["a1x"], title="+84 905 000 000", status=PetitionStatus.ANSWERED),
    ]
    assign(made[0], departments["x"], answer="Sở sẽ hỗ trợ vay vốn")
    return made


def _xlsx_rows(path):
    """The header and data rows (row 1 is the title stating the parameters)."""
    sheet = openpyxl.load_workbook(path).active
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]


def test_petition_xlsx_matches_filtered_list_row_for_row(users, topics, petitions, tmp_path):
    exporter = PetitionListExporter(parameters={"topic": topics[0].pk}, scope=scope_of(users["staff"]))
    path = tmp_path / "out.xlsx"

    written = exporter.write("xlsx", str(path), lambda done, total: None)

    rows = _xlsx_rows(path)
    expected = exporter.queryset()
    assert written == 2
    assert [row[0] for row in rows[1:]] == [p.code for p in expected]
    assert sorted(row[2] for row in rows[1:]) == ["Vay vốn khởi nghiệp cho phụ nữ", "Đào tạo nghề"]


def test_petition_xlsx_for_leader_holds_only_their_subtree(users, petitions, tmp_path):
    exporter = PetitionListExporter(parameters={}, scope=scope_of(users["leader_a"]))
    path = tmp_path / "out.xlsx"

    exporter.write("xlsx", str(path), lambda done, total: None)

    codes = {row[0] for row in _xlsx_rows(path)[1:]}
    assert codes == {petitions[0].code, petitions[1].code, petitions[3].code}


def test_formula_looking_cell_stays_text_in_xlsx(users, petitions, tmp_path):
    path = tmp_path / "out.xlsx"
    PetitionListExporter(parameters={}, scope=scope_of(users["staff"])).write("xlsx", str(path), lambda d, t: None)

    sheet = openpyxl.load_workbook(path).active
    titles = {row[2].value: row[2] for row in sheet.iter_rows(min_row=3)}
    cell = titles['=HYPERLINK("http://evil")']
    assert cell.data_type == "s"
    assert titles["+84 905 000 000"].data_type == "s"


def test_csv_has_bom_and_neutralises_formulas(users, petitions, tmp_path):
    path = tmp_path / "out.csv"
    PetitionListExporter(parameters={}, scope=scope_of(users["staff"])).write("csv", str(path), lambda d, t: None)

    raw = path.read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    titles = {row[2] for row in rows[1:]}
    assert raw.startswith(b"\xef\xbb\xbf")
    assert '\'=HYPERLINK("http://evil")' in titles
    assert "'+84 905 000 000" in titles
    assert "Vay vốn khởi nghiệp cho phụ nữ" in titles


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_text_prefixes_formula_starts(text):
    assert safe_text(text) == "'" + text


def test_petition_export_filters_like_the_list(users, departments, petitions, tmp_path):
    exporter = PetitionListExporter(
        parameters={"department": departments["x"].pk, "q": "vay von"}, scope=scope_of(users["staff"])
    )
    assert list(exporter.queryset()) == [petitions[0]]
