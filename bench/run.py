"""Speed of the story analysis on a newsroom-sized database (not a test).

    DEBUG=1 .venv/bin/python bench/run.py [--database-url URL] [--entities 100000]
        [--stories 100000] [--repeat 15] [--keep] [--rebuild]

Builds (once) an authority file of --entities entities and an archive of
--stories published stories in a dedicated database (default: SQLite
bench/bench.sqlite3; e.g. --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench,
created if missing), then analyses one ~2,000-word story and prints the median
and p90 of each part. See bench/README.md for the targets and measured numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}"

TARGET_CORE_MS = 100  # entities + sources + quotes
TARGET_REFERENCE_MS = 250  # the "reported earlier" match


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    p.add_argument("--entities", type=int, default=100_000)
    p.add_argument("--stories", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("--keep", action="store_true", help="reuse whatever data the database holds, never rebuild")
    p.add_argument("--rebuild", action="store_true", help="drop the data and build it again")
    return p.parse_args(argv)


def ensure_postgres_database(url: str) -> None:
    """CREATE DATABASE for the benchmark if it does not exist (connects to the 'postgres' db)."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    conninfo = dict(
        dbname="postgres", user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
        host=cfg.get("HOST") or None, port=cfg.get("PORT") or None,
    )
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
            print(f"created database {cfg['NAME']}")


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    if url.startswith(("postgres://", "postgresql://")):
        ensure_postgres_database(url)
    import django

    django.setup()


def timed(fn, repeat: int, before=None) -> list[float]:
    """Milliseconds of `repeat` calls after one warm-up; `before` runs untimed before each call."""
    if before:
        before()
    fn()
    out = []
    for _ in range(repeat):
        if before:
            before()
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p90(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.9 * (len(xs) - 1)))]


def main(argv=None) -> int:
    args = parse_args(argv)
    setup(args.database_url)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from articles import analysis as pure
    from articles import suggestions
    from articles.analysis import references
    from articles.analysis.text import Document
    from articles.models import Article
    from bench import data, story

    # Time it as production runs it: no DEBUG query log on the connection.
    settings.DEBUG = False
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0, interactive=False)

    counts = data.counts()
    wanted = {"entities": args.entities, "stories": args.stories}
    populated = counts["entities"] == args.entities and counts["stories"] == args.stories
    if args.rebuild or (not populated and not (args.keep and counts["stories"])):
        if counts["entities"] or counts["stories"]:
            print(f"dropping the existing data {counts} (wanted {wanted})")
            call_command("flush", verbosity=0, interactive=False)
        print(f"building {args.entities:,} entities and {args.stories:,} stories ...")
        t = time.perf_counter()
        data.build(entities=args.entities, stories=args.stories)
        print(f"build: {time.perf_counter() - t:.1f} s")
        counts = data.counts()
    else:
        print("reusing the existing data")
    print(f"data: {counts['entities']:,} entities, {counts['stories']:,} stories, {counts['mentions']:,} mentions")

    # (a) the authority index, one-off per process.
    t = time.perf_counter()
    entries = suggestions.authority_entries()
    load_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    index = pure.AuthorityIndex.build(entries)
    build_ms = (time.perf_counter() - t) * 1000
    suggestions._index_cache.update(index=index, generation=suggestions.cache.get(suggestions.AUTHORITY_GENERATION_KEY))

    rng = random.Random(7)
    bench_story = story.make(rng)
    article: Article = bench_story.article
    paragraphs = article.paragraphs
    words = sum(len(p.split()) for p in paragraphs)
    publication = settings.NEWSROOM_PUBLICATION_NAME
    published_at = article.published_at
    print(f"story: {len(paragraphs)} paragraphs, {words:,} words; earlier story #{bench_story.target_id} "
          f"({bench_story.target_headline!r})")

    doc = Document.from_parts(article.headline, paragraphs)
    known = index.find(doc.text)
    finder = suggestions.DatabaseReferenceFinder(exclude_article_id=article.pk)

    def core():
        return pure.analyse(article.headline, paragraphs, index=index, publication=publication,
                            reference_finder=None, published_at=published_at)

    def refs():
        return pure._references(doc, known, publication, finder, published_at)

    # The candidate query alone, with the same arguments `_references` uses.
    story_keys = {m.entry.key for m in known if m.entry.key is not None}
    cues = references.find_cues(doc, publication)
    cue = cues[0] if cues else None
    cue_keys = {m.entry.key for m in known if m.entry.key and cue and cue.sentence.start <= m.start < cue.sentence.end}
    claim_terms = references.terms(cue.claim) if cue else []

    def query():
        return finder.candidates(entity_keys=cue_keys or story_keys, terms=claim_terms, before=published_at, limit=200)

    pool = query()

    def rank():
        return references.rank(claim_terms, pool, cue_entities=cue_keys, story_entities=story_keys,
                               before=published_at)

    # Worst case for the candidate query: a cue naming the most-mentioned person,
    # organisation and place of the archive (each in ~10% of the stories).
    hot_keys = data.hottest()

    def hot_query():
        return finder.candidates(entity_keys=hot_keys, terms=claim_terms, before=published_at, limit=200)

    def whole():
        return suggestions.run_analysis(article)

    cold = references._bag.cache_clear
    reset_queries()
    rows = [
        ("(b) entities + sources + quotes", timed(core, args.repeat), TARGET_CORE_MS),
        ("(c) reported earlier, warm", timed(refs, args.repeat), TARGET_REFERENCE_MS),
        ("(c) reported earlier, cold term cache", timed(refs, args.repeat, before=cold), TARGET_REFERENCE_MS),
        ("    candidate query (DB)", timed(query, args.repeat), None),
        ("    BM25 ranking, cold term cache", timed(rank, args.repeat, before=cold), None),
        ("    candidate query, 3 hottest entities", timed(hot_query, args.repeat), None),
        ("(d) run_analysis(), warm", timed(whole, args.repeat), None),
    ]
    with CaptureQueriesContext(connection) as ctx:
        result = refs()
    analysis_result = whole()
    found = [r.article_id for r in result]
    ok = bench_story.target_id in found

    print()
    print(f"{'':40} {'median ms':>10} {'p90 ms':>10} {'target':>8}")
    print(f"{'(a) authority index: load from DB':40} {load_ms:>10.0f} {'(once)':>10}")
    print(f"{'(a) authority index: build':40} {build_ms:>10.0f} {'(once)':>10}")
    for label, xs, target in rows:
        mark = "" if target is None else (f"<{target}" + (" ok" if statistics.median(xs) < target else " MISS"))
        print(f"{label:40} {statistics.median(xs):>10.1f} {p90(xs):>10.1f} {mark:>8}")
    print()
    print(f"index: {len(index):,} entries; story: {len(known)} matches, "
          f"{len(analysis_result.mentions)} mentions, {len(analysis_result.sources)} sources, "
          f"{len(analysis_result.quotes)} quotes, {len(analysis_result.references)} references")
    print(f"reported earlier: {len(pool)} candidates, {len(ctx.captured_queries)} queries; "
          f"matched {found} -> {'the intended story' if ok else 'NOT the intended story'} "
          f"#{bench_story.target_id}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
