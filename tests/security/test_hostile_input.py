"""Random hostile values posted to every form of the project: never a 500, never a half-saved change,
and whatever is saved is NFC text. Runs with a fixed seed and a bounded number of examples."""

import io
import json
import re
import unicodedata
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogues.models import AgendaItem, DialogueSession, Recommendation, SessionOpinion
from petitions.models import Answer, Attachment, Petition

from .test_access_matrix import snapshot

EXAMPLES = 15
SUCCESS = (301, 302, 303)

# What people paste, and what attackers send.
NASTY = [
    "",
    " ",
    "\x00",
    "Kiến\x00nghị",
    "\x07\x1b[31m\x7f",
    "e\u0301" * 40,  # decomposed accents
    "Tie\u0302\u0301ng Vie\u0323\u0302t",
    "\u202eمرحبا بالعالم\u202c",
    "שלום",
    "😀👩‍👩‍👧‍👦🇻🇳" * 20,
    "x" * 20_000,
    "-1",
    "0",
    "1e308",
    "NaN",
    "99999999999999999999999",
    "-9223372036854775809",
    "31/02/2024",
    "2024-13-45",
    "29/02/2023 25:61",
    "00/00/0000 00:00",
    "9999-12-31T23:59:59",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example","x")',
    "../../etc/passwd",
]
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def forged_ids(world) -> list[str]:
    """Ids of objects out of A's and X's scope, and ids of nothing."""
    return [
        str(world.petition_b.pk),
        str(world.session_b.pk),
        str(world.units["b1"].pk),
        str(world.departments["y"].pk),
        "999999",
        "-1",
    ]


FIELD = re.compile(r'<(input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)
VALUE_ATTR = re.compile(r'\bvalue="([^"]*)"')


def form_fields(html: str) -> dict[str, str]:
    """The fields of the page's forms with their current values (a baseline a user would send back)."""
    fields = {}
    for match in FIELD.finditer(html):
        kind, name = match.groups()
        if name == "csrfmiddlewaretoken":
            continue
        value = VALUE_ATTR.search(match.group(0)) if kind == "input" else None
        fields.setdefault(name, value.group(1) if value else "")
    return fields


# URL name, URL arguments (from the world), the role that uses the form, the page its fields come from.
FORMS = [
    ("dialogues:create", lambda w: [], "leader_a", None),
    ("dialogues:edit", lambda w: [w.session.pk], "leader_a", None),
    ("dialogues:transition", lambda w: [w.session.pk, "postponed"], "leader_a", None),
    ("dialogues:transition", lambda w: [w.session.pk, "cancelled"], "staff", None),
    ("dialogues:agenda_add", lambda w: [w.session.pk], "leader_a", "dialogues:detail"),
    ("dialogues:attendance", lambda w: [w.session.pk], "leader_a", None),
    ("dialogues:minutes", lambda w: [w.session.pk], "leader_a", "dialogues:detail"),
    ("dialogues:recommendation_add", lambda w: [w.session.pk], "leader_a", "dialogues:detail"),
    ("dialogues:recommendation_edit", lambda w: [w.session.pk, w.recommendation.pk], "leader_a", "dialogues:detail"),
    (
        "dialogues:recommendation_follow_up",
        lambda w: [w.session.pk, w.recommendation.pk],
        "leader_a",
        "dialogues:detail",
    ),
    ("dialogues:opinion_add", lambda w: [w.session.pk], "leader_a", "dialogues:detail"),
    ("dialogues:opinion_edit", lambda w: [w.session.pk, w.opinion.pk], "leader_a", "dialogues:detail"),
    ("petitions:create", lambda w: [], "leader_a", None),
    ("petitions:edit", lambda w: [w.petition.pk], "staff", None),
    ("petitions:status", lambda w: [w.petition.pk], "staff", "petitions:detail"),
    ("petitions:assign", lambda w: [w.petition.pk], "staff", None),
    ("petitions:answer", lambda w: [w.petition.pk, w.assignment.pk], "rep_x", None),
    ("petitions:session", lambda w: [w.petition.pk], "staff", None),
    ("petitions:merge", lambda w: [w.petition.pk], "staff", None),
    ("petitions:bulk", lambda w: [], "staff", "petitions:triage"),
    ("reports:export", lambda w: ["petitions"], "leader_a", None),
    ("reports:dashboard", lambda w: [], "staff", None),
    ("reports:send_summary", lambda w: [w.held.pk], "staff", None),
    ("password_change", lambda w: [], "leader_a", None),
    ("login", lambda w: [], "anonymous", None),
]


def _client(world, role):
    client = Client(raise_request_exception=True)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _texts() -> list[str]:
    """Every stored text a form can write."""
    return [
        *Petition.objects.values_list("title", flat=True),
        *Petition.objects.values_list("content", flat=True),
        *Petition.objects.values_list("petitioner_name", flat=True),
        *DialogueSession.objects.values_list("title", flat=True),
        *DialogueSession.objects.values_list("minutes", flat=True),
        *DialogueSession.objects.values_list("venue", flat=True),
        *AgendaItem.objects.values_list("title", flat=True),
        *(text for row in Recommendation.objects.values_list("text", "response_note") for text in row),
        *(text for row in SessionOpinion.objects.values_list("speaker", "text", "answer_text") for text in row),
        *Answer.objects.values_list("text", flat=True),
    ]


POSTED = {"examples": 0, "saved": 0}


def _check(world, response, before):
    POSTED["examples"] += 1
    POSTED["saved"] += snapshot(world) != before
    assert response.status_code < 500
    if response.status_code not in SUCCESS:
        assert snapshot(world) == before
    texts = _texts()
    assert [t for t in texts if unicodedata.normalize("NFC", t) != t or "\x00" in t] == []


@pytest.mark.parametrize(("name", "args", "role", "source"), FORMS, ids=[f"{f[0]}-{f[2]}" for f in FORMS])
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_form_survives_hostile_values(world, db, media, name, args, role, source, data):
    url = reverse(name, args=args(world))
    page = reverse(source, args=[args(world)[0]] if args(world) else []) if source else url
    with transaction.atomic():
        client = _client(world, role)
        baseline = form_fields(client.get(page).content.decode())
        names = sorted(baseline) or ["title"]
        values = st.one_of(VALUE, st.sampled_from(forged_ids(world)))
        changes = data.draw(st.dictionaries(st.sampled_from(names), st.one_of(values, st.lists(values, max_size=3))))
        dropped = data.draw(st.sets(st.sampled_from(names), max_size=3))
        posted = {k: v for k, v in {**baseline, **changes}.items() if k not in dropped}
        before = snapshot(world)

        response = client.post(url, posted)

        _check(world, response, before)
        transaction.set_rollback(True)


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(order=st.one_of(st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none())), st.text(), st.integers()))
def test_agenda_reorder_survives_hostile_json(world, db, media, order):
    with transaction.atomic():
        before = snapshot(world)
        response = _client(world, "leader_a").post(
            reverse("dialogues:agenda_reorder", args=[world.session.pk]),
            json.dumps({"order": order}),
            content_type="application/json",
        )
        assert response.status_code < 500
        if response.status_code != 200:
            assert snapshot(world) == before
        transaction.set_rollback(True)


