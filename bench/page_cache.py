"""The page cache: time per request of a page rendered (miss) against one served from the cache (hit).

    DEBUG=1 .venv/bin/python bench/page_cache.py [--repeat 200] [--redis redis://127.0.0.1:6379/1]

A throwaway SQLite database with the demo newsroom (``load_demo``); requests
go through Django's whole middleware stack in this process (the test client's
WSGI handler, no network), with ``settings.DEBUG`` off so queries are not
logged. For each page: "off" is the page cache off; "miss" purges the page's
own tag before each request (outside the timer), so the page is rendered and
stored; "hit" serves it from the cache. Local memory, then Redis (a key prefix
of its own, removed afterwards; skipped when Redis does not answer).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeat", type=int, default=200)
    p.add_argument("--redis", default="redis://127.0.0.1:6379/1")
    return p.parse_args(argv)


def setup(folder: Path) -> None:
    os.environ.update(
        DEBUG="1", DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}", MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"), DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    os.environ.pop("CACHE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)


def use_cache(backend: dict, seconds: int) -> None:
    from django.conf import settings
    from django.core.signals import setting_changed

    settings.CACHES = {"default": backend}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = seconds
    # What a settings override in a test sends: Django opens the caches again.
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)


def timed(client, url: str, repeat: int, before=None) -> list[float]:
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def row(name: str, times: list[float]) -> str:
    return f"{name:<6} median {statistics.median(times):7.2f} ms   p90 {statistics.quantiles(times, n=10)[-1]:7.2f} ms"


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        from django.conf import settings
        from django.test import Client

        from articles.models import Article
        from newsroom import pagecache

        settings.DEBUG = False
        story = Article.objects.published().order_by("-published_at").first()
        pages = {"story": (story.get_absolute_url(), f"story:{story.pk}"), "front": ("/", "stories")}
        client = Client(HTTP_HOST="127.0.0.1")

        backends = [("local memory", {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench"})]
        prefix = f"bench-{uuid.uuid4().hex}"
        try:
            import redis

            redis.Redis.from_url(args.redis).ping()
            backends.append(
                ("Redis", {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": args.redis,
                           "KEY_PREFIX": prefix})
            )
        except Exception as error:  # noqa: BLE001 (any reason Redis is not there)
            print(f"Redis skipped: {error}")

        print(f"{args.repeat} requests each; times per request through the whole middleware stack")
        for label, backend in backends:
            for name, (url, tag) in pages.items():
                print(f"\n{label}, {name} page ({url})")
                use_cache(backend, 0)
                timed(client, url, 5)
                print(row("off", timed(client, url, args.repeat)))
                use_cache(backend, 600)
                print(row("miss", timed(client, url, args.repeat, before=lambda tag=tag: pagecache.purge([tag]))))
                response = client.get(url)
                assert response["X-Page-Cache"] in ("hit", "miss")
                hits = timed(client, url, args.repeat)
                assert client.get(url)["X-Page-Cache"] == "hit"
                print(row("hit", hits))
        if len(backends) > 1:
            client = redis.Redis.from_url(args.redis)
            keys = list(client.scan_iter(match=f"{prefix}:*"))
            if keys:
                client.delete(*keys)


if __name__ == "__main__":
    main()
