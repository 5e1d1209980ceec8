"""Source protection, end to end: a photo uploaded with its location, serial numbers and owner in its
metadata leaves none of them in any stored file or in anything the site serves for it."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from images.models import Image
from tests.factories import ArticleFactory
from tests.images import crafted

pytestmark = pytest.mark.django_db


def leaks(data: bytes) -> list[str]:
    found = [name for name, secret in crafted.SECRETS.items() if secret in data]
    # The blocks themselves (EXIF, IPTC, XMP), by markers long enough never to occur in pixel data by chance.
    for marker in (b"Exif\x00\x00", b"Photoshop 3.0\x00", b"xmpmeta", b"http://ns.adobe.com/xap"):
        if marker in data:
            found.append(marker.decode("latin-1"))
    return found


def urls_in(html: str) -> set[str]:
    urls = set(re.findall(r'(?:src|content)="([^"]+/media/[^"]+)"', html))
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        urls |= {candidate.rsplit(" ", 1)[0] for candidate in srcset.split(", ")}
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        urls |= {image["url"] for image in json.loads(block).get("image", [])}
    return urls


@pytest.mark.parametrize("make", [crafted.secret_jpeg, crafted.secret_png, crafted.secret_webp],
                         ids=["jpeg", "png", "webp"])
def test_no_stored_file_and_no_served_url_carries_the_photo_s_secrets(
    make, admin_client, client, django_capture_on_commit_callbacks, settings
):
    data = make()
    assert len(leaks(data)) >= 5
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:images_image_add"), {
            "title": "Source's photo", "alt_text": "A frigate at a quay", "focal_x": 50, "focal_y": 50,
            "file": SimpleUploadedFile("IMG_0001.jpg", data),
        })
    assert response.status_code == 302
    photo = Image.objects.get()
    story = ArticleFactory(lead_image=photo, body=f"Text.\n[image:{photo.pk}]")

    # Every file in storage: the original and every rendition.
    roots = (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
    files = [path for root in roots for path in root.rglob("*") if path.is_file()]
    assert len(files) == 1 + photo.rendition_files.count()
    for path in files:
        assert leaks(path.read_bytes()) == [], path

    # Every address the site gives out for it: story page, front page, ninjs, the original.
    settings.DEBUG = False
    served = urls_in(client.get(story.get_absolute_url()).content.decode())
    served |= urls_in(client.get("/").content.decode())
    ninjs = client.get(f"/api/articles/{story.slug}/ninjs").json()
    served |= {r["href"] for a in ninjs["associations"] if a["name"] == "lead_image" for r in a["renditions"]}
    served.add(photo.original_url)
    assert len(served) >= photo.rendition_files.count()
    for url in served:
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        assert leaks(b"".join(response.streaming_content)) == [], url
