from django.core.management.base import BaseCommand

from images.models import Image, Rendition
from images.services import generate_renditions


class Command(BaseCommand):
    help = (
        "Make the renditions photos are missing (after a migration, a restore, or a change to the rendition plan). "
        "Safe to run again: a photo whose renditions are complete is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these photos (default: every photo).")
        parser.add_argument(
            "--force", action="store_true", help="Draw every rendition again, even those already stored."
        )

    def handle(self, *args, ids, force, **options):
        photos = Image.objects.order_by("pk")
        if ids:
            photos = photos.filter(pk__in=ids)
        done = made = 0
        for photo in photos.iterator():
            if photo.renditions_ready and not force:
                continue
            if force:
                Rendition.objects.filter(image=photo).delete()  # the files are overwritten under the same names
            made += len(generate_renditions(photo.pk))
            done += 1
        self.stdout.write(f"{made} renditions made for {done} photo{'s' if done != 1 else ''}.")
