"""A list's row links from one reversed URL.

A list of 50 rows reversed the same URL pattern 50 times; ``row_url`` reverses it once, with a stand-in
for the row's key, and puts each row's key in its place.
"""

from django.urls import reverse

ROW = object()  # where the row's key goes among a URL's arguments (last when not given)
_SLOT = "987654321"


def row_url(name: str, *args, current_app=None):
    """``row_url("petitions:detail")(42)`` → "/petitions/42/"; ``row_url(name, session.pk, ROW, "up")``."""
    if ROW not in args:
        args = (*args, ROW)
    url = reverse(name, args=[_SLOT if arg is ROW else arg for arg in args], current_app=current_app)
    head, _, tail = url.partition(_SLOT)
    return lambda key: f"{head}{key}{tail}"
