import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dialogue_portal.text import fold, nfc


def test_fold_matches_unaccented_typing():
    assert fold("Vay vốn khởi nghiệp") == "vay von khoi nghiep"
    assert fold("ĐAKRÔNG") == "dakrong"


def test_fold_is_the_same_for_nfc_and_nfd():
    text = "Phụ nữ dân tộc thiểu số Đakrông"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


@given(st.text())
def test_nfc_is_idempotent(value):
    assert nfc(nfc(value)) == nfc(value)


def test_nfc_drops_nul_and_control_characters_but_keeps_line_breaks():
    assert nfc("Kiến\x00 nghị\x07\r\n\tmới\x1b") == "Kiến nghị\r\n\tmới"