NAMES = st.sampled_from(
    ["../../etc/passwd.pdf", "a\x00.pdf", "CON.pdf", "😀 biên bản.docx", "x" * 300 + ".png", ".pdf"]
)


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=NAMES, content=st.one_of(st.binary(max_size=300), st.sampled_from([b"%PDF-1.4\n%%EOF\n", b"MZ\x90\x00"])))
def test_attachment_upload_is_checked_by_content_and_renamed(world, db, media, name, content):
    with transaction.atomic():
        before = Attachment.objects.count()
        response = _client(world, "leader_a").post(
            reverse("petitions:attach", args=[world.petition.pk]), {"file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code < 500
        added = list(Attachment.objects.order_by("-pk")[: Attachment.objects.count() - before])
        # Only real PDFs (by their bytes) get in, and never under the name they came with.
        assert all(a.file.read(5) == b"%PDF-" for a in added)
        assert [a for a in added if name.split("/")[-1] in a.file.name] == []
        transaction.set_rollback(True)


def _zip_bomb() -> bytes:
    """A .docx-named zip that inflates to far more than any document (about 250 MB of zeros)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1 << 20)
            for _ in range(250):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_attachment_is_refused(world, db, media):
    before = Attachment.objects.count()
    bomb = SimpleUploadedFile("bien-ban.docx", _zip_bomb())

    response = _client(world, "leader_a").post(reverse("petitions:attach", args=[world.petition.pk]), {"file": bomb})

    assert response.status_code < 500
    assert Attachment.objects.count() == before


def test_spreadsheet_claiming_a_billion_cells_is_refused(world, db, media):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Tiêu đề"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    forged = io.BytesIO()
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb"<dimension ref=\"[^\"]*\"/>", b'<dimension ref="A1:XFD1048576"/>', content)
                assert b"XFD1048576" in content
            archive.writestr(item, content)
    before = Petition.objects.count()

    response = _client(world, "staff").post(
        reverse("petitions:import"), {"file": SimpleUploadedFile("lon.xlsx", forged.getvalue())}
    )

    assert response.status_code == 200
    assert "Tệp có 1048575 dòng" in response.content.decode()
    assert Petition.objects.count() == before
