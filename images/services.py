"""
Writes to the photo library: adding a photo, and making its renditions.

``generate_renditions(image_id)`` is the one entry point for rendition work.
It is idempotent (it makes only the planned files that are missing and
removes the ones the plan no longer has), takes only the photo's id, and
runs outside any transaction, so it can be called after commit in-process
(``schedule_renditions``, through ``newsroom.jobs``: in-process after the
commit, or a job queue worker), or by
``manage.py generate_renditions``.
"""

from __future__ import annotations

import logging
import math

from django.core.files.base import ContentFile

from newsroom.jobs import enqueue

from . import processing
from .models import Image, Rendition
from .renditions import PlannedRendition, plan, plan_key
from .signals import renditions_ready
from .storage import originals_storage, renditions_storage

logger = logging.getLogger(__name__)


def image_create(*, data: bytes, title: str, **fields) -> Image:
    """Add a photo from its bytes (demo, imports); refused like an upload with a ``ValidationError``."""
    image = Image(title=title, **fields)
    image.file = processing.sanitise(data)
    image.save()
    return image


def schedule_renditions(image_id: int) -> None:
    """Make the renditions in a job once the photo is committed: never inside the request's transaction or a page view."""
    enqueue(generate_renditions, image_id)


def _decoding_size(image: Image, missing: list[PlannedRendition]) -> tuple[int, int]:
    """The smallest decoded size from which every missing rendition can still be drawn without upscaling."""
    scale = max(r.width / (r.box[2] - r.box[0]) for r in missing)
    return math.ceil(image.width * scale), math.ceil(image.height * scale)


def generate_renditions(image_id: int) -> list[Rendition]:
    """Make the photo's missing renditions, drop the ones its plan no longer has; return those made."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return []
    source = image.plan_source
    planned = plan(source)
    have = set(image.rendition_files.values_list("file", flat=True))
    missing = [rendition for rendition in planned if rendition.name not in have]
    made = _draw(image, missing) if missing else []
    Rendition.objects.bulk_create(made, ignore_conflicts=True)

    # Claim the plan only if the photo still is what we drew (a newer save schedules its own run).
    claimed = Image.objects.filter(
        pk=image.pk, token=image.token, focal_x=image.focal_x, focal_y=image.focal_y
    ).update(renditions_key=plan_key(source))
    if claimed:
        _delete_stale(image, {rendition.name for rendition in planned})
        renditions_ready.send(sender=Image, image_id=image.pk)
    return made


def _draw(image: Image, missing: list[PlannedRendition]) -> list[Rendition]:
    with originals_storage().open(image.file.name, "rb") as original:
        data = original.read()
    base = processing.open_for_renditions(data, _decoding_size(image, missing))
    scale, icc = base.width / image.width, base.info.get("icc_profile")
    storage = renditions_storage()
    made = []
    for box in dict.fromkeys(rendition.box for rendition in missing):
        wanted = [rendition for rendition in missing if rendition.box == box]
        versions = processing.resized_versions(
            base, scale=scale, box=box, sizes=[(rendition.width, rendition.height) for rendition in wanted]
        )
        for rendition in wanted:
            content = processing.encode_rendition(versions[rendition.width, rendition.height], rendition.format, icc)
            if storage.exists(rendition.name):  # left by an interrupted run: same name, same content
                storage.delete(rendition.name)
            stored = storage.save(rendition.name, ContentFile(content))
            made.append(
                Rendition(
                    image=image, file=stored, set=rendition.set, width=rendition.width, height=rendition.height,
                    format=rendition.format, file_size=len(content),
                )
            )
    logger.info("Made %d renditions of photo %s", len(made), image.pk)
    return made


def _delete_stale(image: Image, planned: set[str]) -> None:
    stale = list(image.rendition_files.exclude(file__in=planned))
    storage = renditions_storage()
    for rendition in stale:
        storage.delete(rendition.file.name)
    Rendition.objects.filter(pk__in=[rendition.pk for rendition in stale]).delete()


def delete_files(original: str, renditions: list[str]) -> None:
    """Remove a deleted or replaced photo's files (after its transaction commits)."""
    if original:
        originals_storage().delete(original)
    storage = renditions_storage()
    for name in renditions:
        storage.delete(name)
