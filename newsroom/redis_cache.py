"""
Django's Redis cache backend, made cheap enough to sit on every page view.

Two costs in ``django.core.cache.backends.redis`` dominate a page-cache hit
(``bench/page_cache.py``, ``bench/pages.py``):

- ``get_client()`` builds a new ``redis.Redis`` for every operation, and each
  one copies redis-py's table of ~170 response callbacks: about 0.15 ms, twice
  per hit. The client is thread-safe and only wraps the connection pool (which
  itself reconnects after a fork), so one per pool is kept and reused.
- every key is checked for memcached's restrictions (length, control
  characters), which Redis does not have; ours are hashes and fixed prefixes.

Everything else (pools, serialisation, replicas) is Django's own.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        """Redis takes any key: no memcached warnings (``make_and_validate_key`` still applies the prefix)."""
