"""Photo files served through Django with DEBUG off: public photos to anyone, cached; the rest to nobody but staff."""

import pytest

from tests.factories import ArticleFactory, DraftFactory, ImageFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def a_rendition_url(image, set_name="full"):
    return image.rendition_url(image.renditions(set_name)[0])


def test_a_published_story_s_photo_and_its_renditions_are_served_with_cache_headers(client):
    image = ImageFactory()
    ArticleFactory(lead_image=image)
    rendition = client.get(a_rendition_url(image))
    assert rendition.status_code == 200
    assert rendition["Cache-Control"] == YEAR
    assert rendition["Content-Type"] == "image/webp"
    assert rendition["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in rendition["Content-Security-Policy"]
    assert b"".join(rendition.streaming_content)[:4] == b"RIFF"
    original = client.get(image.original_url)
    assert original.status_code == 200
    assert original["Cache-Control"] == "public, max-age=3600" and original["Content-Type"] == "image/jpeg"


def test_a_photo_only_an_unpublished_story_shows_is_not_served(client):
    for make in (DraftFactory, ScheduledFactory):
        image = ImageFactory()
        make(lead_image=image)
        for url in [image.original_url, *(image.rendition_url(r) for r in image.renditions("full"))]:
            assert client.get(url).status_code == 404, url


def test_a_library_photo_no_story_uses_is_not_served(client):
    image = ImageFactory()
    assert client.get(image.original_url).status_code == 404
    assert client.get(a_rendition_url(image, "teaser")).status_code == 404


def test_unpublishing_a_story_takes_its_photo_off_the_site(client):
    image = ImageFactory()
    story = ArticleFactory(lead_image=image)
    assert client.get(image.original_url).status_code == 200
    story.status = story.Status.DRAFT
    story.save()
    assert client.get(image.original_url).status_code == 404


def test_a_photo_placed_in_a_published_body_is_served(client):
    image = ImageFactory()
    ArticleFactory(body=f"First paragraph.\n[image:{image.pk}]\nLast paragraph.")
    assert client.get(a_rendition_url(image)).status_code == 200


def test_staff_see_unpublished_photos_and_no_shared_cache_keeps_them(admin_client):
    image = ImageFactory()
    DraftFactory(lead_image=image)
    for url in (image.original_url, a_rendition_url(image)):
        response = admin_client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_only_names_in_the_library_are_opened(client):
    image = ImageFactory()
    ArticleFactory(lead_image=image)
    for url in (
        "/media/renditions/../../newsroom/settings.py",
        "/media/originals/../../../etc/passwd",
        "/media/%2e%2e/%2e%2e/manage.py",
        "/media/renditions/00/does-not-exist.jpg",
        a_rendition_url(image) + ".bak",
    ):
        assert client.get(url).status_code == 404, url


def test_a_cached_copy_is_revalidated_without_sending_the_file(client):
    image = ImageFactory()
    ArticleFactory(lead_image=image)
    first = client.get(a_rendition_url(image))
    again = client.get(a_rendition_url(image), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == YEAR
