"""Django's own Redis cache, with one Redis client per connection pool instead of one per call.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new ``redis.Redis``
for every cache operation. redis-py's constructor fills a table of some 170 response callbacks
each time: on a page of a logged-in person (the session, the layout's per-person answers, a
few fragments) that was about 0.15 ms per operation, some 7% of the page's CPU (cProfile,
issue 16). A ``redis.Redis`` is safe to share (its connection pool hands each command a
connection), so the client is made once per pool and kept. Everything else is Django's.

``wijk/settings.py`` puts this backend in place of Django's whenever ``CACHE_URL`` is a Redis
address (``rediscache://``).
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class EenClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = EenClientPerPool
