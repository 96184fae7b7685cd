"""Versions of what a petition's page keeps in the cache (``selectors.petition_page``).

Each petition has a version, moved by every write to it or to its parts (its assignments, answers, files, topics,
status changes, and those of the duplicates merged into it): see petitions/signals.py. Names the parts print
that belong to no petition (departments, topics, users) have one version for all pages. A page's key holds
both, read before the database. A write moves them at once and again when it commits: a page read in between
(the old data under the once-moved key) is never served after the commit.
"""

import time

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 24 * 60 * 60  # a bound on any change that reaches the database without a signal
NAMES = "petitions:page-names"


def _version_key(pk: int) -> str:
    return f"petitions:page-version:{pk}"


def parts_key(pk: int) -> str:
    """The cache key of petition ``pk``'s page parts at the current versions."""
    key = _version_key(pk)
    versions = cache.get_many([key, NAMES])
    fresh = {k: int(time.time() * 1000) for k in (key, NAMES) if k not in versions}
    if fresh:
        # A lost version restarts from the clock, never from a number an evicted one may have used.
        for k, v in fresh.items():
            cache.add(k, v, None)
        versions = cache.get_many([key, NAMES])
    return f"petitions:page:{pk}:{versions.get(key, 0)}:{versions.get(NAMES, 0)}"


def _move(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, int(time.time() * 1000), None)


def petitions_changed(*pks) -> None:
    """The pages of these petitions change (now, and when the current transaction commits)."""
    pks = {pk for pk in pks if pk is not None}

    def move():
        for pk in pks:
            _move(_version_key(pk))

    if pks:
        move()
        transaction.on_commit(move)


def names_changed() -> None:
    """Every page may print a changed name (now, and when the current transaction commits)."""
    _move(NAMES)
    transaction.on_commit(lambda: _move(NAMES))
