"""Serving speed of the public pages, next to a trivial Django view (not a test).

    .venv/bin/python bench/pages.py                  # `make bench`: the whole matrix
    .venv/bin/python bench/pages.py --quick          # `make bench-quick`: 1,000 stories, SQLite, short runs
    .venv/bin/python bench/pages.py --sizes 1000 --databases sqlite --cache off --duration 5

For each database (SQLite file, PostgreSQL database of its own) and archive
size, builds the newsroom once (``bench/data.py``, cached and rebuilt when the
counts or the generator change), serves it with gunicorn on loopback as in
production (DEBUG=0, 2 sync workers, collected static files, Redis as the
shared cache) with the page cache off (``NEWSROOM_PAGE_CACHE_SECONDS=0``) and
on, and loads each page type with wrk at 8 connections, alternating with the
trivial view (``bench/trivial.py``, a fixed 10 KB page served by gunicorn with
the same flags) so that both see the same machine. Then: RSS of each web
worker after at least --memory-requests requests (a mix of every page type
and many stories), and a 60-second run at 32 connections counting errors,
once alone and once while simulated editors save stories.

Writes raw wrk output and JSON lines under bench/results/raw/<stamp>/ (not
committed) and the markdown report to bench/results/<date>.md. The report
is rewritten after every configuration, so an interrupted run keeps what it
measured. See bench/README.md.

Sub-commands used by the run itself (each in its own process):
``prepare`` (migrate, build or reuse the data, choose the URLs; prints JSON)
and ``editors`` (saves stories in a loop, as the admin does).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
# Bump when bench/data.py changes what it builds: cached databases are then rebuilt.
GENERATOR = 2
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
TRIVIAL_PORT, SITE_PORT = 8291, 8292
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/newsroom-bench-static"))
PAGE_ORDER = [
    "front", "story", "section", "tag", "person", "organisation", "place", "source", "search",
    "feed", "sitemap", "sitemap page", "news sitemap", "API list", "API detail",
]
SLOW_SECONDS = 2.0
TARGETS = {
    "cache_off_ratio": 0.20, "cache_on_ratio": 0.70, "p99_ms": 25.0, "scale": 1.5, "rss_mb": 120.0,
}


def log(msg: str) -> None:
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


# -- databases -------------------------------------------------------------------------------------


def database_url(vendor: str, stories: int) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{BENCH / f'pages-{stories}.sqlite3'}"
    return f"{PG_BASE}/newsroom_bench_pages_{stories}"


def entities_for(stories: int) -> int:
    # As many entities as stories (at least 2,000): the authority file grows with the archive.
    return max(2000, stories)


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    if url.startswith("postgres"):
        from bench.run import ensure_postgres_database

        ensure_postgres_database(url)
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log while building


def prepare(url: str, stories: int, rebuild: bool) -> dict:
    """Migrate, build (or reuse) the data and pick the URL of each page type."""
    _django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, F, Max
    from django.urls import reverse
    from django.utils import timezone
    from taggit.models import Tag

    from articles import services
    from articles.models import Article, Section, SourceAttribution
    from bench import data
    from entities.models import Organization, Person, Place, Source

    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrate: {time.perf_counter() - t:.1f} s")
    marker = BENCH / f".pages-{connection.vendor}-{stories}.json"
    wanted = {"generator": GENERATOR, "entities": entities_for(stories), "stories": stories}
    counts = data.counts()
    fresh = (
        not rebuild
        and marker.exists()
        and json.loads(marker.read_text()) == wanted
        and counts["stories"] == stories
        and counts["entities"] == wanted["entities"]
    )
    if not fresh:
        if counts["stories"] or counts["entities"]:
            log(f"dropping the existing data {counts}")
            call_command("flush", verbosity=0, interactive=False)
        log(f"building {wanted['entities']:,} entities and {stories:,} stories in {connection.vendor} ...")
        t = time.perf_counter()
        data.build(entities=wanted["entities"], stories=stories, extras=True, log=log)
        log(f"build: {time.perf_counter() - t:.0f} s")
        marker.write_text(json.dumps(wanted))
        counts = data.counts()

    # Keep the archive current: its newest story an hour old whenever the benchmark runs
    # (the news sitemap lists the last two days; lists and feeds look as on a live site).
    newest = Article.objects.aggregate(m=Max("published_at"))["m"]
    shift = timezone.now() - datetime.timedelta(hours=1) - newest
    if abs(shift) > datetime.timedelta(hours=12):
        Article.objects.update(published_at=F("published_at") + shift, updated_at=F("published_at") + shift)
        log(f"moved the publication times by {shift}")
    published = Article.objects.published().latest_first()
    recent = list(published.values_list("pk", "slug")[:300])
    with_links = (
        published.filter(outgoing_references__isnull=False, quotes__isnull=False).values_list("pk", "slug").first()
    )
    story_pk, story_slug = with_links or recent[0]
    # The stories the benchmark requests go through the real renderer (and whatever it
    # stores for a page), so their pages are what an editor's save would have produced.
    t = time.perf_counter()
    services.rerender_articles([story_pk, *(pk for pk, _ in recent)])
    log(f"rendered {len(recent) + 1} stories in {time.perf_counter() - t:.1f} s")

    hottest = dict(data.hottest())
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    source_id = (
        SourceAttribution.objects.values("source_id").annotate(n=Count("id")).order_by("-n")[0]["source_id"]
    )
    section = Section.objects.order_by("pk").first()
    paths = {
        "front": "/",
        "story": reverse("article_detail", args=[story_slug]),
        "section": reverse("section_detail", args=[section.slug]),
        "tag": reverse("tag_detail", args=[tag.slug]),
        "person": reverse("person_detail", args=[Person.objects.get(pk=hottest["person"]).slug]),
        "organisation": reverse(
            "organization_detail", args=[Organization.objects.get(pk=hottest["organization"]).slug]
        ),
        "place": reverse("place_detail", args=[Place.objects.get(pk=hottest["place"]).slug]),
        "source": reverse("source_detail", args=[Source.objects.get(pk=source_id).slug]),
        "search": f"{reverse('search')}?q=howitzer",
        "feed": reverse("feed_latest"),
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
        "API list": "/api/articles/",
        "API detail": f"/api/articles/{story_slug}/",
    }
    stats = {
        **counts,
        "tags": Tag.objects.count(),
        "links": sum(
            m.objects.count()
            for m in (
                Article.person_mentions.rel.related_model,
                Article.organization_mentions.rel.related_model,
                Article.place_mentions.rel.related_model,
                Article.attributions.rel.related_model,
                Article.quotes.rel.related_model,
                Article.outgoing_references.rel.related_model,
            )
        ),
    }
    return {"paths": paths, "stories": [reverse("article_detail", args=[s]) for _, s in recent], "counts": stats}


def editors(url: str, seconds: float, pause: float, seed: int) -> dict:
    """Save stories as an editor does in the admin, until the time is up.

    Each save changes the standfirst (and every fourth the body) of one of the
    300 newest stories, in a revision, then does what the admin does after the
    form: re-render from the stored links and, for a body change, request the analysis.
    """
    _django(url)
    import reversion

    from articles import services
    from articles.models import Article
    try:  # as the admin does: a job after the commit (in this process when no broker is set)
        from articles.tasks import request_analysis

        def analyse(article):
            request_analysis(article.pk)
    except ImportError:
        from articles.suggestions import analyse_article as analyse

    rng = random.Random(seed)
    ids = list(Article.objects.published().latest_first().values_list("pk", flat=True)[:300])
    saves = failures = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            article = Article.objects.get(pk=rng.choice(ids))
            body_changed = saves % 4 == 0
            with reversion.create_revision():
                reversion.set_comment("bench: simulated editor")
                suffix = " (Updated.)"
                article.standfirst = (
                    article.standfirst[: -len(suffix)] if article.standfirst.endswith(suffix) else article.standfirst + suffix
                )
                if body_changed:
                    article.body = article.body.replace(" new ", " additional ", 1) if " new " in article.body else (
                        article.body.replace(" additional ", " new ", 1)
                    )
                article.save()
                services.rerender_articles([article.pk])
            if body_changed:
                analyse(article)
            saves += 1
        except Exception as exc:  # noqa: BLE001 - counted and reported, the loop goes on
            failures += 1
            log(f"editor save failed: {exc!r}")
        time.sleep(pause)
    return {"saves": saves, "failures": failures}


# -- processes ---------------------------------------------------------------------------------------


class Server:
    """A gunicorn in its own process group (stopped by that group's id)."""

    def __init__(self, name: str, args: list[str], env: dict, port: int, logfile: Path):
        self.name, self.port = name, port
        self.log = logfile.open("ab")
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self, path: str, timeout: float = 180) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited (see {self.log.name})")
            try:
                with urllib.request.urlopen(self.url(path), timeout=30) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name}: {path} did not answer 200 in {timeout:.0f} s")

    def drain(self, timeout: float = 120) -> None:
        """Wait until the requests a finished wrk left queued are answered (a slow page's backlog)."""
        end, quick = time.monotonic() + timeout, 0
        while time.monotonic() < end and quick < 3:
            t = time.monotonic()
            fetch(self.url("/healthz"))
            quick = quick + 1 if time.monotonic() - t < 0.1 else 0

    def workers(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def gunicorn_args(app: str, port: int) -> list[str]:
    args = [GUNICORN, app]
    conf = ROOT / "newsroom" / "gunicorn.conf.py"
    if app.startswith("newsroom") and conf.exists():
        args += ["--config", str(conf)]  # production's file; the flags below win over it
    return args + [
        "--workers", "2", "--threads", "1", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning",
    ]


def site_env(url: str, cache_seconds: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=url, CACHE_URL=REDIS_URL, STATIC_ROOT=str(STATIC_ROOT),
        NEWSROOM_PAGE_CACHE_SECONDS=str(cache_seconds), NEWSROOM_SITE_URL=f"http://127.0.0.1:{SITE_PORT}",
        PYTHONHASHSEED="0",
        # No worker recycling (production's config replaces a worker after ~2,000 requests):
        # the memory figure is what a worker grows to after --memory-requests requests.
        GUNICORN_MAX_REQUESTS="0",
    )
    return env


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def wrk(url: str, seconds: float, connections: int, raw: Path, mix: list[str] | None = None) -> dict:
    timeout = "10s" if connections > 1 else "60s"
    args = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", timeout]
    if mix:
        args += ["-s", str(BENCH / "wrk_mix.lua"), url, "--", *mix]
    else:
        args += ["-s", str(BENCH / "wrk_report.lua"), url]
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60)
    raw.write_text(out.stdout + out.stderr)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed for {url}: {out.stderr.strip()}")
    d = json.loads(line[len("BENCHJSON "):])
    d["rps"] = d["requests"] / (d["duration_us"] / 1e6)
    d["p50_ms"], d["p99_ms"] = d["p50_us"] / 1000, d["p99_us"] / 1000
    d["errors"] = sum(v for k, v in d.items() if k.startswith("err_"))
    return d


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


