"""Version stamps for what the cache keeps: a key that holds a stamp never serves data older than the stamp.

- ``STATS``, for cached figures and menus: bumped when petitions, assignments, answers, sessions, units,
  departments or topics change (reports/signals.py bumps it on every save and delete of those models).
- ``WRITES``, for rendered pages: moved by every write to the portal's tables, whatever makes it
  (dialogue_portal/writes.py watches the SQL itself, so a queryset ``update`` or raw SQL moves it too).
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.dispatch import Signal

# Read once per request: a list page asked for the stamp four times, a round trip to Redis each. Outside a
# request (Celery, commands) nothing is kept.
_this_request: ContextVar[dict | None] = ContextVar("stamps_this_request", default=None)


def _request_started(**kwargs):
    _this_request.set({})


def _request_finished(**kwargs):
    _this_request.set(None)


request_started.connect(_request_started, dispatch_uid="datastamp-request-started")
request_finished.connect(_request_finished, dispatch_uid="datastamp-request-finished")


class Stamp:
    def __init__(self, key: str):
        self.key = key

    def value(self) -> int:
        kept = _this_request.get()
        if kept and self.key in kept:
            return kept[self.key]
        version = cache.get(self.key)
        if version is None:
            # Never restart at a number an evicted stamp may have used.
            version = int(time.time() * 1000)
            cache.add(self.key, version, None)
            version = cache.get(self.key, version)
        if kept is not None:
            kept[self.key] = version
        return version

    def bump(self) -> None:
        """Invalidate everything kept under this stamp (one cache write)."""
        kept = _this_request.get()
        if kept:
            kept.pop(self.key, None)  # this request's own writes show on what it renders next
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, int(time.time() * 1000), None)


STATS = Stamp("reports:stats-version")
WRITES = Stamp("portal:writes-version")
KEYS = (STATS.key, WRITES.key)
VERSION_KEY = STATS.key


def stats_version() -> int:
    return STATS.value()


def bump_stats_version() -> None:
    STATS.bump()


def prime(found: dict) -> None:
    """Keep the stamps in ``found`` (read from the cache with something else this request needed) as this
    request's, unless the request has read or moved them itself."""
    kept = _this_request.get()
    if kept is None:
        return
    for key in KEYS:
        if found.get(key) is not None and key not in kept:
            kept[key] = found[key]


# Sent when the database was replaced under the portal (a restore, which no SQL watcher sees): whatever keeps
# versions of its own (petitions/pagecache.py) moves them.
data_replaced = Signal()


def everything_changed() -> None:
    """The whole database changed at once: every stamp moves and every keeper of versions is told."""
    STATS.bump()
    WRITES.bump()
    data_replaced.send(sender=None)
