"""Sitemaps list published stories only; the Google News sitemap only those of the last two days."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date

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
from tests.sitemaps import NS, parse, sitemap_addresses, sitemap_entries, sitemap_locations

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_stories_with_lastmod_sections_and_tags(client):
    SectionFactory(name="Defence", slug="defence")
    story = ArticleFactory(tags=["Drones"])

    entries = sitemap_entries(client)

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


def test_sitemap_index_pages_each_kind_at_the_limit_and_every_page_is_served(client, settings):
    """/sitemap.xml names one sitemap per kind, split into pages of NEWSROOM_SITEMAP_LIMIT URLs."""
    settings.NEWSROOM_SITEMAP_LIMIT = 2
    now = timezone.now()
    stories = [ArticleFactory(published_at=now - datetime.timedelta(hours=i)) for i in range(5)]
    DraftFactory()

    addresses = sitemap_addresses(client)
    story_pages = [a for a in addresses if "/sitemap-stories.xml" in a]
    assert story_pages == [
        "http://testserver/sitemap-stories.xml",
        "http://testserver/sitemap-stories.xml?p=2",
        "http://testserver/sitemap-stories.xml?p=3",
    ]
    assert "http://testserver/sitemap-sections.xml" in addresses
    assert "http://testserver/sitemap-people.xml" in addresses

    pages = [parse(client.get("/sitemap-stories.xml", {"p": p})).findall("sm:url", NS) for p in (1, 2, 3)]
    assert [len(urls) for urls in pages] == [2, 2, 1]
    listed = [url.findtext("sm:loc", namespaces=NS) for urls in pages for url in urls]
    # Oldest first: a full page keeps its URLs as new stories arrive.
    assert listed == [f"http://testserver{story.get_absolute_url()}" for story in reversed(stories)]
    assert client.get("/sitemap-stories.xml", {"p": 4}).status_code == 404
    assert client.get("/sitemap-stories.xml", {"p": "two"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize(
    ("limit", "published", "pages"),
    [(4, 2, 1), (2, 2, 1), (2, 3, 2)],
    ids=["all linked fit one page", "public fit one page", "two pages"],
)
def test_entity_sitemap_pages_count_only_the_people_readers_can_see(client, settings, limit, published, pages):
    # The index counts a kind's public entities only when its linked ones (4 here) could
    # fill more than a page; either way it names exactly the pages that exist.
    settings.NEWSROOM_SITEMAP_LIMIT = limit
    people = [PersonFactory(name=f"Person {n}") for n in range(4)]
    for person in people[:published]:
        PersonMentionFactory(article=ArticleFactory(), person=person)
    for person in people[published:]:
        PersonMentionFactory(article=DraftFactory(), person=person)  # linked, not public

    people_pages = [a for a in sitemap_addresses(client) if "/sitemap-people.xml" in a]
    assert people_pages == ["http://testserver/sitemap-people.xml", "http://testserver/sitemap-people.xml?p=2"][:pages]
    listed = {location for location in sitemap_locations(client) if "/people/" in location}  # every page a 200
    assert listed == {f"http://testserver{person.get_absolute_url()}" for person in people[:published]}


def test_story_sitemap_index_entry_and_page_say_when_the_archive_last_changed(client):
    ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    latest = ArticleFactory(published_at=timezone.now() - datetime.timedelta(hours=1))

    index = parse(client.get("/sitemap.xml"))
    entry = next(e for e in index.findall("sm:sitemap", NS) if e.findtext("sm:loc", namespaces=NS).endswith("/sitemap-stories.xml"))
    assert datetime.datetime.fromisoformat(entry.findtext("sm:lastmod", namespaces=NS)) == latest.last_updated_at
    response = client.get("/sitemap-stories.xml")
    assert response["Last-Modified"] == http_date(latest.last_updated_at.timestamp())


def test_a_story_sitemap_page_is_one_query_whatever_its_length(client, django_assert_num_queries, settings):
    settings.NEWSROOM_SITEMAP_LIMIT = 50
    for _ in range(12):
        ArticleFactory()
    with django_assert_num_queries(1):
        assert client.get("/sitemap-stories.xml").status_code == 200