# -- one configuration -------------------------------------------------------------------------------


def measure(cfg: dict, args, trivial: Server, raw: Path, results: list[dict]) -> None:
    """Serve one (database, size) with the page cache off and on; append result rows."""
    vendor, stories = cfg["vendor"], cfg["stories"]
    url = database_url(vendor, stories)
    log(f"== {vendor}, {stories:,} stories: preparing {url}")
    env = {**os.environ, "DEBUG": "1"}
    out = subprocess.run(
        [PYTHON, __file__, "prepare", "--database-url", url, "--stories", str(stories)]
        + (["--rebuild"] if args.rebuild else []),
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    sys.stderr.write(out.stderr)
    if out.returncode:
        raise RuntimeError(f"prepare failed for {url}")
    prep = json.loads(out.stdout.strip().splitlines()[-1])
    paths, story_paths = prep["paths"], prep["stories"]
    results.append({"kind": "data", "vendor": vendor, "stories": stories, **prep["counts"]})

    for cache in args.cache:
        seconds = 0 if cache == "off" else args.cache_seconds
        flush_redis()
        tag = f"{vendor}-{stories}-cache{cache}"
        site = Server(tag, gunicorn_args("newsroom.wsgi:application", SITE_PORT), site_env(url, seconds),
                      SITE_PORT, raw / f"server-{tag}.log")
        try:
            site.wait("/healthz")
            pages = dict(paths)
            # A sitemap index: also its first page (the sitemaps the index points to).
            status, body, _ = fetch(site.url(paths["sitemap"]))
            if b"<sitemapindex" in body:
                loc = body.split(b"<loc>", 1)[1].split(b"</loc>", 1)[0].decode()
                pages["sitemap page"] = "/" + loc.split("://", 1)[-1].split("/", 1)[-1]
            order = [p for p in PAGE_ORDER if p in pages and (not args.pages or p in args.pages)]
            status, body, _ = fetch(trivial.url("/trivial/"))
            trivial_bytes = len(body)
            workers_before = site.workers()
            served = 0
            checks, conns, single = {}, {}, {}
            for name in order:
                t = time.monotonic()
                status, body, headers = fetch(site.url(pages[name]))
                checks[name] = (status, len(body), headers.get("Cache-Control", ""))
                # A page that takes seconds is loaded with one connection (8 would queue
                # minutes of work behind the run and time out): the report marks it.
                if cache == "on" and time.monotonic() - t >= SLOW_SECONDS:
                    t = time.monotonic()  # the first request filled the cache: time a second
                    fetch(site.url(pages[name]))
                single[name] = time.monotonic() - t
                conns[name] = 8 if single[name] < SLOW_SECONDS else 1
                if status != 200:
                    log(f"   {name} {pages[name]} answered {status}")
            log(f"   warm-up ({args.warmup:g} s per page)")
            for name in order:
                if checks[name][0] == 200:
                    site.drain()
                    served += wrk(site.url(pages[name]), args.warmup, conns[name],
                                  raw / f"warmup-{tag}-{name}.txt")["requests"]
            measured: dict[str, list[dict]] = {name: [] for name in ["trivial", *order]}
            for r in range(args.rounds):
                # The trivial view between every few pages, so its figure sees the same machine.
                sequence = order[r % len(order):] + order[: r % len(order)]
                for i, name in enumerate(sequence):
                    site.drain()
                    if i % 5 == 0:
                        measured["trivial"].append(
                            wrk(trivial.url("/trivial/"), args.duration, 8, raw / f"{tag}-r{r}-trivial-{i}.txt")
                        )
                    if checks[name][0] != 200:
                        continue
                    # A slow page runs long enough for a few answers (at most 12 s).
                    seconds = args.duration if conns[name] == 8 else min(12, max(args.duration, 2.5 * single[name]))
                    d = wrk(site.url(pages[name]), seconds, conns[name], raw / f"{tag}-r{r}-{name}.txt")
                    if d["requests"] == 0:  # none finished: the single request's time stands in
                        d.update(rps=1 / single[name], p50_ms=1000 * single[name], p99_ms=1000 * single[name])
                    served += d["requests"]
                    measured[name].append(d)
            trivial_rps = statistics.median(d["rps"] for d in measured["trivial"])
            for name in ["trivial", *order]:
                runs = measured[name]
                row = {
                    "kind": "page", "vendor": vendor, "stories": stories, "cache": cache, "page": name,
                    "path": pages.get(name, "/trivial/"),
                    "status": checks.get(name, (200, trivial_bytes, ""))[0],
                    "bytes": checks.get(name, (200, trivial_bytes, ""))[1],
                    "cache_control": checks.get(name, (200, trivial_bytes, ""))[2], "conns": conns.get(name, 8),
                }
                if runs:
                    row.update(
                        rps=statistics.median(d["rps"] for d in runs),
                        p50_ms=statistics.median(d["p50_ms"] for d in runs),
                        p99_ms=statistics.median(d["p99_ms"] for d in runs),
                        errors=sum(d["errors"] for d in runs),
                        ratio=statistics.median(d["rps"] for d in runs) / trivial_rps,
                    )
                results.append(row)
                if runs:
                    log(f"   {name:13} {row['rps']:8.1f} req/s  p50 {row['p50_ms']:7.2f} ms  "
                        f"p99 {row['p99_ms']:8.2f} ms  {100 * row['ratio']:5.1f} % of trivial")
            # Memory: a mix of every page type and many stories, until each worker has
            # served its share of --memory-requests.
            mix = [pages[n] for n in order if checks[n][0] == 200] + story_paths
            rate = statistics.median(measured[n][0]["rps"] for n in order if measured[n])
            part = 0
            wanted = args.memory_requests if stories in (args.memory_sizes or [stories]) else 0
            while served < wanted:
                need = args.memory_requests - served
                seconds = min(300, max(5, 1.1 * need / rate))
                log(f"   memory: {need:,} more requests of the mix (~{seconds:.0f} s)")
                d = wrk(site.url("/"), seconds, 8, raw / f"{tag}-memory-{part}.txt", mix=mix)
                served, part = served + d["requests"], part + 1
                rate = max(1.0, d["rps"])
            site.drain()
            workers_after = site.workers()
            results.append({
                "kind": "memory", "vendor": vendor, "stories": stories, "cache": cache, "requests": served,
                "rss_mb": [rss_mb(p) for p in workers_after], "restarted": workers_before != workers_after,
            })
            log(f"   RSS after {served:,} requests: {results[-1]['rss_mb']} MB")
            if cache in args.errors_cache and stories in args.errors_sizes:
                for with_editors in (False, True):
                    results.append(errors_run(site, url, mix, args, raw / f"{tag}-errors-{int(with_editors)}",
                                              vendor, stories, cache, with_editors))
        finally:
            site.stop()


def errors_run(site: Server, url: str, mix: list[str], args, raw: Path, vendor, stories, cache,
               with_editors: bool) -> dict:
    procs = []
    if with_editors:
        for k in range(args.editors):
            procs.append(subprocess.Popen(
                [PYTHON, __file__, "editors", "--database-url", url, "--seconds", str(args.errors_seconds),
                 "--seed", str(k)],
                cwd=ROOT, env={**site_env(url, 0 if cache == "off" else args.cache_seconds), "DEBUG": "0"},
                stdout=subprocess.PIPE, stderr=raw.with_suffix(".editors.log").open("ab"), text=True,
            ))
        time.sleep(3)  # their Django is up before the load starts
    log(f"   {args.errors_seconds} s at 32 connections{' while editors save' if with_editors else ''}")
    site.drain()
    d = wrk(site.url("/"), args.errors_seconds, 32, raw.with_suffix(".txt"), mix=mix)
    saves = failures = 0
    for p in procs:
        out, _ = p.communicate(timeout=600)
        try:
            r = json.loads(out.strip().splitlines()[-1])
            saves, failures = saves + r["saves"], failures + r["failures"]
        except (ValueError, IndexError):
            failures += 1
    row = {
        "kind": "errors", "vendor": vendor, "stories": stories, "cache": cache, "editors": with_editors,
        "requests": d["requests"], "rps": d["rps"], "p99_ms": d["p99_ms"], "errors": d["errors"],
        "detail": {k: v for k, v in d.items() if k.startswith("err_") and v}, "saves": saves,
        "save_failures": failures,
    }
    log(f"   -> {d['requests']:,} requests, {d['errors']} errors {row['detail'] or ''}"
        + (f"; {saves} saves, {failures} failed" if with_editors else ""))
    return row


# -- report ------------------------------------------------------------------------------------------


def _n(x, fmt="{:,.0f}"):
    return "–" if x is None else fmt.format(x)


def report(results: list[dict], meta: dict) -> str:
    pages = [r for r in results if r["kind"] == "page"]
    lines = [f"# Page benchmark, {meta['date']}", ""]
    lines += [
        f"`{meta['command']}` at main `{meta['commit']}`, started {meta['started']} UTC"
        + (f", finished {meta['finished']} UTC." if meta.get("finished") else " (still running or interrupted)."),
        "",
        f"Machine: {meta['machine']}. Load average before the run: {meta['load_before']}"
        + (f", after: {meta['load_after']}" if meta.get("load_after") else "") + ".",
        "**The machine was shared with parallel work (other engineers' test suites) while measured:** "
        "compare figures within one run, as ratios to the trivial view measured alongside.",
        "",
        f"Method: gunicorn on 127.0.0.1, DEBUG=0, 2 sync workers, 1 thread, the production settings with a "
        f"loopback host, Redis cache ({REDIS_URL}); wrk -t1 -c8 --latency, {meta['duration']} s per page "
        f"after {meta['warmup']} s of warm-up, {meta['rounds']} round(s), median over rounds; the trivial "
        "view (`bench/trivial.py`, a fixed 10 KB page, same gunicorn flags) is measured between every five "
        "pages and the ratio is page req/s ÷ the median trivial req/s of that configuration. "
        "wrk is a closed loop: p99 includes queueing behind 2 workers. Page cache on = "
        f"`NEWSROOM_PAGE_CACHE_SECONDS={meta['cache_seconds']}`, off = 0.",
        "",
    ]
    for d in (r for r in results if r["kind"] == "data"):
        lines.append(
            f"- data {d['vendor']} {d['stories']:,} stories: {d['entities']:,} entities, "
            f"{d['mentions']:,} mentions, {d['links']:,} links in all, {d['tags']:,} tags"
        )
    lines.append("")
    configs = []
    for r in pages:
        key = (r["vendor"], r["stories"], r["cache"])
        if key not in configs:
            configs.append(key)
    for vendor, stories, cache in configs:
        rows = [r for r in pages if (r["vendor"], r["stories"], r["cache"]) == (vendor, stories, cache)]
        lines += [
            f"## {vendor}, {stories:,} stories, page cache {cache}", "",
            "| page | path | req/s | p50 ms | p99 ms | % of trivial | bytes | errors |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            if "rps" not in r:
                lines.append(f"| {r['page']} | `{r['path']}` | HTTP {r['status']} | | | | | |")
                continue
            ratio = "100" if r["page"] == "trivial" else f"{100 * r['ratio']:.1f}"
            label = r["page"] if r.get("conns", 8) == 8 else f"{r['page']} (1 connection: > {SLOW_SECONDS:g} s)"
            lines.append(
                f"| {label} | `{r['path'][:60]}` | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                f"{ratio} | {r['bytes']:,} | {r['errors']} |"
            )
        lines.append("")
    mem = [r for r in results if r["kind"] == "memory"]
    if mem:
        lines += ["## Memory per web worker", "", "| database | stories | cache | requests served | RSS per worker (MB) |",
                  "|---|---:|---|---:|---|"]
        for r in mem:
            rss = ", ".join(_n(x, "{:.0f}") for x in r["rss_mb"])
            lines.append(f"| {r['vendor']} | {r['stories']:,} | {r['cache']} | {r['requests']:,} | {rss}"
                         + (" (a worker restarted)" if r["restarted"] else "") + " |")
        lines.append("")
    errs = [r for r in results if r["kind"] == "errors"]
    if errs:
        lines += [f"## {meta['errors_seconds']} s at 32 connections (mix of every page type and 300 stories)", "",
                  "| database | stories | cache | editors saving | requests | req/s | p99 ms | errors | saves (failed) |",
                  "|---|---:|---|---|---:|---:|---:|---:|---|"]
        for r in errs:
            detail = f" {r['detail']}" if r["detail"] else ""
            saves = f"{r['saves']} ({r['save_failures']})" if r["editors"] else ""
            lines.append(f"| {r['vendor']} | {r['stories']:,} | {r['cache']} | {'yes' if r['editors'] else 'no'} | "
                         f"{r['requests']:,} | {r['rps']:,.0f} | {r['p99_ms']:.0f} | {r['errors']}{detail} | {saves} |")
        lines.append("")
    lines += targets_section(results, meta["errors_seconds"])
    if meta.get("peers"):
        lines += ["## Side by side with Wagtail (/work/shared/bench-peers)", "", meta["peers"], ""]
    return "\n".join(lines) + "\n"


def targets_section(results: list[dict], errors_seconds: int) -> list[str]:
    pages = {(r["vendor"], r["stories"], r["cache"], r["page"]): r for r in results
             if r["kind"] == "page" and "rps" in r}
    if not pages:
        return []
    out = ["## Against the targets", "", "| target | configuration | measured | met |", "|---|---|---|---|"]

    def ok(b: bool) -> str:
        return "yes" if b else "**no**"

    for (vendor, stories, cache, page), r in pages.items():
        if page not in ("story", "front"):
            continue
        want = TARGETS["cache_off_ratio" if cache == "off" else "cache_on_ratio"]
        out.append(f"| {page}: ≥ {100 * want:.0f} % of trivial (cache {cache}) | {vendor} {stories:,} | "
                   f"{100 * r['ratio']:.1f} % | {ok(r['ratio'] >= want)} |")
    worst = {}
    for (vendor, stories, cache, page), r in pages.items():
        if page == "trivial":
            continue
        key = (vendor, stories, cache)
        if key not in worst or r["p99_ms"] > worst[key][1]:
            worst[key] = (page, r["p99_ms"])
    for (vendor, stories, cache), (page, p99) in worst.items():
        out.append(f"| p99 < 25 ms at 8 connections, every page | {vendor} {stories:,} cache {cache} | "
                   f"worst {p99:.1f} ms ({page}) | {ok(p99 < TARGETS['p99_ms'])} |")
    sizes = sorted({k[1] for k in pages})
    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        for (vendor, stories, cache, page), r in pages.items():
            if stories != big or page == "trivial" or (vendor, small, cache, page) not in pages:
                continue
            base = pages[(vendor, small, cache, page)]
            slower = max(base["rps"] / r["rps"], r["p99_ms"] / base["p99_ms"])
            if slower > TARGETS["scale"] or page in ("story", "front"):
                out.append(f"| {big:,} within 1.5× of {small:,}: {page} | {vendor} cache {cache} | "
                           f"{slower:.2f}× (req/s {base['rps']:,.0f} → {r['rps']:,.0f}, p99 {base['p99_ms']:.1f} → "
                           f"{r['p99_ms']:.1f} ms) | {ok(slower <= TARGETS['scale'])} |")
    for r in (r for r in results if r["kind"] == "errors"):
        out.append(f"| 0 errors in {errors_seconds} s at 32 connections{' while editors save' if r['editors'] else ''} | "
                   f"{r['vendor']} {r['stories']:,} cache {r['cache']} | {r['errors']} | {ok(r['errors'] == 0)} |")
    for r in (r for r in results if r["kind"] == "memory"):
        top = max((x for x in r["rss_mb"] if x is not None), default=None)
        if top is not None:
            out.append(f"| < 120 MB per worker after {r['requests']:,} requests | {r['vendor']} {r['stories']:,} "
                       f"cache {r['cache']} | {top:.0f} MB | {ok(top < TARGETS['rss_mb'])} |")
    return out + [""]


# -- main ----------------------------------------------------------------------------------------------


def peers(args, raw: Path) -> str:
    """Our story page beside the peers' hello, template and Wagtail targets (their run.sh)."""
    run_sh = Path(args.peers_dir) / "run.sh"
    if not run_sh.exists():
        return f"not run: {run_sh} is missing"
    vendor, stories = args.databases[0], min(args.sizes)
    url = database_url(vendor, stories)
    prep = json.loads(
        subprocess.run([PYTHON, __file__, "prepare", "--database-url", url, "--stories", str(stories)],
                       cwd=ROOT, env={**os.environ, "DEBUG": "1"}, capture_output=True, text=True,
                       check=True).stdout.strip().splitlines()[-1]
    )
    env = site_env(url, 0)
    env.update(
        EXTRA_NAME="newsroom", EXTRA_CWD=str(ROOT), EXTRA_URL=prep["paths"]["story"],
        EXTRA_CMD=" ".join(gunicorn_args("newsroom.wsgi:application", 8293)).replace("8293", "$EXTRA_PORT"),
        EXTRA_PORT="8293", EXTRA_DJANGO_SETTINGS="newsroom.settings", EXTRA_PROJECT_DIR=str(ROOT),
        EXTRA_PYTHON=PYTHON, EXTRA_DESC=f"story page, {vendor} {stories:,} stories, page cache off",
        PASSES=str(args.peers_passes), ROUNDS="2", DURATION=str(max(5, int(args.duration))), WARMUP="3",
        RAW_DIR=str(raw / "peers"), RESULTS_FILE=str(raw / "peers-RESULTS.md"), SKIP_SETUP="0",
    )
    log("bench-peers: our story page beside hello, template and Wagtail")
    out = subprocess.run(["bash", str(run_sh)], cwd=run_sh.parent, env=env, capture_output=True, text=True)
    (raw / "peers.log").write_text(out.stderr)
    results = raw / "peers" / "RESULTS.md"
    if not results.exists():
        return f"run.sh failed (exit {out.returncode}); see peers.log in the raw folder"
    text = results.read_text().split("\n## Pass 1", 1)[0]  # the summary table; the rest stays in raw/
    return "\n".join(("#" + ln) if ln.startswith("#") else ln for ln in text.splitlines())


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd")
    pp = sub.add_parser("prepare")
    pp.add_argument("--database-url", required=True)
    pp.add_argument("--stories", type=int, required=True)
    pp.add_argument("--rebuild", action="store_true")
    pe = sub.add_parser("editors")
    pe.add_argument("--database-url", required=True)
    pe.add_argument("--seconds", type=float, default=60)
    pe.add_argument("--pause", type=float, default=1.0)
    pe.add_argument("--seed", type=int, default=0)
    p.add_argument("--quick", action="store_true", help="1,000 stories, SQLite, short runs (a few minutes)")
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10000, 100000])
    p.add_argument("--databases", type=lambda s: s.split(","), default=["sqlite", "postgres"])
    p.add_argument("--cache", type=lambda s: s.split(","), default=["off", "on"])
    p.add_argument("--cache-seconds", type=int, default=600)
    p.add_argument("--duration", type=float, default=5, help="seconds of wrk per page and round")
    p.add_argument("--warmup", type=float, default=2)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--memory-requests", type=int, default=10_000)
    p.add_argument("--memory-sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                   help="sizes that get the --memory-requests top-up (default: all)")
    p.add_argument("--errors-seconds", type=int, default=60)
    p.add_argument("--errors-sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                   help="sizes that get the 32-connection runs (default: the largest)")
    p.add_argument("--errors-cache", type=lambda s: s.split(","), default=["off"])
    p.add_argument("--editors", type=int, default=2, help="simulated editors saving during the second run")
    p.add_argument("--peers", action="store_true", help="also run /work/shared/bench-peers (Wagtail side by side)")
    p.add_argument("--peers-dir", default=os.environ.get("BENCH_PEERS_DIR", "/work/shared/bench-peers"))
    p.add_argument("--peers-passes", type=int, default=1)
    p.add_argument("--rebuild", action="store_true", help="rebuild the databases even if they match")
    p.add_argument("--output", help="the report (default bench/results/<UTC date>.md)")
    p.add_argument("--pages", type=lambda s: s.split(","), default=None,
                   help="only these page types, e.g. 'story,front' (default: every one)")
    args = p.parse_args(argv)
    if args.cmd is None and args.quick:
        args.sizes, args.databases, args.duration, args.warmup = [1000], ["sqlite"], 3, 1
        args.memory_requests, args.errors_seconds = 3000, 15
    if args.cmd is None and args.errors_sizes is None:
        args.errors_sizes = [max(args.sizes)]
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.cmd == "prepare":
        print(json.dumps(prepare(args.database_url, args.stories, args.rebuild)))
        return 0
    if args.cmd == "editors":
        print(json.dumps(editors(args.database_url, args.seconds, args.pause, args.seed)))
        return 0
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk (Debian's package)")
    started = datetime.datetime.now(datetime.UTC)
    raw = BENCH / "results" / "raw" / f"{started:%Y%m%dT%H%M%SZ}"
    raw.mkdir(parents=True)
    name = f"{started:%Y-%m-%d}{'-quick' if args.quick else ''}.md"
    output = Path(args.output) if args.output else BENCH / "results" / name
    commit = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), "?")
    meta = {
        "date": f"{started:%Y-%m-%d}", "started": f"{started:%Y-%m-%d %H:%M}", "commit": commit[:120],
        "command": "bench/pages.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": f"{os.cpu_count()} vCPU {cpu}, Python {platform.python_version()}, "
                   f"{subprocess.run(['wrk', '--version'], capture_output=True, text=True).stdout.split()[1]}",
        "load_before": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "duration": args.duration, "warmup": args.warmup, "rounds": args.rounds,
        "cache_seconds": args.cache_seconds, "errors_seconds": args.errors_seconds,
    }
    log("collecting static files")
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True,
                   env={**os.environ, "DEBUG": "0", "SECRET_KEY": "collectstatic", "STATIC_ROOT": str(STATIC_ROOT),
                        "ALLOWED_HOSTS": "127.0.0.1"})
    trivial = Server("trivial", gunicorn_args("bench.trivial:application", TRIVIAL_PORT), dict(os.environ),
                     TRIVIAL_PORT, raw / "server-trivial.log")
    results: list[dict] = []
    try:
        trivial.wait("/trivial/")
        for vendor in args.databases:
            for stories in args.sizes:
                measure({"vendor": vendor, "stories": stories}, args, trivial, raw, results)
                (raw / "results.json").write_text(json.dumps(results, indent=1))
                output.write_text(report(results, meta))
    finally:
        trivial.stop()
    if args.peers:
        meta["peers"] = peers(args, raw)
    meta["finished"] = f"{datetime.datetime.now(datetime.UTC):%H:%M}"
    meta["load_after"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    output.write_text(report(results, meta))
    log(f"wrote {output} (raw data: {raw})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
