"""Drafts, stories in review, archived and scheduled stories are invisible on every public surface."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleSlugHistory
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    DraftFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    ScheduledFactory,
    SectionFactory,
    SourceAttributionFactory,
    SourceFactory,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

HIDDEN_HEADLINE = "Embargoed zeppelin story"


def hidden_story(kind: str) -> Article:
    """A story readers must not see, with a headline that is easy to look for."""
    if kind == "draft":
        return DraftFactory(headline=HIDDEN_HEADLINE)
    if kind == "scheduled":
        return ScheduledFactory(headline=HIDDEN_HEADLINE)
    if kind == "scheduled-status":
        return ScheduledFactory(headline=HIDDEN_HEADLINE, status=Article.Status.SCHEDULED)
    if kind == "archived":
        # Archived before it was ever public. (An archived record, public once, stays at its address:
        # see test_archived.py.)
        return ArticleFactory(headline=HIDDEN_HEADLINE, status=Article.Status.ARCHIVED, published_at=None)
    return ArticleFactory(headline=HIDDEN_HEADLINE, status=Article.Status.IN_REVIEW)


HIDDEN_KINDS = ["draft", "review", "archived", "scheduled", "scheduled-status"]


@pytest.fixture(params=HIDDEN_KINDS)
def world(request):
    """A published story and a hidden one sharing section, tag and every kind of link."""
    section = SectionFactory(name="Defence", slug="defence")
    person = PersonFactory(name="Aldona Vaitkutė")
    source = SourceFactory(name="LRT")
    organization = OrganizationFactory(name="Ministry of Defence")
    place = PlaceFactory(name="Pabradė")
    visible = ArticleFactory(section=section, headline="Published zeppelin story", tags=["Zeppelins"])
    hidden = hidden_story(request.param)
    hidden.section = section
    hidden.save()
    hidden.tags.add("Zeppelins")
    for story in (visible, hidden):
        PersonMentionFactory(article=story, person=person)
        OrganizationMentionFactory(article=story, organization=organization)
        PlaceMentionFactory(article=story, place=place)
        SourceAttributionFactory(article=story, source=source)
    QuoteFactory(article=visible, speaker=person, text="Quote from the published story")
    QuoteFactory(article=hidden, speaker=person, text="Quote from the hidden story")
    return {
        "kind": request.param,
        "visible": visible,
        "hidden": hidden,
        "person": person,
        "source": source,
        "organization": organization,
        "place": place,
        "pages": [
            "/",
            "/section/defence/",
            "/tag/zeppelins/",
            person.get_absolute_url(),
            organization.get_absolute_url(),
            place.get_absolute_url(),
            source.get_absolute_url(),
            "/search/?q=zeppelin",
            "/feeds/latest/",
            "/feeds/section/defence/",
            "/feeds/tag/zeppelins/",
            f"/feeds/people/{person.slug}/",
            "/sitemap-stories.xml",
            "/news-sitemap.xml",
        ],
    }


def test_hidden_story_page_is_404(client, world):
    assert client.get(world["hidden"].get_absolute_url()).status_code == 404


def test_hidden_story_old_address_is_404_not_a_redirect(client, world):
    ArticleSlugHistory.objects.create(article=world["hidden"], slug="old-hidden-address")
    assert client.get("/stories/old-hidden-address/").status_code == 404


def test_hidden_story_is_on_no_list_feed_or_sitemap(client, world):
    visible_url, hidden_url = world["visible"].get_absolute_url(), world["hidden"].get_absolute_url()
    for page in world["pages"]:
        response = client.get(page)
        body = response.content.decode()
        assert response.status_code == 200, page
        assert visible_url in body, f"{page} should list the published story"
        assert HIDDEN_HEADLINE not in body, f"{page} shows a {world['kind']} story"
        assert hidden_url not in body, f"{page} links a {world['kind']} story"


def test_quote_from_a_hidden_story_is_not_on_the_person_page(client, world):
    html = client.get(world["person"].get_absolute_url()).content.decode()
    assert "Quote from the published story" in html
    assert "Quote from the hidden story" not in html


def test_hidden_story_linking_to_a_published_one_is_not_its_later_coverage(client, world):
    earlier = ArticleFactory(headline="The earlier story", published_at=timezone.now() - datetime.timedelta(days=9))
    CrossReferenceFactory(from_article=world["hidden"], to_article=earlier)
    html = client.get(earlier.get_absolute_url()).content.decode()
    assert HIDDEN_HEADLINE not in html
    assert "Later coverage" not in html


def test_a_tag_only_hidden_stories_carry_is_not_public(client):
    DraftFactory(headline=HIDDEN_HEADLINE, tags=["Secret merger"])
    assert client.get("/tag/secret-merger/").status_code == 404
    assert client.get("/feeds/tag/secret-merger/").status_code == 404
    assert "secret-merger" not in sitemap_text(client)


def test_scheduled_story_appears_once_its_time_has_passed(client):
    """No job publishes it: a scheduled story whose time has come is simply visible."""
    story = ArticleFactory(
        headline="Went live a minute ago",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Went live a minute ago" in client.get("/").content.decode()
    assert "Went live a minute ago" in client.get("/feeds/latest/").content.decode()
