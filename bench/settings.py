"""Production settings for the benchmark's servers, plus a cache key prefix per database and the bench's URLs.

Two servers (1,000 and 100,000 petitions) share the bench's Redis database; the prefix keeps
their cached aggregates apart. bench/urls.py adds the base-layout page to the portal's URLs.
"""

from dialogue_portal.settings import *  # noqa: F403
from dialogue_portal.settings import CACHES, env

CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
ROOT_URLCONF = "bench.urls"
