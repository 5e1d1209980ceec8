"""0009 moves each story's bare lead image into the photo library, clean, and deletes the uploaded copy."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from articles.models import Article
from images.storage import originals_storage
from tests.images.crafted import SECRETS, secret_jpeg

BEFORE = [("articles", "0008_lead_photo_from_the_library"), ("images", "0001_photo_library")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_lead_images_move_into_the_library():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    Section, OldArticle = old.get_model("articles", "Section"), old.get_model("articles", "Article")
    section = Section.objects.create(name="News", slug="news")
    uploaded = default_storage.save("lead/2025/03/troops on the border.jpg", ContentFile(secret_jpeg(orientation=6)))
    broken = default_storage.save("lead/2025/03/broken.jpg", ContentFile(b"not a photo"))
    common = {"section": section, "body": "Text.", "status": "draft"}
    OldArticle.objects.create(
        headline="Troops at the border", slug="troops", lead_image_file=uploaded,
        lead_image_caption="Troops at the Pabradė range.", lead_image_credit="Ona Jonaitė",
        lead_image_alt="Soldiers beside armoured vehicles", **common,
    )
    OldArticle.objects.create(headline="Broken", slug="broken", lead_image_file=broken, **common)
    OldArticle.objects.create(headline="No photo", slug="none", **common)

    migrate(latest)

    story = Article.objects.select_related("lead_image").get(slug="troops")
    photo = story.lead_image
    assert (photo.title, photo.caption, photo.credit, photo.alt_text) == (
        "Troops at the border", "Troops at the Pabradė range.", "Ona Jonaitė", "Soldiers beside armoured vehicles"
    )
    assert story.lead_image_caption == ""
    with originals_storage().open(photo.file.name) as handle:
        stored = handle.read()
    assert not [name for name, secret in SECRETS.items() if secret in stored]
    assert PILImage.open(io.BytesIO(stored)).size == (photo.width, photo.height) == (800, 1200)
    assert not default_storage.exists(uploaded)  # the copy with the metadata is gone
    # A file that is not a photo is left where it was; that story simply has no lead photo.
    assert Article.objects.get(slug="broken").lead_image is None and default_storage.exists(broken)
    assert Article.objects.get(slug="none").lead_image is None
