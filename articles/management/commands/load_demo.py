from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo newsroom into an empty newsroom: people, organisations, places, sources and original "
        "stories with their links. Adds one staff account per role (reporter, editor, admin) with a random "
        "password, printed once. Never changes what exists: with any content already there it loads nothing, "
        "and an existing account keeps its password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=None,
            help="Where the site is served, for the admin address printed (default: NEWSROOM_SITE_URL).",
        )

    def handle(self, *args, site_url=None, **options):
        with transaction.atomic():
            result = load_demo()
        if result.counts is None:
            self.stdout.write(
                self.style.WARNING(
                    f"The newsroom is not empty ({result.existing_stories} stories and its authority file): "
                    "the demo content was not loaded, and nothing was changed."
                )
            )
        else:
            counts = result.counts
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo newsroom loaded: {counts['stories']} stories ({counts['published']} published) "
                    f"in {counts['sections']} sections."
                )
            )
            self.stdout.write(
                ", ".join(f"{name}: {n}" for name, n in counts.items() if name not in {"stories", "published"})
            )
        site = (site_url or settings.NEWSROOM_SITE_URL).rstrip("/")
        self.stdout.write(f"Admin: {site}/admin/")
        for username, role, password in result.accounts:
            if password is None:
                self.stdout.write(f"  {role:<9} user: {username:<9} (existed already; its password was left unchanged)")
            else:
                self.stdout.write(f"  {role:<9} user: {username:<9} password: {password}")
