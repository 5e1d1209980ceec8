"""Time and profile public pages in-process (not a test, not the HTTP benchmark).

    DEBUG=1 .venv/bin/python bench/page_profile.py [--database-url URL] [--repeat 300]
        [--page story] [--profile] [--refresh]

Serves each page type through ``django.test.Client`` (the whole Django stack
without a socket: middleware, view, queries, template) against a built
newsroom: by default a SQLite copy of the demo newsroom (``bench/profile.sqlite3``,
migrated and loaded once), or any database (e.g. one ``bench/data.py`` filled).
Prints, per page, the SQL queries of one request and the median and p90 time
of ``--repeat`` requests after a warm-up, with ``DEBUG`` off. ``--profile``
prints a cProfile of the chosen ``--page`` (cumulative time, top 30).
``--refresh`` runs ``refresh_page_parts`` first (a database built with
``bulk_create`` has none).

The story measured is the published story with the most confirmed links.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = f"sqlite:///{ROOT / 'bench' / 'profile.sqlite3'}"


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default=DEFAULT_URL)
    p.add_argument("--repeat", type=int, default=300)
    p.add_argument("--page", default="story")
    p.add_argument("--profile", action="store_true")
    p.add_argument("--profile-filter", default="", help="only the profile's lines whose file matches (e.g. /work/main/)")
    p.add_argument("--refresh", action="store_true", help="refresh every story's page parts first")
    return p.parse_args(argv)


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.models import Article

    if not Article.objects.exists():
        call_command("load_demo", verbosity=0)


def most_linked_story():
    from django.db.models import Count, Q

    from articles.models import Article

    confirmed = Q(status="confirmed")
    return (
        Article.objects.published()
        .annotate(
            links=Count("person_mentions", filter=Q(person_mentions__status="confirmed"), distinct=True)
            + Count("attributions", filter=Q(attributions__status="confirmed"), distinct=True)
            + Count("quotes", filter=Q(quotes__status="confirmed"), distinct=True)
            + Count("outgoing_references", filter=Q(outgoing_references__status="confirmed") & ~confirmed, distinct=True)
        )
        .order_by("-links")
        .only("slug")
        .first()
    )


def page_urls() -> dict[str, str]:
    from articles.models import Article, OrganizationMention, PersonMention, PlaceMention, SourceAttribution

    story = most_linked_story()

    def top(model, field):
        from django.db.models import Count

        row = (
            model.objects.confirmed().of_published_articles().values(field).annotate(n=Count("pk")).order_by("-n").first()
        )
        return model._meta.get_field(field).related_model.objects.get(pk=row[field]).get_absolute_url()

    first = Article.objects.published().select_related("section").only("section__slug").first()
    tag = Article.objects.published().filter(tags__isnull=False).values_list("tags__slug", flat=True).first()
    return {
        "story": story.get_absolute_url(),
        "front": "/",
        "section": first.section.get_absolute_url(),
        "tag": f"/tag/{tag}/",
        "person": top(PersonMention, "person"),
        "organization": top(OrganizationMention, "organization"),
        "place": top(PlaceMention, "place"),
        "source": top(SourceAttribution, "source"),
        "search": "/search/?q=minister",
        "feed": "/feeds/latest/",
        "api_list": "/api/articles/",
        "api_detail": f"/api/articles/{story.slug}/",
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    setup(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    if args.refresh:
        from django.core.management import call_command

        call_command("refresh_page_parts")
    urls = page_urls()
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':<14}{'queries':>8}{'median ms':>11}{'p90 ms':>9}  url")
    for name, url in urls.items():
        queries: list[str] = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        # A wrapper, not the debug cursor's log: the request's end closes the connection and clears that.
        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        settings.DEBUG = False
        times = []
        for _ in range(args.repeat if name == args.page else max(20, args.repeat // 10)):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        settings.DEBUG = True
        times.sort()
        p90 = times[int(len(times) * 0.9) - 1]
        print(f"{name:<14}{len(queries):>8}{statistics.median(times):>11.2f}{p90:>9.2f}  {url}")
    if args.profile:
        settings.DEBUG = False
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(urls[args.page])
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        if args.profile_filter:
            stats.print_stats(args.profile_filter, 40)
        else:
            stats.print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
