"""The photo library admin: uploads, refusals (a form error, never a 500, nothing stored), the change list."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from images.models import Image
from tests.factories import ArticleFactory, ImageFactory, SourceFactory
from tests.images import crafted

pytestmark = pytest.mark.django_db

ADD = reverse("admin:images_image_add")
CHANGELIST = reverse("admin:images_image_changelist")


def stored_files() -> list[Path]:
    roots = (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def upload(admin_client, name: str, data: bytes, **fields):
    values = {"title": "Frigate in port", "caption": "", "alt_text": "A frigate", "focal_x": 50, "focal_y": 50,
              **fields}
    return admin_client.post(ADD, {**values, "file": SimpleUploadedFile(name, data)})


def form_errors(response) -> list[str]:
    return [error for errors in response.context["adminform"].form.errors.values() for error in errors]


def test_an_upload_is_stored_under_a_name_we_made(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, "../../etc/Ona's secret beach trip.jpg", crafted.secret_jpeg())
    assert response.status_code == 302
    image = Image.objects.get()
    assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}\.jpg", image.file.name)
    assert image.file.name == f"{image.token[:2]}/{image.token}.jpg"
    for path in stored_files():
        assert "secret" not in str(path).lower() and "beach" not in str(path).lower()
        assert str(path).startswith((str(settings.MEDIA_ROOT), str(settings.PRIVATE_MEDIA_ROOT)))
    assert image.renditions_ready and image.uploaded_by.username == "admin"


@pytest.mark.parametrize("kind", list(crafted.hostile_files()))
def test_a_hostile_file_is_a_form_error_and_nothing_is_stored(admin_client, kind):
    name, data = crafted.hostile_files()[kind]
    response = upload(admin_client, name, data)
    assert response.status_code == 200
    errors = form_errors(response)
    assert errors, kind
    assert not Image.objects.exists()
    assert stored_files() == []
    # The editor's other input stays on the screen.
    assert 'value="Frigate in port"' in response.content.decode()


def test_the_pixel_limit_is_named_in_the_form(admin_client):
    response = upload(admin_client, "small.png", crafted.pixel_bomb())
    assert form_errors(response) == [
        "The image is 10000 × 10000 pixels (100 megapixels); the limit is 60 megapixels."
    ]
    assert stored_files() == []


def test_the_size_limit_is_named_in_the_form(admin_client, settings):
    settings.IMAGES_MAX_UPLOAD_BYTES = 2048
    response = upload(admin_client, "photo.jpg", crafted.plain("JPEG"))
    assert form_errors(response) == [f"The file is {len(crafted.plain('JPEG')) / 1024:.1f}\xa0KB; the limit is 2.0\xa0KB."]


def test_the_frame_limit_is_named_in_the_form(admin_client, settings):
    settings.IMAGES_MAX_FRAMES = 3
    response = upload(admin_client, "animation.gif", crafted.gif(8))
    assert form_errors(response) == ["The animation has more than 3 frames; the limit is 3."]


def test_the_credit_is_filled_from_the_source(admin_client):
    source = SourceFactory(name="Allied Maritime Command press office")
    upload(admin_client, "photo.jpg", crafted.plain("JPEG"), credit_source=source.pk)
    assert Image.objects.get().credit == "Allied Maritime Command press office"


def test_alt_text_of_a_photo_on_a_live_story_cannot_be_removed(admin_client):
    image = ImageFactory(renditions=False)
    ArticleFactory(lead_image=image, headline="Frigates arrive")
    url = reverse("admin:images_image_change", args=[image.pk])
    response = admin_client.post(url, {"title": image.title, "caption": "", "alt_text": "", "credit": "x",
                                       "focal_x": 50, "focal_y": 50})
    assert response.status_code == 200
    assert form_errors(response) == ["Alt text is required: the photo is shown by “Frigates arrive”."]


def test_the_change_list_shows_thumbnails_and_finds_by_text_credit_and_alt(admin_client):
    ImageFactory(title="Frigate", credit="Navy photo")
    ImageFactory(title="Tank", credit="Ona Jonaitė", alt_text="")
    html = admin_client.get(CHANGELIST).content.decode()
    assert html.count('class="library-thumbnail"') == 2 and "srcset=" in html
    found = admin_client.get(CHANGELIST, {"q": "frigate"}).context["cl"].result_list
    assert [image.title for image in found] == ["Frigate"]
    by_credit = admin_client.get(CHANGELIST, {"credit": "Ona Jonaitė"}).context["cl"].result_list
    assert [image.title for image in by_credit] == ["Tank"]
    missing_alt = admin_client.get(CHANGELIST, {"alt": "missing"}).context["cl"].result_list
    assert [image.title for image in missing_alt] == ["Tank"]


def test_the_change_list_costs_the_same_queries_for_2_or_20_photos(admin_client, django_assert_max_num_queries):
    for _ in range(2):
        ImageFactory(renditions=False)
    admin_client.get(CHANGELIST)
    with django_assert_max_num_queries(12) as few:
        admin_client.get(CHANGELIST)
    for _ in range(18):
        ImageFactory(renditions=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(CHANGELIST)


def test_the_change_form_gives_the_code_to_place_the_photo_and_lists_its_stories(admin_client):
    image = ImageFactory(renditions=False)
    ArticleFactory(lead_image=image, headline="Frigates arrive")
    html = admin_client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    assert f"[image:{image.pk}]" in html and "Frigates arrive" in html and "focal-point-picker" in html
