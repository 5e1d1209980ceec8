"""images.services: adding photos and making their renditions once, after commit, idempotently."""

import io

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image as PILImage

from images import processing
from images.models import Image, Rendition
from images.renditions import plan
from images.services import generate_renditions, image_create
from images.storage import originals_storage
from tests.factories import ImageFactory
from tests.images import crafted

pytestmark = pytest.mark.django_db


def test_renditions_are_made_once_after_the_photo_is_committed():
    with transaction.atomic():
        image = image_create(data=crafted.plain("JPEG", (2000, 1500)), title="Frigate", alt_text="A frigate")
        assert not image.rendition_files.exists()  # nothing inside the transaction
    image.refresh_from_db()
    assert image.renditions_ready
    for rendition in image.rendition_files.all():
        with default_storage.open(rendition.file.name) as handle:
            drawn = PILImage.open(io.BytesIO(handle.read()))
            assert drawn.size == (rendition.width, rendition.height)
            assert drawn.format == rendition.format


def test_generating_again_makes_nothing_new():
    image = ImageFactory()
    names = set(image.rendition_files.values_list("file", flat=True))
    assert names == {rendition.name for rendition in plan(image.plan_source)} and len(names) == 9
    assert generate_renditions(image.pk) == []
    assert set(image.rendition_files.values_list("file", flat=True)) == names


def test_a_new_focal_point_makes_new_crops_and_removes_the_old(django_capture_on_commit_callbacks):
    image = ImageFactory(file=processing.sanitise(crafted.plain("JPEG", (1600, 700))))

    def crops():
        return set(image.rendition_files.filter(file__contains="-3x2-").values_list("file", flat=True))

    old_crops = crops()
    image.focal_x = 10
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image.refresh_from_db()
    new_crops = crops()
    assert image.renditions_ready and new_crops and not (old_crops & new_crops)
    assert not any(default_storage.exists(name) for name in old_crops)
    assert all(default_storage.exists(name) for name in new_crops)


def test_a_deleted_photo_takes_its_files_with_it(django_capture_on_commit_callbacks):
    image = ImageFactory()
    original, renditions = image.file.name, list(image.rendition_files.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not originals_storage().exists(original)
    assert not any(default_storage.exists(name) for name in renditions)
    assert not Rendition.objects.exists()


def test_a_transparent_png_keeps_its_transparency_in_png_and_webp():
    image = image_create(data=crafted.plain("PNG", (700, 500), mode="RGBA"), title="Logo")
    generate_renditions(image.pk)
    formats = set(Image.objects.get(pk=image.pk).rendition_files.values_list("format", flat=True))
    assert formats == {"PNG", "WEBP"}
