"""EXPLAIN ANALYZE of every public list query at archive scale (not a test).

    DEBUG=1 .venv/bin/python bench/explain.py [--database-url URL] [--stories 100000]
        [--entities 100000] [--repeat 5] [--plans] [--without-indexes] [--sitemaps]

Builds (once, like ``bench/run.py``) the synthetic newsroom of ``bench/data.py``
and tops it up with what that generator leaves out and the public lists
need: tags (a few popular ones, as a real archive has) and source
attributions. Then, for each public list and filter (``public_list_queries``:
the same querysets the views, feeds, sitemaps and API run, one page each),
prints the median time of ``EXPLAIN ANALYZE`` and the indexes its plan reads.
``--without-indexes`` drops the indexes of migration 0015 first (and puts them
back at the end), for the before/after comparison in bench/README.md.
``--sitemaps`` also times the sitemap index and its biggest pages (time, size, queries).
``tests/articles/test_explain.py`` asserts on small data that every one of
these queries is answered from indexes on PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGE = 20


def public_list_queries(*, section, tag, person, organization, place, source, word: str = "") -> dict:
    """{name: queryset} for one page of every public list and filter, built as the site builds them."""
    import datetime

    from django.utils import timezone

    from articles import feeds
    from articles.filters import ArticleFilter
    from articles.models import Article, Quote
    from articles.sitemaps import EntitySitemap, StorySitemap, TagSitemap

    published = Article.objects.published()
    listing = published.for_listing().latest_first()
    month_ago = (timezone.now() - datetime.timedelta(days=30)).date().isoformat()

    def filtered(**data):
        return ArticleFilter(data, queryset=published).qs.latest_first().for_listing()[:PAGE]

    queries = {
        "front page": listing[:PAGE],
        "front page count": published.order_by().values("pk"),  # what the paginator counts
        "section page": listing.in_section(section)[:PAGE],
        "tag page": listing.tagged(tag)[:PAGE],
        "person page": listing.linked_to(person)[:PAGE],
        "organisation page": listing.linked_to(organization)[:PAGE],
        "place page": listing.linked_to(place)[:PAGE],
        "source page": listing.linked_to(source)[:PAGE],
        # The quotes of the page's stories (``articles.views._quotes_in``).
        "person page quotes": Quote.objects.confirmed()
        .filter(speaker=person, article__in=list(listing.linked_to(person)[:PAGE].values_list("pk", flat=True))),
        "api/search ?section=": filtered(section=section.slug),
        "api/search ?tag=": filtered(tag=tag.slug),
        "api/search ?person=": filtered(person=person.slug),
        "api/search ?organization=": filtered(organization=organization.slug),
        "api/search ?place=": filtered(place=place.slug),
        "api/search ?source=": filtered(source=source.slug),
        "api/search ?published_after=": filtered(published_after=month_ago),
        "api/search ?published_before=": filtered(published_before=month_ago),
        "feed latest": feeds.LatestStoriesFeed().items(),
        "feed section": feeds.SectionFeed().items(section),
        "feed tag": feeds.TagFeed().items(tag),
        "feed person": feeds.PersonFeed().items(person),
        "sitemap stories (last page)": StorySitemap().rows()[50_000:100_000],
        "sitemap tags": TagSitemap().rows(),
        "sitemap people": EntitySitemap(type(person)).rows(),
    }
    if word:
        queries["api/search ?q="] = filtered(q=word)
    # Lists that are now read in Python pages (a list, not a query) have no plan of their own.
    return {name: query for name, query in queries.items() if hasattr(query, "query")}


def plan_of(queryset, *, analyze: bool) -> dict:
    """The JSON plan PostgreSQL gives for ``queryset``."""
    from django.db import connections

    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN ({'ANALYZE, ' if analyze else ''}FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]


def plan_nodes(node: dict):
    yield node
    for child in node.get("Plans", ()):
        yield from plan_nodes(child)


def indexes_read(plan: dict) -> list[str]:
    return sorted({n["Index Name"] for n in plan_nodes(plan["Plan"]) if "Index Name" in n})


def sequential_scans(plan: dict) -> list[str]:
    return sorted({n["Relation Name"] for n in plan_nodes(plan["Plan"]) if n["Node Type"] == "Seq Scan"})


# --- data ---------------------------------------------------------------------


def top_up(log=print) -> None:
    """Tags and source attributions, skewed like the mentions: a few on a large share of the archive."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles.models import Article, SourceAttribution
    from bench import data
    from entities.models import Source

    rng = random.Random(9)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        if not TaggedItem.objects.exists():
            tags = Tag.objects.bulk_create([Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(2000)])
            pick = data._zipf_picker(rng, [t.pk for t in tags], hot=20, p_hot=0.5)
            article_type = ContentType.objects.get_for_model(Article)
            rows = {(pk, pick()) for pk in ids for _ in range(rng.randint(1, 4))}
            TaggedItem.objects.bulk_create(
                [TaggedItem(object_id=pk, tag_id=tag, content_type=article_type) for pk, tag in rows], batch_size=5000
            )
            log(f"  tagged: {len(rows):,}")
        if not SourceAttribution.objects.exists():
            pick = data._zipf_picker(rng, list(Source.objects.values_list("pk", flat=True)), hot=50)
            now = timezone.now()
            rows = {(pk, pick()) for pk in ids for _ in range(rng.randint(0, 2))}
            SourceAttribution.objects.bulk_create(
                [SourceAttribution(article_id=pk, source_id=s, status="confirmed", created_at=now, updated_at=now)
                 for pk, s in rows],
                batch_size=5000,
            )
            log(f"  attributions: {len(rows):,}")
    with connection.cursor() as cursor:
        # As autovacuum leaves a live database: statistics, and visibility maps for index-only scans.
        cursor.execute("VACUUM ANALYZE")


