"""wijk.lib.cache: Django's Redis cache, one client per pool (issue 16)."""

import os

import pytest
import redis

from wijk.lib.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def test_one_client_per_pool_not_per_call():
    """No server needed: the client is made once and handed out again."""
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    eerste = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is eerste
    assert cache._cache.get_client("c", write=True) is eerste  # one server: one pool


@pytest.mark.skipif(not _redis_answers(), reason=f"no Redis at {REDIS_URL}")
def test_it_is_still_djangos_cache_against_a_real_redis():
    cache = RedisCache(REDIS_URL.rsplit("/", 1)[0] + "/14", {"OPTIONS": {}})
    cache.clear()
    cache.set("wijk-test", {"teller": 1}, 30)
    assert cache.get("wijk-test") == {"teller": 1}
    assert cache.add("wijk-teller", 1) is True
    assert cache.add("wijk-teller", 5) is False
    assert cache.incr("wijk-teller") == 2
    assert cache.get_many(["wijk-test", "weg"]) == {"wijk-test": {"teller": 1}}
    cache.delete("wijk-test")
    assert cache.get("wijk-test") is None
    cache.clear()
