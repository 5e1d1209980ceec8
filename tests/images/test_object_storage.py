"""Media on S3-compatible object storage, chosen by environment variables with no code change.

The storage settings are read from ``newsroom/settings.py`` run with the
variables a deployment sets; the bucket is moto's in-memory S3.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticleFactory
from tests.images import crafted

moto = pytest.importorskip("moto", reason="moto is not installed: object storage is not tested")
boto3 = pytest.importorskip("boto3")

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
BUCKET = "newsroom-media"
ENVIRONMENT = {"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_REGION_NAME": "eu-north-1"}


def storages_from_environment(**env) -> dict:
    environment = {**os.environ, "DEBUG": "1", **env}
    script = "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.STORAGES, default=str))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**environment, "DJANGO_SETTINGS_MODULE": "newsroom.settings"})
    return json.loads(result.stdout)


def test_the_bucket_variable_switches_both_stores_to_object_storage():
    local = storages_from_environment()
    assert local["default"]["BACKEND"] == local["originals"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    remote = storages_from_environment(**ENVIRONMENT)
    for alias in ("default", "originals"):
        assert remote[alias]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert remote[alias]["OPTIONS"]["bucket_name"] == BUCKET
    assert remote["default"]["OPTIONS"]["location"] == "media" and not remote["default"]["OPTIONS"]["querystring_auth"]
    assert remote["originals"]["OPTIONS"]["location"] == "originals" and remote["originals"]["OPTIONS"]["querystring_auth"]


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                        "AWS_DEFAULT_REGION": "eu-north-1"}.items():
        monkeypatch.setenv(name, value)
    configured = storages_from_environment(**ENVIRONMENT)
    with moto.mock_aws():
        client = boto3.client("s3", region_name="eu-north-1")
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
        settings.STORAGES = {**settings.STORAGES, "default": configured["default"],
                             "originals": configured["originals"]}
        yield client


def objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"]: client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read() for item in listed}


def test_photos_live_in_the_bucket_clean_with_public_renditions_and_private_originals(bucket, client, settings):
    from images.services import generate_renditions, image_create

    image = image_create(data=crafted.secret_jpeg(), title="Frigate", alt_text="A frigate")
    generate_renditions(image.pk)
    image.refresh_from_db()
    stored = objects(bucket)
    assert f"originals/{image.file.name}" in stored
    renditions = [key for key in stored if key.startswith("media/renditions/")]
    assert len(renditions) == image.rendition_files.count() >= 9
    for key, data in stored.items():
        assert not [name for name, secret in crafted.SECRETS.items() if secret in data], key
    head = bucket.head_object(Bucket=BUCKET, Key=renditions[0])
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    # Pages link renditions straight from the bucket; the original only through the site.
    url = image.rendition_url(image.renditions("full")[0])
    assert url.startswith(f"https://{BUCKET}.s3.") and "/media/renditions/" in url and "?" not in url
    assert image.original_url.startswith("/media/originals/")

    settings.DEBUG = False
    assert client.get(image.original_url).status_code == 404
    ArticleFactory(lead_image=image)
    response = client.get(image.original_url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"\xff\xd8"