def hottest_subjects() -> dict:
    """The section, tag, person, organisation, place and source on the most published stories."""
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article, OrganizationMention, PersonMention, PlaceMention, Section, SourceAttribution

    def top(model, field):
        return model.objects.values(field).annotate(n=Count("pk")).order_by("-n").values_list(field, flat=True)[0]

    from entities.models import Organization, Person, Place, Source

    return {
        "section": Section.objects.get(pk=top(Article, "section")),
        "tag": Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n")[0],
        "person": Person.objects.get(pk=top(PersonMention, "person")),
        "organization": Organization.objects.get(pk=top(OrganizationMention, "organization")),
        "place": Place.objects.get(pk=top(PlaceMention, "place")),
        "source": Source.objects.get(pk=top(SourceAttribution, "source")),
    }


# --- the indexes of migration 0015 ---------------------------------------------


def drop_list_indexes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name in LIST_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute("ANALYZE")


def restore_list_indexes() -> None:
    """Back to the migrated state: mark migration 0015 unapplied (its indexes are gone), then apply it."""
    from django.core.management import call_command

    call_command("migrate", "articles", "0014", fake=True, verbosity=0)
    call_command("migrate", "articles", verbosity=0)


def time_sitemaps(repeat: int) -> None:
    """The sitemap index and the first page of each big sitemap, through Django's test client: time, size, queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.getLogger("newsroom.requests").setLevel(logging.WARNING)  # the request log would fill the output
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'sitemap':32} {'median ms':>10} {'MB':>6} {'URLs':>7} queries")
    for url in ("/sitemap.xml", "/sitemap-stories.xml", "/sitemap-stories.xml?p=2", "/sitemap-people.xml",
                "/sitemap-tags.xml"):
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                body = client.get(url).content
                times.append((time.perf_counter() - started) * 1000)
        urls = body.count(b"<url>") or body.count(b"<sitemap>")
        print(f"{url:32} {statistics.median(times):10.0f} {len(body) / 1e6:6.2f} {urls:7,} {len(queries.captured_queries)}")


LIST_INDEXES = (
    "article_live_by_date", "article_live_by_section", "personmention_public", "orgmention_public",
    "placemention_public", "attribution_public", "quote_public", "taggeditem_by_tag",
)


def main(argv=None) -> int:
    from bench.run import DEFAULT_URL, setup

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    p.add_argument("--entities", type=int, default=100_000)
    p.add_argument("--stories", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--plans", action="store_true", help="print each plan in full")
    p.add_argument("--without-indexes", action="store_true", help="time without migration 0015's indexes")
    p.add_argument("--sitemaps", action="store_true", help="also time the sitemap index and pages")
    args = p.parse_args(argv)
    setup(args.database_url)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench import data

    settings.DEBUG = False
    if connection.vendor != "postgresql":
        print("EXPLAIN ANALYZE here is PostgreSQL's: pass --database-url postgres://...")
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    if data.counts()["stories"] != args.stories:
        call_command("flush", verbosity=0, interactive=False)
        data.build(entities=args.entities, stories=args.stories)
    top_up()
    subjects = hottest_subjects()
    print(", ".join(f"{k}: {v}" for k, v in subjects.items()))
    if args.without_indexes:
        drop_list_indexes()
    try:
        queries = public_list_queries(**subjects, word="drone")
        print(f"{'query':32} {'median ms':>10}  indexes read (seq scans)")
        for name, queryset in queries.items():
            plans = [plan_of(queryset, analyze=True) for _ in range(args.repeat)]
            ms = statistics.median(plan["Execution Time"] for plan in plans)
            seq = sequential_scans(plans[0])
            print(f"{name:32} {ms:10.1f}  {', '.join(indexes_read(plans[0]))}{f'  (seq: {seq})' if seq else ''}")
            if args.plans:
                print(json.dumps(plans[0]["Plan"], indent=1))
        if args.sitemaps:
            time_sitemaps(args.repeat)
    finally:
        if args.without_indexes:
            restore_list_indexes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
