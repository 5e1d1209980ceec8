"""An entity's public page, feed and sitemap entry exist only once a published story links it.

A person accepted on an embargoed draft (with the new role the draft reports)
must not get a page before the story goes out; the pages that do exist never
link to one that would 404, and a source's editors' note stays in the newsroom.
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, PersonMention, Quote
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    RoleFactory,
    ScheduledFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed_minister():
    """A person confirmed only on a draft and on a story scheduled for tomorrow, with the role they report."""
    person = PersonFactory(name="Laura Newly-Appointed")
    ministry = OrganizationFactory(name="Ministry of Foreign Affairs")
    RoleFactory(person=person, organization=ministry, title="Minister of Foreign Affairs")
    OrganizationMentionFactory(article=ArticleFactory(headline="Ministry news"), organization=ministry)
    for story in (DraftFactory(headline="Embargoed appointment"), ScheduledFactory(headline="Appointment tomorrow")):
        PersonMentionFactory(article=story, person=person)
    return person


def test_a_person_only_unpublished_stories_link_has_no_page_or_feed(client, embargoed_minister):
    assert client.get(embargoed_minister.get_absolute_url()).status_code == 404
    assert client.get(f"/feeds/people/{embargoed_minister.slug}/").status_code == 404


def test_the_person_s_page_and_feed_appear_once_a_published_story_links_them(client, embargoed_minister):
    PersonMentionFactory(article=ArticleFactory(headline="Appointment announced"), person=embargoed_minister)

    page = client.get(embargoed_minister.get_absolute_url())
    feed = client.get(f"/feeds/people/{embargoed_minister.slug}/")

    assert page.status_code == 200 and "Appointment announced" in page.content.decode()
    assert feed.status_code == 200 and "Appointment announced" in feed.content.decode()
    for hidden in ("Embargoed appointment", "Appointment tomorrow"):
        assert hidden not in page.content.decode() and hidden not in feed.content.decode()


def test_the_organisation_page_does_not_announce_an_embargoed_appointment(client, embargoed_minister):
    ministry = embargoed_minister.roles.get().organization
    html = client.get(ministry.get_absolute_url()).content.decode()
    assert "Ministry news" in html
    assert "Laura Newly-Appointed" not in html

    PersonMentionFactory(article=ArticleFactory(headline="Appointment announced"), person=embargoed_minister)
    html = client.get(ministry.get_absolute_url()).content.decode()
    assert f'<a href="{embargoed_minister.get_absolute_url()}">Laura Newly-Appointed</a>' in html


@pytest.mark.parametrize(
    "entity_factory, link",
    [
        (OrganizationFactory, lambda story, entity: OrganizationMentionFactory(article=story, organization=entity)),
        (PlaceFactory, lambda story, entity: PlaceMentionFactory(article=story, place=entity)),
        (SourceFactory, lambda story, entity: SourceAttributionFactory(article=story, source=entity)),
    ],
    ids=["organisation", "place", "source"],
)
def test_organisation_place_and_source_pages_need_a_published_story(client, entity_factory, link):
    entity = entity_factory(name="Hidden Entity")
    link(DraftFactory(), entity)
    link(ScheduledFactory(), entity)
    link(ArticleFactory(status=Article.Status.ARCHIVED), entity)
    assert client.get(entity.get_absolute_url()).status_code == 404

    link(ArticleFactory(headline="Now it is news"), entity)
    response = client.get(entity.get_absolute_url())
    assert response.status_code == 200 and "Now it is news" in response.content.decode()


def test_pages_name_related_entities_without_linking_to_a_404(client):
    country = PlaceFactory(name="Latveria")  # in no published story: its page is a 404
    ministry = OrganizationFactory(name="Parent Ministry")  # likewise
    press = OrganizationFactory(name="Press Service", parent=ministry, country=country)
    OrganizationMentionFactory(article=ArticleFactory(), organization=press)

    html = client.get(press.get_absolute_url()).content.decode()

    assert "Parent Ministry" in html and "Latveria" in html
    assert ministry.get_absolute_url() not in html and country.get_absolute_url() not in html
    assert client.get(ministry.get_absolute_url()).status_code == 404

    PlaceMentionFactory(article=ArticleFactory(), place=country)
    OrganizationMentionFactory(article=ArticleFactory(), organization=ministry)
    html = client.get(press.get_absolute_url()).content.decode()
    assert f'href="{ministry.get_absolute_url()}"' in html and f'href="{country.get_absolute_url()}"' in html


def test_source_page_keeps_the_editors_reliability_note_in_the_newsroom(client):
    source = SourceFactory(name="Kremlin Wire", reliability_note="Repeats state claims; always corroborate.")
    SourceAttributionFactory(article=ArticleFactory(headline="Cited story"), source=source)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Cited story" in html
    assert "Repeats state claims" not in html and "Editors’ note" not in html


def test_a_story_published_a_moment_ago_opens_its_people_s_pages(client):
    """The rule is the publication time, not the status alone: no job has to run."""
    person = PersonFactory()
    story = ScheduledFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    PersonMentionFactory(article=story, person=person)
    assert client.get(person.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=story.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(person.get_absolute_url()).status_code == 200


def test_a_dateline_links_its_place_only_when_that_place_has_a_page(client):
    stockholm = PlaceFactory(name="Stockholm")
    story = ArticleFactory(dateline_place=stockholm)  # a dateline is not a mention

    html = client.get(story.get_absolute_url()).content.decode()
    assert '<span class="dateline">Stockholm</span>' in html
    assert stockholm.get_absolute_url() not in html

    PlaceMentionFactory(article=ArticleFactory(), place=stockholm)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'<a class="dateline" href="{stockholm.get_absolute_url()}">Stockholm</a>' in html


def test_a_confirmed_quote_makes_its_speaker_part_of_the_story(client):
    """The quote links its speaker's page, so that page must exist."""
    story = ArticleFactory()
    speaker = PersonFactory(name="Kadri Lepp")
    Quote.objects.create(article=story, text="We will be ready.", speaker=speaker, status="confirmed")
    assert PersonMention.objects.get(article=story, person=speaker).status == "confirmed"
    assert client.get(speaker.get_absolute_url()).status_code == 200


def test_a_rejected_mention_of_the_speaker_stays_rejected():
    story = ArticleFactory()
    speaker = PersonFactory()
    PersonMention.objects.create(article=story, person=speaker, status="rejected")
    Quote.objects.create(article=story, text="No comment.", speaker=speaker, status="confirmed")
    assert PersonMention.objects.get(article=story, person=speaker).status == "rejected"
