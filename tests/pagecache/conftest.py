"""The page cache on, for the tests of this folder: in Redis (db 1, a key prefix per test) or in local memory."""

import socket
import uuid

import pytest

REDIS_URL = "redis://127.0.0.1:6379/1"


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(autouse=True)
def _no_pages_from_other_tests():
    """This process's copies of pages (``pagecache._local``) belong to the test that served them."""
    from newsroom import pagecache

    pagecache._local.clear()
    pagecache._known_tag_keys.clear()
    yield
    pagecache._local.clear()
    pagecache._known_tag_keys.clear()


@pytest.fixture
def redis_page_cache(settings):
    if not redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379: the page cache tests on Redis are skipped.")
    import redis

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    # Each request asks Redis whether a purge ran, as if every request came to another process.
    settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS = 0
    yield
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def memory_page_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS = 0


@pytest.fixture
def reader(client):
    """An anonymous reader on the site's own address."""
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the block wrote as if its transaction committed (the purges run)."""
    from newsroom import pagecache

    pagecache._pending.value = None
    return lambda: django_capture_on_commit_callbacks(execute=True)
