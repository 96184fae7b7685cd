"""The calendar's month written in Python prints what the template's filters printed."""

import unicodedata

from django.template.defaultfilters import truncatechars
from hypothesis import given
from hypothesis import strategies as st

from dialogues.month import shorten


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ĐƯƠ-—", max_size=80), st.integers(2, 60))
def test_shorten_is_truncatechars_for_the_portals_text(text, length):
    text = unicodedata.normalize("NFC", text)
    assert shorten(text, length) == truncatechars(text, length)
