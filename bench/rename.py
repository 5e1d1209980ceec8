"""Renaming a much-mentioned entity: the editor's save, then the re-render jobs (not a test).

    DEBUG=1 .venv/bin/python bench/rename.py [--stories 50000] [--redis redis://127.0.0.1:6379/2]

In a throwaway SQLite database: 50,000 published stories (bulk-inserted,
each ~120 words) that all confirm a mention of one person, their HTML
rendered once. Then, as an editor does in the admin (the person's change
form, through Django's test client, logged in as a superuser): rename the
person (new name, new address, the old spelling kept as an alias) and time
the POST. Twice: "cold" (the first save in the process) and "warm".

The save only collects the stories' ids and queues one job per 500 stories
(``articles.tasks.rerender_stories``) on a Redis queue of its own; an rq
worker (in this process, burst mode) then runs them, and that time is the
re-render. Without Redis the jobs are collected and run here the same way.
Finally it checks that every story links the person's new address.
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

PARAGRAPH = (
    "The ministry said on Tuesday that the exercise would continue through the week, "
    "with units from three brigades taking part near the border. Officials declined to say "
    "how many troops were involved, citing security, but confirmed that allied aircraft "
    "would join the final phase."
)


ORIGINAL_NAME = "Laurynas Kasčiūnas"


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stories", type=int, default=50_000)
    p.add_argument("--redis", default="redis://127.0.0.1:6379/2", help="the queue's Redis ('' to run the jobs here)")
    return p.parse_args(argv)


def setup(folder: Path, redis_url: str) -> str:
    queue_name = f"bench-rename-{uuid.uuid4().hex[:8]}" if redis_url else ""
    os.environ.update(
        DEBUG="1", ALLOWED_HOSTS="testserver", DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"), PRIVATE_MEDIA_ROOT=str(folder / "private"),
        DJANGO_SETTINGS_MODULE="newsroom.settings", RQ_REDIS_URL=redis_url, RQ_QUEUE=queue_name or "newsroom",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.DEBUG = False  # as in production: the connection does not log every query
    return queue_name


def build(count: int):
    from django.utils import timezone

    from articles.models import Article, LinkStatus, PersonMention, Section
    from articles.services import rendered_body
    from entities.models import Person

    person = Person.objects.create(name=ORIGINAL_NAME)
    section = Section.objects.create(name="Defence", slug="defence")
    now = timezone.now()
    body = f"{person.name} visited the training area.\n\n{PARAGRAPH}\n\n{PARAGRAPH}"
    sample = Article(body=body)
    html, text, _ = rendered_body(sample)
    for start in range(0, count, 5000):
        Article.objects.bulk_create(
            Article(
                headline=f"Exercise update {n}", slug=f"exercise-update-{n}", standfirst="The drills go on.",
                body=body, body_html=html, body_text=text, section=section, status=Article.Status.PUBLISHED,
                published_at=now - timezone.timedelta(minutes=n + 1),
            )
            for n in range(start, min(count, start + 5000))
        )
    ids = list(Article.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 10000):
        PersonMention.objects.bulk_create(
            PersonMention(article_id=pk, person=person, status=LinkStatus.CONFIRMED) for pk in ids[start : start + 10000]
        )
    return person


def form_fields(html: str) -> dict:
    """What the browser posts for the change form as shown (inputs, selects, text areas)."""
    import lxml.html

    form = lxml.html.document_fromstring(html).get_element_by_id("person_form")
    return {name: value for name, value in form.form_values()}


def rename(client, person, name: str, slug: str) -> float:
    from django.urls import reverse

    url = reverse("admin:entities_person_change", args=[person.pk])
    data = {**form_fields(client.get(url).content.decode()), "name": name, "slug": slug, "aliases": ORIGINAL_NAME}
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    return elapsed


def main(argv=None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        queue_name = setup(Path(folder), args.redis)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from articles.models import Article
        from newsroom import jobs

        started = time.perf_counter()
        person = build(args.stories)
        print(f"built {args.stories:,} stories mentioning {person.name} in {time.perf_counter() - started:.1f} s")

        collected = []
        if not queue_name:
            # No broker: keep the jobs instead of running them after the save's commit.
            jobs.after_commit = collected.append
        client = Client()
        client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.org", "x" * 16))

        saves, renders = [], []
        for round_, (name, slug) in enumerate(
            [("Laurynas Kasčiūnas (minister)", "kasciunas-minister"), ("L. Kasčiūnas", "l-kasciunas")]
        ):
            saves.append(rename(client, person, name, slug))
            print(f"rename {'cold' if round_ == 0 else 'warm'}: save {saves[-1] * 1000:,.0f} ms", flush=True)
            started = time.perf_counter()
            if queue_name:
                queue = jobs.queue()
                waiting = queue.count
                from rq import SimpleWorker

                SimpleWorker([queue], connection=queue.connection).work(burst=True)
                failed = len(queue.failed_job_registry)
            else:
                waiting, failed = len(collected), 0
                while collected:
                    collected.pop(0)()
            renders.append(time.perf_counter() - started)
            linked = Article.objects.filter(body_html__contains=f'href="/people/{slug}/"').count()
            print(
                f"  {waiting} jobs re-rendered {linked:,} stories in {renders[-1]:.1f} s "
                f"({renders[-1] / max(linked, 1) * 1000:.2f} ms a story){'; FAILED JOBS: ' + str(failed) if failed else ''}"
            )
            if linked != args.stories:
                print(f"ERROR: {args.stories - linked:,} stories do not link the new address")
                return 1
        if queue_name:
            queue.delete(delete_jobs=True)
            for registry in (queue.finished_job_registry, queue.failed_job_registry):
                for job_id in registry.get_job_ids():
                    registry.remove(job_id, delete_job=True)
        print(f"median save {statistics.median(saves) * 1000:,.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
