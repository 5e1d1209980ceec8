"""A story page's stored parts (``articles.page_parts``) show what the live queries would, and follow changes.

Each test changes something a story page shows, in the way the newsroom
changes it (a save, a rename, a tag, a role, time passing), and reads the page
as a reader does: the stored parts must never show the old state.
"""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Byline, CrossReference, StoryRole
from articles.page_parts import COVERAGE_LIMIT, compute_page_parts
from articles.services import article_transition
from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    OrganizationFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
    RoleFactory,
    ScheduledFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def page(client, story) -> str:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def stored_parts(story) -> dict | None:
    return Article.objects.values_list("page_parts", flat=True).get(pk=story.pk)


def test_a_saved_story_has_its_parts_stored(client):
    story = ArticleFactory(tags=["Drones"])
    PersonMentionFactory(article=story, person=PersonFactory(name="Ada Ozola"))
    SourceAttributionFactory(article=story, source=SourceFactory(name="LRT"), cue="according to LRT")
    Byline.objects.create(article=story, name="Rita Reporter")
    CorrectionFactory(article=story, text="An earlier version misspelt a name.")

    parts = stored_parts(story)

    assert [p["name"] for p in parts["people"]] == ["Ada Ozola"]
    assert [s["name"] for s in parts["sources"]] == ["LRT"]
    assert [t["name"] for t in parts["tags"]] == ["Drones"]
    assert parts["byline"] == "Reporting by Rita Reporter"
    assert [c["text"] for c in parts["corrections"]] == ["An earlier version misspelt a name."]
    html = page(client, story)
    for shown in ("Ada Ozola", "LRT", "Drones", "Rita Reporter", "misspelt"):
        assert shown in html


def test_renaming_a_source_a_tag_or_an_organisation_changes_the_pages_that_show_them(client):
    story = ArticleFactory(tags=["Drones"])
    source = SourceFactory(name="Old Outlet")
    SourceAttributionFactory(article=story, source=source)
    ministry = OrganizationFactory(name="Ministry of Defence")
    person = PersonFactory(name="Ada Ozola")
    RoleFactory(person=person, title="Spokesperson", organization=ministry)
    PersonMentionFactory(article=story, person=person)
    assert "Spokesperson, Ministry of Defence" in page(client, story)

    source.name = "New Outlet"
    source.save()
    tag = story.tags.get()
    tag.name = "Unmanned aircraft"
    tag.save()
    ministry.name = "Ministry of National Defence"
    ministry.save()

    html = page(client, story)
    assert "New Outlet" in html and "Old Outlet" not in html
    assert "Unmanned aircraft" in html
    assert "Spokesperson, Ministry of National Defence" in html


def test_a_quote_or_source_rejected_later_leaves_the_page(client):
    story = ArticleFactory()
    quote = QuoteFactory(article=story, text="We will defend every metre.")
    attribution = SourceAttributionFactory(article=story, source=SourceFactory(name="Delfi"))
    assert "every metre" in page(client, story) and "Delfi" in page(client, story)

    quote.status = attribution.status = "rejected"
    quote.save()
    attribution.save()

    html = page(client, story)
    assert "every metre" not in html and "Delfi" not in html


def test_a_title_read_in_a_scheduled_story_shows_when_that_story_goes_live_with_no_save(client):
    person = PersonFactory(name="Ada Ozola")
    story = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=3), status="published")
    PersonMentionFactory(article=story, person=person)
    carrier = ScheduledFactory(published_at=timezone.now() + datetime.timedelta(days=2))
    StoryRole.objects.create(role=RoleFactory(person=person, title="Chief of Defence", start_date=None), article=carrier)

    def parts_at(moment):
        from articles.page_parts import story_parts

        with mock.patch("django.utils.timezone.now", return_value=moment):
            return story_parts(Article.objects.get(pk=story.pk))

    assert parts_at(timezone.now() + datetime.timedelta(days=3, hours=1)).people[0]["title"] == "Chief of Defence"
    assert parts_at(timezone.now() + datetime.timedelta(days=1)).people[0]["title"] == ""
    # Unpublishing the carrier withdraws the title from the stored parts at once.
    article_transition(carrier, to=Article.Status.DRAFT)
    assert parts_at(timezone.now() + datetime.timedelta(days=3, hours=1)).people[0]["title"] == ""


def test_an_earlier_story_unpublished_leaves_the_coverage_of_stories_linking_it(client):
    earlier = ArticleFactory(headline="The first report", published_at=timezone.now() - datetime.timedelta(days=2))
    story = ArticleFactory()
    CrossReferenceFactory(from_article=story, to_article=earlier)
    assert "The first report" in page(client, story)

    article_transition(earlier, to=Article.Status.DRAFT)

    assert "The first report" not in page(client, story)


def test_coverage_lists_are_bounded_newest_first(client):
    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    now = timezone.now()
    later = [ArticleFactory(published_at=now - datetime.timedelta(hours=i + 1)) for i in range(COVERAGE_LIMIT + 3)]
    CrossReference.objects.bulk_create(
        CrossReference(from_article=s, to_article=story, relation="follow_up") for s in later
    )

    parts = client.get(story.get_absolute_url()).context["parts"]

    assert [item.slug for item in parts.later] == [s.slug for s in later[:COVERAGE_LIMIT]]


def test_a_story_without_parts_is_shown_from_the_live_queries_and_the_view_writes_nothing(client):
    story = ArticleFactory(tags=["Drones"])
    PersonMentionFactory(article=story, person=PersonFactory(name="Ada Ozola"))
    with_parts = page(client, story)
    Article.objects.filter(pk=story.pk).update(page_parts=None)

    assert page(client, story) == with_parts
    assert stored_parts(story) is None
    call_command("refresh_page_parts", str(story.pk))
    assert stored_parts(story) == compute_page_parts([story.pk])[story.pk]


def test_the_command_refreshes_every_story(capsys):
    stories = ArticleFactory.create_batch(3)
    Article.objects.update(page_parts=None)

    call_command("refresh_page_parts")

    assert all(stored_parts(story) for story in stories)
    assert "3 stories" in capsys.readouterr().out
