"""Compute and store the page parts of every story, or of the stories named by id."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.page_parts import BATCH, refresh_page_parts


class Command(BaseCommand):
    help = (
        "Compute and store the stories' page parts (links, titles, coverage, corrections: "
        "see articles.page_parts). For a database filled without saves (bulk_create, a restore "
        "from an older version); stories without current parts are shown right, but slower."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="story ids (default: every story)")

    def handle(self, *args, ids, **options):
        stories = Article.objects.order_by("pk").values_list("pk", flat=True)
        if ids:
            stories = stories.filter(pk__in=ids)
        done = 0
        batch: list[int] = []
        for pk in stories.iterator(chunk_size=BATCH):
            batch.append(pk)
            if len(batch) == BATCH:
                done += refresh_page_parts(batch)
                batch = []
        done += refresh_page_parts(batch)
        self.stdout.write(f"Refreshed the page parts of {done} {'story' if done == 1 else 'stories'}.")
