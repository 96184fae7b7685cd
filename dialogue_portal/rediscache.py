"""Django's Redis cache, keeping one client per connection pool.

Django builds a new ``redis.Redis`` for every cache call; redis-py 8's constructor costs more than
the round trip itself (about a third of a millisecond), paid several times on every page.
A client is thread-safe and its pool reconnects after a fork, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
