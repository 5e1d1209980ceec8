"""Every public page costs a fixed number of SQL queries, whatever the number of links.

Each page is measured for a story with one link of each kind and for one with
thirty of each (bylines, tags, people with two roles each, organisations,
places, source attributions, quotes, earlier and later coverage, corrections);
the entity pages' subject appears in one or thirty stories. The count must be
the same; a new query per item would show up as a difference.
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Byline
from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    RoleFactory,
    SectionFactory,
    SourceAttributionFactory,
    SourceFactory,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

# Queries per page. The first on every page is the header's section list.
EXPECTED_QUERIES = {
    # sections; story (with its stored page parts: tags, bylines, people and their
    # titles, organisations, places, sources, quotes, corrections);
    # earlier coverage; later coverage (the newest 50 of each)
    "story": 4,
    # Lists read one row more than a page holds (is there an older page?) and never count the archive.
    # sections; page of stories (with their sections)
    "front": 2,
    # sections; section; page
    "section": 3,
    # Tag and entity pages: + one query reading at most 500 index entries, which says whether
    # the tag or entity is common (walk the archive newest first) or rare (sort its few stories).
    # sections; tag; common?; page
    "tag": 4,
    # sections; person; common?; page; roles; quotes
    "person": 6,
    # sections; organisation (with parent, country); common?; page; roles (with people)
    "organization": 5,
    # sections; place (with parent); common?; page
    "place": 4,
    # sections; source (with organisation, country); common?; page of stories; their attributions
    "source": 5,
    # sections; the form's section choices; the newest matches' ids (at most SEARCH_WINDOW); count; page
    "search": 5,
    # stories; their tags; their bylines
    "feed": 3,
    # the index: one count for each of stories (with the latest change), sections, tags, people,
    # organisations, places, sources
    "sitemap": 7,
    # each paged sitemap: its page of rows, no count
    "sitemap-stories": 1,
    "sitemap-tags": 1,
    "sitemap-people": 1,
    "sitemap-sources": 1,
    # count; page of stories (with their sections)
    "api_list": 2,
    # story (with its page parts); earlier coverage; later coverage
    "api_detail": 3,
}


def build_newsroom(n: int) -> dict:
    """A story with ``n`` links of each kind, and entities that appear in ``n`` stories."""
    now = timezone.now()
    section = SectionFactory(name="News", slug="news")
    subject = {
        "person": PersonFactory(name="Subject Person"),
        "organization": OrganizationFactory(name="Subject Organisation", parent=OrganizationFactory()),
        "place": PlaceFactory(name="Subject Place", parent=PlaceFactory()),
        "source": SourceFactory(name="Subject Source", organization=OrganizationFactory()),
    }
    RoleFactory(person=subject["person"], title="Member of Parliament", end_date=datetime.date(2021, 1, 1))
    RoleFactory(person=subject["person"], organization=subject["organization"], start_date=datetime.date(2021, 1, 2))

    story = ArticleFactory(
        section=section,
        headline="The story under test",
        published_at=now - datetime.timedelta(days=1),
        dateline_place=subject["place"],
        tags=[f"Topic {i}" for i in range(n)],
    )
    credits = list(Byline.Credit)
    for i in range(n):
        Byline.objects.create(article=story, name=f"Reporter {i}", credit=credits[i % len(credits)], position=i)
        person = subject["person"] if i == 0 else PersonFactory()
        if i:
            RoleFactory(person=person, title="Member of Parliament", end_date=datetime.date(2021, 1, 1))
            RoleFactory(person=person, organization=OrganizationFactory(), start_date=datetime.date(2021, 1, 2))
        PersonMentionFactory(article=story, person=person)
        OrganizationMentionFactory(
            article=story, organization=subject["organization"] if i == 0 else OrganizationFactory()
        )
        PlaceMentionFactory(article=story, place=subject["place"] if i == 0 else PlaceFactory())
        SourceAttributionFactory(article=story, source=subject["source"] if i == 0 else SourceFactory())
        QuoteFactory(article=story, speaker=person)
        CorrectionFactory(article=story)

        # Earlier coverage, each in its own section (the front page groups n sections),
        # each tied to the subject entities so their pages list n stories.
        earlier = ArticleFactory(
            section=SectionFactory(), published_at=now - datetime.timedelta(days=2, hours=i), tags=["Topic 0"]
        )
        CrossReferenceFactory(from_article=story, to_article=earlier)
        if i:
            PersonMentionFactory(article=earlier, person=subject["person"])
            OrganizationMentionFactory(article=earlier, organization=subject["organization"])
            PlaceMentionFactory(article=earlier, place=subject["place"])
            SourceAttributionFactory(article=earlier, source=subject["source"])
            QuoteFactory(article=earlier, speaker=subject["person"])

        later = ArticleFactory(section=section, published_at=now - datetime.timedelta(minutes=i + 1))
        CrossReferenceFactory(from_article=later, to_article=story)
    return {"story": story, "section": section, **subject}


def page_urls(newsroom: dict) -> dict[str, str]:
    return {
        "story": newsroom["story"].get_absolute_url(),
        "front": "/",
        "section": newsroom["section"].get_absolute_url(),
        "tag": "/tag/topic-0/",
        "person": newsroom["person"].get_absolute_url(),
        "organization": newsroom["organization"].get_absolute_url(),
        "place": newsroom["place"].get_absolute_url(),
        "source": newsroom["source"].get_absolute_url(),
        "search": "/search/?q=story",
        "feed": "/feeds/latest/",
        "sitemap": "/sitemap.xml",
        "sitemap-stories": "/sitemap-stories.xml",
        "sitemap-tags": "/sitemap-tags.xml",
        "sitemap-people": "/sitemap-people.xml",
        "sitemap-sources": "/sitemap-sources.xml",
        "api_list": "/api/articles/",
        "api_detail": f"/api/articles/{newsroom['story'].slug}/",
    }


@pytest.fixture(params=[1, 30], ids=["1-of-each", "30-of-each"])
def newsroom(request):
    return build_newsroom(request.param) | {"n": request.param}


@pytest.mark.parametrize("page", list(EXPECTED_QUERIES))
def test_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries, newsroom, page):
    url = page_urls(newsroom)[page]
    client.get(url)  # Warm the per-process caches (content types), as a running site has.
    with django_assert_num_queries(EXPECTED_QUERIES[page]):
        response = client.get(url)
    assert response.status_code == 200


def test_the_thirty_links_are_really_on_the_pages(client):
    """Guard against a query count that is fixed only because the links were not shown."""
    newsroom = build_newsroom(30)
    story = client.get(newsroom["story"].get_absolute_url())
    person = client.get(newsroom["person"].get_absolute_url())
    parts = story.context["parts"]
    assert len(parts.people) == 30 and all(person["title"] for person in parts.people)
    assert len(parts.earlier) == 30 and len(parts.later) == 30
    assert len(parts.tags) == 30 and len(parts.corrections) == 30 and len(parts.source_lines) == 30
    assert story.content.decode().count('class="quote"') == 30
    detail = client.get(f"/api/articles/{newsroom['story'].slug}/").json()
    assert len(detail["people"]) == 30 and len(detail["reported_later"]) == 30
    assert len(person.context["page"]) == 20 and person.context["page"].has_next()
    assert len(client.get(newsroom["person"].get_absolute_url() + "?page=2").context["page"]) == 10
    assert len(person.context["quotes"]) == 20
    sitemap = sitemap_text(client)
    assert sitemap.count("/people/") == 30 and sitemap.count("/sources/") == 30
