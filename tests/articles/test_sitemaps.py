"""Sitemaps list published stories only; the Google News sitemap only those of the last two days."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.sitemaps import news_language
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    ScheduledFactory,
    SectionFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def test_sitemap_lists_published_stories_with_lastmod_sections_and_tags(client):
    SectionFactory(name="Defence", slug="defence")
    story = ArticleFactory(tags=["Drones"])

    root = parse(client.get("/sitemap.xml"))
    entries = {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}

    story_entry = entries[f"http://testserver{story.get_absolute_url()}"]
    assert story_entry.findtext("sm:lastmod", namespaces=NS) == timezone.localtime(story.last_updated_at).date().isoformat()
    assert "http://testserver/section/defence/" in entries
    assert "http://testserver/tag/drones/" in entries


def test_news_sitemap_has_stories_of_the_last_two_days_with_publication_details(client, settings):
    settings.NEWSROOM_PUBLICATION_NAME = "The Evening Lamp"
    now = timezone.now()
    fresh = ArticleFactory(headline="Fresh & new", published_at=now - datetime.timedelta(hours=5))
    ArticleFactory(headline="Three days old", published_at=now - datetime.timedelta(days=3))

    root = parse(client.get("/news-sitemap.xml"))
    urls = root.findall("sm:url", NS)

    assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [f"http://testserver{fresh.get_absolute_url()}"]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Evening Lamp"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new"
    published = datetime.datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == fresh.published_at


def test_news_language_is_the_iso_639_code_google_expects():
    assert news_language("en-gb") == "en"
    assert news_language("lt") == "lt"
    assert news_language("zh-tw") == "zh-tw"


def sitemap_locations(client) -> set[str]:
    root = parse(client.get("/sitemap.xml"))
    return {url.findtext("sm:loc", namespaces=NS) for url in root.findall("sm:url", NS)}


def test_sitemap_lists_the_pages_of_entities_published_stories_link_and_no_others(client):
    story, draft, scheduled = ArticleFactory(), DraftFactory(), ScheduledFactory()
    public = {
        "person": PersonFactory(),
        "organisation": OrganizationFactory(),
        "place": PlaceFactory(),
        "source": SourceFactory(),
    }
    unpublished = {
        "person": PersonFactory(),
        "organisation": OrganizationFactory(),
        "place": PlaceFactory(),
        "source": SourceFactory(),
    }
    for article, entities in ((story, public), (draft, unpublished), (scheduled, unpublished)):
        PersonMentionFactory(article=article, person=entities["person"])
        OrganizationMentionFactory(article=article, organization=entities["organisation"])
        PlaceMentionFactory(article=article, place=entities["place"])
        SourceAttributionFactory(article=article, source=entities["source"])
    # Cited twice by the published story: still one entry.
    SourceAttributionFactory(article=story, source=public["source"], kind="reported")

    locations = sitemap_locations(client)
    listed = [loc for loc in locations if loc.rsplit("/", 2)[0].endswith(("people", "organizations", "places", "sources"))]

    assert sorted(listed) == sorted(f"http://testserver{entity.get_absolute_url()}" for entity in public.values())
    for entity in unpublished.values():
        assert client.get(entity.get_absolute_url()).status_code == 404
    for entity in public.values():
        assert client.get(entity.get_absolute_url()).status_code == 200
