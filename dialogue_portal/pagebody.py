"""A page's body rendered once per user and kept until the portal's data changes (``datastamp.WRITES``).

The key holds the stamp, which every write to the portal's tables moves (dialogue_portal/writes.py), the
user, the language, the time zone and the day: a user's roles, unit and permissions are rows too, so a
change to them moves the stamp as any other write does. The view still reads the object through its
``visible_to`` scope on every request before asking for the body, so a body is only ever served to a user
who may see the object now, and it was built by the same code, for the same user, from the same data.

Inside a transaction that has written, a body is rendered and neither read nor kept: it would show what
is not committed (and may be rolled back), or miss what the transaction wrote since it moved the stamp.

A deploy starts new keys: the key also holds a stamp of the code, templates and catalogues that render a body.

Forms in the body carry a stand-in for the CSRF token, replaced on the way out by the request's own.
"""

import functools
import hashlib
import os
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import writes
from .datastamp import WRITES

TIMEOUT = 60 * 60


def csrf_stand_in() -> str:
    """64 hex characters (the length of a token; escaping leaves them alone), unguessable without SECRET_KEY:
    text a user typed into the page cannot become a token by being replaced."""
    return salted_hmac("dialogue_portal.pagebody", "csrf").hexdigest()[:64]


@functools.cache
def code_stamp() -> str:
    """The names, sizes and times of the files a body is made from (the portal's Python, templates and
    catalogues): read once per process; a deploy changes them."""
    roots = [config.path for config in apps.get_app_configs() if config.path.startswith(str(settings.BASE_DIR))]
    roots += [os.path.dirname(__file__), *map(str, settings.LOCALE_PATHS)]
    roots += [str(path) for engine in settings.TEMPLATES for path in engine.get("DIRS", [])]
    digest = hashlib.sha256()
    for root in sorted(set(roots)):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and d not in ("migrations", "static"))
            for name in sorted(files):
                if name.endswith((".py", ".html", ".mo")):
                    info = os.stat(os.path.join(folder, name))
                    digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:12]


def key(request, name: str, *parts) -> str:
    """The body's key for this user and request. Taken before the view reads the object: a write committed
    after that read moves the stamp, so what the view read can never sit under a key readers still ask for."""
    values = (name, *parts, WRITES.value(), request.user.pk, get_language(), code_stamp())
    return ":".join(map(str, ("pagebody", *values, timezone.get_current_timezone_name(), timezone.localdate())))


def body(request, cache_key: str, render: Callable[[str], str]) -> SafeString:
    """``render(csrf_token)``'s HTML kept under ``cache_key`` (from ``key``), with this request's token."""
    stand_in = csrf_stand_in()
    if writes.pending(connection):
        html = str(render(stand_in))
    else:
        html = cache.get(cache_key)
        if html is None:
            html = str(render(stand_in))
            cache.set(cache_key, html, TIMEOUT)
    return mark_safe(html.replace(stand_in, get_token(request)))  # noqa: S308 — rendered by our templates
