"""Choice labels translated once per language and process.

Django's ``get_FOO_display`` builds a dictionary of every choice, translating each label, on every call:
a list of 25 petitions paid for a few hundred translations. Models whose labels show on long lists
define ``get_status_display`` with ``label_of`` instead.
"""

from functools import lru_cache

from django.utils.translation import get_language


@lru_cache(maxsize=128)
def _labels(choices, language):
    return {value: str(label) for value, label in choices.choices}


def labels_of(choices) -> dict:
    """Every label of ``choices`` by value, in the active language: for a page that prints many."""
    return _labels(choices, get_language())


def label_of(choices, value):
    """The label of ``value`` among ``choices`` (a TextChoices class) in the active language; the value if unknown."""
    return _labels(choices, get_language()).get(value, value)
