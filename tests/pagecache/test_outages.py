"""While the database is unreachable: cached pages are served, the rest answer a small 503; it recovers by itself."""

import json
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
REAL_TIME = time.time


def database_down():
    """Every query fails as it does when the server is gone."""
    return mock.patch.object(connection, "cursor", side_effect=OperationalError("could not connect to server"))


@pytest.mark.usefixtures("memory_page_cache")
def test_cached_pages_are_served_and_the_rest_answer_503(reader):
    cached, other = ArticleFactory(headline="Frigate arrives"), ArticleFactory()
    reader.get(cached.get_absolute_url())

    with database_down():
        hit = reader.get(cached.get_absolute_url())
        page = reader.get(other.get_absolute_url())
        api = reader.get("/api/articles/")

    assert hit.status_code == 200 and "Frigate arrives" in hit.content.decode()
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "back shortly" in page.content.decode()
    assert len(page.content) < 1000
    assert api.status_code == 503 and api["Retry-After"] == "30"
    assert "unavailable" in json.loads(api.content)["error"]
    # And it recovers on its own.
    assert reader.get(other.get_absolute_url()).status_code == 200


@pytest.mark.usefixtures("memory_page_cache")
def test_a_page_past_its_lifetime_is_served_stale_during_an_outage(reader, settings):
    story = ArticleFactory(headline="Frigate arrives")
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 1
    reader.get(story.get_absolute_url())
    with mock.patch("newsroom.pagecache.time.time", side_effect=lambda: REAL_TIME() + 5):
        with database_down():
            response = reader.get(story.get_absolute_url())
    assert response.status_code == 200 and response["X-Page-Cache"] == "stale"


def test_without_the_page_cache_every_page_answers_503(reader):
    story = ArticleFactory()
    with database_down():
        for url in ("/", story.get_absolute_url(), "/section/world/", "/feeds/latest/", "/sitemap.xml"):
            assert reader.get(url).status_code == 503, url


@pytest.mark.django_db(transaction=True)
def test_a_dead_database_server_answers_503_until_it_returns(reader):
    """The real thing: the connection points at nothing, then back at the database."""
    story = ArticleFactory()
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/newsroom.sqlite3"
    else:
        settings_dict["PORT"] = "9"  # discard: nothing answers
    try:
        response = reader.get(story.get_absolute_url())
        assert response.status_code == 503
        assert response["Retry-After"]
    finally:
        connection.close()
        settings_dict.clear()
        settings_dict.update(saved)
    assert reader.get(story.get_absolute_url()).status_code == 200


def test_healthz_fails_while_a_migration_is_not_applied(reader):
    assert reader.get("/healthz").status_code == 200
    MigrationRecorder.Migration.objects.filter(app="articles").order_by("-applied").first().delete()
    response = reader.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "migrations not applied"


def test_healthz_fails_while_the_database_is_down(reader):
    with database_down():
        assert reader.get("/healthz").status_code == 503


def test_connections_persist_with_health_checks():
    from django.conf import settings

    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_with_the_cache_server_down_pages_are_served_uncached_and_saves_succeed(reader, settings, committed):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/1"}}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    story = ArticleFactory(headline="Frigate arrives")
    response = reader.get(story.get_absolute_url())
    assert response.status_code == 200 and "Frigate arrives" in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    with committed():
        story.headline = "Frigate leaves"
        story.save()
    assert "Frigate leaves" in reader.get(story.get_absolute_url()).content.decode()
