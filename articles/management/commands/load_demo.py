import os

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.demo.loader import EDITOR_USERNAME, load_demo

DEFAULT_PASSWORD = "newsroom-demo"


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: people, organisations, places, sources and original stories with their links, "
        "plus an 'editor' superuser (password from NEWSROOM_DEMO_PASSWORD, default 'newsroom-demo'). "
        "Safe to run again: it updates the demo content in place."
    )

    def handle(self, *args, **options):
        password = os.environ.get("NEWSROOM_DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            result = load_demo(password=password)
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom loaded: {counts['stories']} stories ({counts['published']} published) "
                f"in {counts['sections']} sections."
            )
        )
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items() if name not in {"stories", "published"}))
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: {EDITOR_USERNAME}  password: {password}")
        if not result.editor_created:
            self.stdout.write(f"(The '{EDITOR_USERNAME}' account already existed; its password was left unchanged.)")
