"""A version stamp for cached figures: bumped when petitions, assignments, answers or sessions change.

Cache keys include the stamp, so a cached count is never older than the data behind it
(reports/signals.py bumps it on every save and delete of those models).
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started

VERSION_KEY = "reports:stats-version"

# Read once per request: a list page asked for the stamp four times, a round trip to Redis each. Outside a
# request (Celery, commands) nothing is kept.
_this_request: ContextVar[dict | None] = ContextVar("stats_version_this_request", default=None)


def _request_started(**kwargs):
    _this_request.set({})


def _request_finished(**kwargs):
    _this_request.set(None)


request_started.connect(_request_started, dispatch_uid="datastamp-request-started")
request_finished.connect(_request_finished, dispatch_uid="datastamp-request-finished")


def stats_version() -> int:
    kept = _this_request.get()
    if kept:
        return kept["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        # Never restart at a number an evicted stamp may have used.
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    if kept is not None:
        kept["version"] = version
    return version


def prime(version) -> None:
    """Keep ``version``, read from the cache with something else this request needed, as this request's stamp."""
    kept = _this_request.get()
    if kept is not None and not kept and version is not None:
        kept["version"] = version


def bump_stats_version() -> None:
    """Invalidate every cached figure (one cache write)."""
    kept = _this_request.get()
    if kept:
        kept.clear()  # this request's own writes show on what it renders next
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)
