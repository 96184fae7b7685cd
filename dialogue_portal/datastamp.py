"""A version stamp for cached figures: bumped when petitions, assignments, answers or sessions change.

Cache keys include the stamp, so a cached count is never older than the data behind it
(reports/signals.py bumps it on every save and delete of those models).
"""

import time

from django.core.cache import cache

VERSION_KEY = "reports:stats-version"


def stats_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Never restart at a number an evicted stamp may have used.
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_stats_version() -> None:
    """Invalidate every cached figure (one cache write)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)
