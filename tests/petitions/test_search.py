"""Accent- and case-insensitive search, typed precomposed (NFC) or decomposed (NFD), on SQLite and PostgreSQL."""

import unicodedata

import pytest
from django.db import connection

from petitions import selectors
from petitions.models import Petition

CASES = [
    ("vay von", "Hỗ trợ vay vốn khởi nghiệp"),
    ("dakrong", "Nước sạch cho xã vùng cao Đakrông"),
    ("ĐAKRÔNG", "Nước sạch cho xã vùng cao Đakrông"),
    ("tín dụng đen", "Phòng ngừa tín dụng đen"),
]


def _titles(user, text):
    return sorted(selectors.search(Petition.objects.visible_to(user), text).values_list("title", flat=True))


def _search_in_both_forms(make_petition, users):
    for _query, title in CASES:
        if not Petition.objects.filter(title=unicodedata.normalize("NFC", title)).exists():
            # Half the petitions typed decomposed, as some phone keyboards send them.
            typed = unicodedata.normalize("NFD", title) if "Đakrông" in title else title
            make_petition(title=typed, content="Đề nghị xem xét.")
    make_petition(title="Vệ sinh môi trường", content="Đề nghị xem xét.")
    results = {}
    for query, _title in CASES:
        for form in ("NFC", "NFD"):
            results[(query, form)] = _titles(users["staff"], unicodedata.normalize(form, query))
    return results


def _expected():
    return {(query, form): [title] for query, title in CASES for form in ("NFC", "NFD")}


def test_search_is_accent_insensitive(make_petition, users):
    assert _search_in_both_forms(make_petition, users) == _expected()


@pytest.mark.postgres
def test_search_is_accent_insensitive_on_postgresql(make_petition, users):
    assert connection.vendor == "postgresql"
    assert _search_in_both_forms(make_petition, users) == _expected()


@pytest.mark.postgres
def test_search_column_has_a_trigram_index_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'petition_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition


def test_search_finds_the_code_and_petitioner_name(make_petition, users):
    petition = make_petition(petitioner_name="Hồ Thị Xuân")
    assert _titles(users["staff"], petition.code.lower()) == [petition.title]
    assert _titles(users["staff"], "ho thi xuan") == [petition.title]


def test_search_stays_within_what_the_user_may_see(make_petition, users, units):
    make_petition(title="Vay vốn Gio Linh")
    make_petition(title="Vay vốn Đakrông", by="leader_b", unit=units["b1"])
    make_petition(title="Nhà vệ sinh", content="Xây nhà vệ sinh.", by="leader_b", unit=units["b1"])
    assert _titles(users["leader_b"], "vay von") == ["Vay vốn Đakrông"]
