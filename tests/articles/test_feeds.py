"""RSS 2.0 feeds: the publication's name, published stories newest first, standfirst, tags, absolute ids."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.feeds import FEED_LENGTH
from articles.models import Byline
from tests.factories import ArticleFactory, ImageFactory, PersonFactory, PersonMentionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def items_of(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def test_latest_feed_lists_published_stories_newest_first_with_their_details(client):
    now = timezone.now()
    ArticleFactory(headline="Older", published_at=now - datetime.timedelta(days=2))
    newest = ArticleFactory(
        headline="Newest",
        standfirst="The summary.",
        published_at=now - datetime.timedelta(hours=1),
        tags=["NATO", "Troops"],
    )

    response = client.get("/feeds/latest/")
    channel_title = ET.fromstring(response.content).findtext("./channel/title")
    items = items_of(response)

    assert "The Gaze" in channel_title
    assert [item.findtext("title") for item in items] == ["Newest", "Older"]
    first = items[0]
    assert first.findtext("description") == "The summary."
    assert sorted(c.text for c in first.findall("category")) == ["NATO", "Troops"]
    assert first.findtext("guid") == f"http://testserver{newest.get_absolute_url()}"
    assert first.findtext("link") == f"http://testserver{newest.get_absolute_url()}"
    assert first.findtext("pubDate")


def test_feed_title_follows_the_configured_publication_name(client, settings):
    settings.NEWSROOM_PUBLICATION_NAME = "The Evening Lamp"
    ArticleFactory()
    title = ET.fromstring(client.get("/feeds/latest/").content).findtext("./channel/title")
    assert "The Evening Lamp" in title


def test_latest_feed_is_limited_to_thirty_items(client):
    for _ in range(FEED_LENGTH + 2):
        ArticleFactory()
    assert FEED_LENGTH == 30
    assert len(items_of(client.get("/feeds/latest/"))) == 30


def test_section_tag_and_person_feeds_list_only_their_stories(client):
    section = SectionFactory(name="Defence", slug="defence")
    person = PersonFactory(name="Aldona Vaitkutė")
    in_section = ArticleFactory(section=section, headline="In the section")
    tagged = ArticleFactory(headline="Tagged", tags=["Drones"])
    about_person = ArticleFactory(headline="About her")
    PersonMentionFactory(article=about_person, person=person)
    ArticleFactory(headline="Unrelated")

    def titles(url):
        return [item.findtext("title") for item in items_of(client.get(url))]

    assert titles("/feeds/section/defence/") == [in_section.headline]
    assert titles(f"/feeds/tag/{tagged.tags.get().slug}/") == [tagged.headline]
    assert titles(f"/feeds/people/{person.slug}/") == [about_person.headline]
    for url in ("/feeds/section/none/", "/feeds/tag/none/", "/feeds/people/nobody/"):
        assert client.get(url).status_code == 404


def test_feed_costs_the_same_queries_for_one_or_many_tagged_stories(client, django_assert_max_num_queries):
    for i in range(10):
        ArticleFactory(tags=[f"Tag {i}", "Common"])
    client.get("/feeds/latest/")  # Warm the per-process content type cache.
    # The stories, their tags and their bylines: no query per item.
    with django_assert_max_num_queries(3):
        client.get("/feeds/latest/")


DC = "{http://purl.org/dc/elements/1.1/}creator"


def authors_of(client) -> list[str | None]:
    item = items_of(client.get("/feeds/latest/"))[0]
    return [item.findtext(DC) or item.findtext("author")]


def test_a_reporter_who_also_took_the_photos_is_named_once_as_author(client):
    story = ArticleFactory(lead_image=ImageFactory(renditions=False))
    Byline.objects.create(article=story, name="Kristiina Mets", credit=Byline.Credit.REPORTING, position=0)
    Byline.objects.create(article=story, name="Kristiina Mets", credit=Byline.Credit.PHOTOS, position=1)
    assert authors_of(client) == ["Kristiina Mets"]


def test_feed_authors_are_the_reporters_and_writers_not_the_photographer(client):
    story = ArticleFactory()
    Byline.objects.create(article=story, name="Oskar Lind", credit=Byline.Credit.REPORTING, position=0)
    Byline.objects.create(article=story, name="Ona Jonaitė", credit=Byline.Credit.PHOTOS, position=1)
    Byline.objects.create(article=story, name="Elina Virtanen", credit=Byline.Credit.WRITING, position=2)
    assert authors_of(client) == ["Oskar Lind, Elina Virtanen"]


def test_a_story_credited_only_for_photos_names_the_photographer(client):
    story = ArticleFactory()
    Byline.objects.create(article=story, name="Ona Jonaitė", credit=Byline.Credit.PHOTOS, position=0)
    Byline.objects.create(article=story, name="Ona Jonaitė", credit=Byline.Credit.EDITING, position=1)
    assert authors_of(client) == ["Ona Jonaitė"]
