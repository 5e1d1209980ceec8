"""Story lists page through the archive without counting it: "older" and "newer" links, a 404 past the end."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    DraftFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_in_45_stories(settings):
    settings.NEWSROOM_PAGE_SIZE = 20
    person = PersonFactory(name="Ada Ozola")
    section = SectionFactory(slug="news")
    now = timezone.now()
    stories = [
        ArticleFactory(section=section, published_at=now - datetime.timedelta(hours=i + 1), tags=["Drones"])
        for i in range(45)
    ]
    for story in stories:
        PersonMentionFactory(article=story, person=person)
    return person, stories


@pytest.mark.parametrize("url", ["/people/ada-ozola/", "/section/news/", "/tag/drones/", "/"])
def test_pages_go_from_newest_to_oldest_without_counting(client, person_in_45_stories, url):
    _, stories = person_in_45_stories
    seen = []
    for number in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page": number})
        assert response.status_code == 200
        assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
        page = response.context["page"]
        seen += [story.pk for story in page.object_list]
        html = response.content.decode()
        assert ('rel="next"' in html) == (number < 3)
        assert ('rel="prev"' in html) == (number > 1)
    assert seen == [story.pk for story in stories]
    assert client.get(url, {"page": 4}).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999999999999999999999", "9" * 5000, "٣"])
def test_a_page_that_is_not_a_page_number_is_a_404(client, person_in_45_stories, page):
    assert client.get("/people/ada-ozola/", {"page": page}).status_code == 404


@pytest.mark.parametrize("walk_from", [0, 10_000], ids=["common: walked newest first", "rare: sorted"])
@pytest.mark.parametrize("url", ["/people/ada-ozola/", "/tag/drones/", "/feeds/people/ada-ozola/"])
def test_common_and_rare_subjects_list_the_same_stories(client, person_in_45_stories, monkeypatch, walk_from, url):
    # Which of the two ways a list is read depends on how many stories carry its subject
    # (``ArticleQuerySet.carried_by``); readers see the same stories either way, drafts never.
    from articles import querysets

    monkeypatch.setattr(querysets, "WALK_FROM", walk_from)
    person, stories = person_in_45_stories
    draft = DraftFactory(tags=["Drones"], headline="Embargoed drone story")
    PersonMentionFactory(article=draft, person=person)

    if url.startswith("/feeds/"):
        text = client.get(url).content.decode()
        shown = [story.pk for story in stories if f"/stories/{story.slug}/" in text]
        assert shown == [story.pk for story in stories][: len(shown)] and shown
        assert "Embargoed" not in text
        return
    seen = []
    for number in (1, 2, 3):
        seen += [story.pk for story in client.get(url, {"page": number}).context["page"].object_list]
    assert seen == [story.pk for story in stories]


def test_a_person_page_quotes_them_from_the_stories_it_lists(client, person_in_45_stories):
    # Each page of a much-quoted person's stories shows what they said in those stories,
    # newest story first and in reading order within one, not a sort of their whole record.
    person, stories = person_in_45_stories
    for story in stories:
        QuoteFactory(article=story, speaker=person, paragraph=3, text=f"Later words in {story.headline}")
        QuoteFactory(article=story, speaker=person, paragraph=1, text=f"First words in {story.headline}")
    QuoteFactory(article=stories[0], speaker=person, status="rejected", text="A quote the desk rejected")
    embargoed = DraftFactory()
    PersonMentionFactory(article=embargoed, person=person)
    QuoteFactory(article=embargoed, speaker=person, text="Words from an embargoed story")

    first = client.get("/people/ada-ozola/")
    assert [quote.text for quote in first.context["quotes"]] == [
        f"{words} words in {story.headline}" for story in stories[:10] for words in ("First", "Later")
    ]
    html = first.content.decode()
    assert "A quote the desk rejected" not in html and "embargoed story" not in html
    # Each quote links the story it is from (the story list links them too: look in the quote's caption).
    assert f'in <a href="{stories[0].get_absolute_url()}">{stories[0].headline}</a>' in html

    third = client.get("/people/ada-ozola/", {"page": 3})
    assert [quote.text for quote in third.context["quotes"]] == [
        f"{words} words in {story.headline}" for story in stories[40:] for words in ("First", "Later")
    ]
