"""What public pages tell browsers and CDNs: tags, Cache-Control, ETag/304, Vary; staff and previews stay private."""

import pytest

from articles.preview import preview_path
from tests.factories import ArticleFactory, DraftFactory, PersonFactory, PersonMentionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("memory_page_cache")]


@pytest.fixture
def story():
    story = ArticleFactory(headline="Frigate arrives")
    PersonMentionFactory(article=story, person=PersonFactory())
    return story


def test_a_story_page_names_what_it_shows_for_the_cdn(reader, story):
    response = reader.get(story.get_absolute_url())
    person_id = story.person_mentions.get().person_id
    tags = response["Cache-Tag"].split(",")
    assert {f"story:{story.pk}", f"section:{story.section_id}", f"person:{person_id}"} <= set(tags)
    assert response["Surrogate-Key"].split(" ") == tags
    control = response["Cache-Control"]
    for part in ("public", "max-age=60", "s-maxage=600", "stale-while-revalidate=30", "stale-if-error="):
        assert part in control
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("path", ["story", "/", "/feeds/latest/", "/api/articles/", "api-detail"])
def test_an_unchanged_page_answers_304_when_fresh_and_when_cached(reader, story, path):
    url = {"story": story.get_absolute_url(), "api-detail": f"/api/articles/{story.slug}/"}.get(path, path)
    first = reader.get(url)
    assert first.status_code == 200 and first["ETag"]
    # The page is in the cache now: a hit checks the reader's copy too.
    again = reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert reader.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_the_cache_off_still_answers_304(reader, story, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    first = reader.get(story.get_absolute_url())
    assert "X-Page-Cache" not in first
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert reader.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_staff_are_never_served_or_stored_by_the_cache(reader, story, admin_user):
    url = story.get_absolute_url()
    reader.get(url)
    reader.force_login(admin_user)
    response = reader.get(url)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"].startswith("private")
    assert "Cookie" in response["Vary"]
    admin = reader.get("/admin/")
    assert "private" in admin["Cache-Control"] and "X-Page-Cache" not in admin


def test_a_preview_is_never_cached(reader, admin_user):
    draft = DraftFactory(headline="Embargoed until noon")
    url = preview_path(draft)
    for _ in range(2):
        response = reader.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"
        assert "Cache-Tag" not in response


def test_a_missing_page_is_not_kept(reader):
    for _ in range(2):
        response = reader.get("/stories/not-yet-published/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")
