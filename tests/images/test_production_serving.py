"""Media with DEBUG=0 through the real stack: gunicorn serving newsroom.wsgi, a database and media on disk.

Nothing is mocked: a fresh SQLite database is migrated, a published and an
unpublished story get photos, and an HTTP client asks gunicorn for them.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(22400, 22999)

SETUP = """
import json
from articles.models import Article, Section
from images.services import generate_renditions, image_create
from tests.ports import free_port
from tests.images.crafted import secret_jpeg
section = Section.objects.create(name="News", slug="news")
urls = {}
for status in ("published", "draft"):
    image = image_create(data=secret_jpeg((1600, 1000)), title=status, alt_text="A frigate at a quay")
    generate_renditions(image.pk)
    image.refresh_from_db()
    Article.objects.create(headline=status, body="Text.", section=section, status=status, lead_image=image,
                           published_at=None if status == "draft" else "2025-01-01T10:00:00Z")
    urls[status] = {"original": image.original_url, "rendition": image.rendition_url(image.renditions("full")[0])}
print(json.dumps(urls))
"""


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.fixture
def production_site(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "PYTEST"))}
    env.update(
        DEBUG="0", SECRET_KEY="test-secret", ALLOWED_HOSTS="127.0.0.1", SECURE_COOKIES="0", SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"), DJANGO_SETTINGS_MODULE="newsroom.settings",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # As a release does: the error pages use the hashed static files.
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    made = subprocess.run([*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    urls = json.loads(made.stdout.strip().splitlines()[-1])
    port = free_port(PORTS)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if server.poll() is not None:
                pytest.fail("gunicorn stopped: " + server.stderr.read().decode()[-2000:])
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield base, urls
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_gunicorn_serves_a_published_photo_with_cache_headers_and_hides_an_unpublished_one(production_site):
    base, urls = production_site
    status, headers, body = fetch(base + urls["published"]["rendition"])
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "image/webp" and body[:4] == b"RIFF"
    assert b"SERIAL-98765" not in body and b"XMP-Secret-City" not in body

    status, headers, body = fetch(base + urls["published"]["original"])
    assert status == 200 and headers["Cache-Control"] == "public, max-age=3600"
    assert body[:2] == b"\xff\xd8" and b"Jane Secret Owner" not in body

    for url in urls["draft"].values():
        assert fetch(base + url)[0] == 404
