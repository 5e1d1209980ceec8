"""
The JSON API: what a client of ``/api/articles/`` and ``/api/articles/<slug>/``
can rely on (ARCHITECTURE.md, "Public URLs" and "API detail").
"""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, LinkStatus
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    DraftFactory,
    OrganizationMentionFactory,
    PersonMentionFactory,
    PlaceMentionFactory,
    QuoteFactory,
    RoleFactory,
    ScheduledFactory,
    SectionFactory,
    SourceAttributionFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/articles/"
VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")


def detail_url(slug):
    return f"/api/articles/{slug}/"


def slugs_of(data):
    return [item["slug"] for item in data["results"]]


def slugs(response):
    assert response.status_code == 200, response.content
    return slugs_of(response.json())


def parse_iso(value):
    return datetime.datetime.fromisoformat(value)


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=VILNIUS)


# The list --------------------------------------------------------------------


def test_list_items_carry_the_promised_fields(client):
    section = SectionFactory(name="Defence", slug="defence")
    story = ArticleFactory(headline="Drills at sea", standfirst="Ships gathered.", section=section)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 1 and data["next"] is None and data["previous"] is None
    (item,) = data["results"]
    assert item["slug"] == story.slug
    assert item["url"] == f"http://testserver/stories/{story.slug}/"
    assert item["headline"] == "Drills at sea"
    assert item["standfirst"] == "Ships gathered."
    assert parse_iso(item["published_at"]) == story.published_at
    assert item["section"] == {"name": "Defence", "slug": "defence"}
    assert item["api_url"] == f"http://testserver/api/articles/{story.slug}/"


def test_list_is_newest_first(client):
    middle = ArticleFactory(published_at=hours_ago(5))
    newest = ArticleFactory(published_at=hours_ago(1))
    oldest = ArticleFactory(published_at=hours_ago(30))

    assert slugs(client.get(LIST_URL)) == [newest.slug, middle.slug, oldest.slug]


def test_list_shows_only_published_stories(client):
    visible = ArticleFactory()
    DraftFactory()
    ScheduledFactory()
    ArticleFactory(status=Article.Status.ARCHIVED)
    ArticleFactory(status=Article.Status.IN_REVIEW)

    data = client.get(LIST_URL).json()

    assert data["count"] == 1
    assert slugs_of(data) == [visible.slug]


def test_a_scheduled_story_appears_once_its_time_has_come(client):
    story = ArticleFactory(status=Article.Status.SCHEDULED, published_at=hours_ago(-1))
    assert slugs(client.get(LIST_URL)) == []

    Article.objects.filter(pk=story.pk).update(published_at=hours_ago(0.5))
    assert slugs(client.get(LIST_URL)) == [story.slug]


def test_list_pages_link_to_each_other_and_keep_the_filters(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    section = SectionFactory(slug="world")
    stories = [ArticleFactory(section=section, published_at=hours_ago(n + 1)) for n in range(5)]
    ArticleFactory()  # another section: filtered out

    first = client.get(LIST_URL, {"section": "world"}).json()
    assert first["count"] == 5
    assert slugs_of(first) == [s.slug for s in stories[:2]]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/articles/?section=world&page=2"

    second = client.get(first["next"]).json()
    assert slugs_of(second) == [s.slug for s in stories[2:4]]
    assert second["previous"] == "http://testserver/api/articles/?section=world"
    assert second["next"] == "http://testserver/api/articles/?section=world&page=3"

    last = client.get(second["next"]).json()
    assert slugs_of(last) == [stories[4].slug]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/articles/?section=world&page=2"


def test_a_page_past_the_end_is_a_json_404(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    ArticleFactory.create_batch(3)

    response = client.get(LIST_URL, {"page": 3})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "last page is 2" in response.json()["error"]
    assert client.get(LIST_URL, {"page": 0}).status_code == 404


def test_a_page_that_is_not_a_number_is_a_400(client):
    response = client.get(LIST_URL, {"page": "two"})

    assert response.status_code == 400
    assert "page" in response.json()["errors"]


def test_an_empty_list_is_an_empty_first_page(client):
    assert client.get(LIST_URL).json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_page_size_follows_the_setting(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 3
    ArticleFactory.create_batch(4)

    assert len(slugs(client.get(LIST_URL))) == 3


# Filters ---------------------------------------------------------------------


def test_filter_by_section(client):
    defence = SectionFactory(slug="defence")
    wanted = ArticleFactory(section=defence)
    ArticleFactory(section=SectionFactory(slug="culture"))

    assert slugs(client.get(LIST_URL, {"section": "defence"})) == [wanted.slug]


def test_filter_by_tag(client):
    wanted = ArticleFactory(tags=["Baltic Sea", "NATO"])
    ArticleFactory(tags=["Elections"])

    assert slugs(client.get(LIST_URL, {"tag": "baltic-sea"})) == [wanted.slug]


def test_filter_by_person_counts_only_confirmed_mentions(client):
    mention = PersonMentionFactory()
    PersonMentionFactory(person=mention.person, status=LinkStatus.SUGGESTED)
    PersonMentionFactory(person=mention.person, status=LinkStatus.REJECTED)
    PersonMentionFactory()  # someone else

    assert slugs(client.get(LIST_URL, {"person": mention.person.slug})) == [mention.article.slug]


def test_filter_by_organization(client):
    mention = OrganizationMentionFactory()
    OrganizationMentionFactory(organization=mention.organization, status=LinkStatus.SUGGESTED)
    OrganizationMentionFactory()

    assert slugs(client.get(LIST_URL, {"organization": mention.organization.slug})) == [mention.article.slug]


def test_filter_by_place(client):
    mention = PlaceMentionFactory()
    PlaceMentionFactory(place=mention.place, status=LinkStatus.REJECTED)
    PlaceMentionFactory()

    assert slugs(client.get(LIST_URL, {"place": mention.place.slug})) == [mention.article.slug]


def test_filter_by_source(client):
    attribution = SourceAttributionFactory()
    SourceAttributionFactory(source=attribution.source, status=LinkStatus.SUGGESTED)
    SourceAttributionFactory()

    assert slugs(client.get(LIST_URL, {"source": attribution.source.slug})) == [attribution.article.slug]


def test_filter_by_text(client):
    wanted = ArticleFactory(headline="Frigates arrive in Klaipėda")
    ArticleFactory(headline="Budget approved")

    assert slugs(client.get(LIST_URL, {"q": "frigates"})) == [wanted.slug]


def test_search_results_are_still_newest_first(client):
    older = ArticleFactory(headline="Frigates frigates frigates", published_at=hours_ago(10))
    newer = ArticleFactory(headline="A frigate story", body="Frigates were seen.", published_at=hours_ago(1))

    assert slugs(client.get(LIST_URL, {"q": "frigates"})) == [newer.slug, older.slug]


def test_filter_by_publication_dates(client):
    february = ArticleFactory(published_at=at(2025, 2, 27))
    march_first = ArticleFactory(published_at=at(2025, 3, 1, hour=9))
    march_later = ArticleFactory(published_at=at(2025, 3, 10))

    # A date means the start of that day in the newsroom's time zone.
    assert slugs(client.get(LIST_URL, {"published_after": "2025-03-01"})) == [march_later.slug, march_first.slug]
    assert slugs(client.get(LIST_URL, {"published_before": "2025-03-01"})) == [february.slug]
    assert slugs(
        client.get(LIST_URL, {"published_after": "2025-02-28", "published_before": "2025-03-05"})
    ) == [march_first.slug]


def test_filter_by_publication_datetimes(client):
    ArticleFactory(published_at=at(2025, 3, 1, hour=9))  # 07:00 UTC
    later = ArticleFactory(published_at=at(2025, 3, 1, hour=11))  # 09:00 UTC

    for value in ("2025-03-01T10:00:00+02:00", "2025-03-01T08:00:00Z", "2025-03-01T08:00:00.000001+00:00"):
        assert slugs(client.get(LIST_URL, {"published_after": value})) == [later.slug], value


def test_published_at_from_a_result_can_be_fed_back_as_a_filter(client):
    older = ArticleFactory(published_at=hours_ago(5))
    newer = ArticleFactory(published_at=hours_ago(1))
    newest_seen = client.get(LIST_URL).json()["results"][1]["published_at"]

    # Pasted unencoded into a URL: no "+" that would turn into a space.
    response = client.get(f"{LIST_URL}?published_after={newest_seen}")

    assert slugs(response) == [newer.slug, older.slug]


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"section": "no-such-section"}, "section", "no-such-section"),
        ({"person": "nobody"}, "person", "nobody"),
        ({"organization": "nothing"}, "organization", "nothing"),
        ({"place": "nowhere"}, "place", "nowhere"),
        ({"source": "rumour"}, "source", "rumour"),
        ({"published_after": "yesterday"}, "published_after", "ISO 8601"),
        ({"published_before": "2025-13-45"}, "published_before", "ISO 8601"),
    ],
)
def test_an_invalid_filter_is_a_400_that_says_what_is_wrong(client, params, field, words):
    ArticleFactory()

    response = client.get(LIST_URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert words in errors[field][0]


def test_list_queries_do_not_grow_with_the_page(client, settings, django_assert_num_queries):
    """Two queries (count, page) for 2 stories or 20, with every filter's lookup on top."""
    settings.NEWSROOM_PAGE_SIZE = 20
    section = SectionFactory(slug="defence")
    ArticleFactory.create_batch(2, section=section, tags=["nato", "sea"])
    with django_assert_num_queries(2):
        assert len(slugs(client.get(LIST_URL))) == 2
    # + the section's and the tag's lookups, and whether the tag is common (see ``carried_by``)
    with django_assert_num_queries(5):
        assert len(slugs(client.get(LIST_URL, {"section": "defence", "tag": "nato"}))) == 2

    ArticleFactory.create_batch(18, section=section, tags=["nato", "sea"])
    with django_assert_num_queries(2):
        assert len(slugs(client.get(LIST_URL))) == 20
    with django_assert_num_queries(5):
        assert len(slugs(client.get(LIST_URL, {"section": "defence", "tag": "nato"}))) == 20


# The detail ------------------------------------------------------------------


DETAIL_KEYS = {
    "slug", "url", "headline", "standfirst", "section", "published_at", "updated_at", "byline", "tags",
    "body_html", "body_text", "people", "organizations", "places", "sources", "quotes",
    "reported_earlier", "reported_later", "corrections",
}


@pytest.fixture
def story():
    """A story published on 1 March 2025 with one confirmed link of every kind."""
    story = ArticleFactory(
        headline="Kasčiūnas visits the frigates",
        standfirst="The minister inspected the ships.",
        body="Laurynas Kasčiūnas visited the port.\nHe spoke to the crews.",
        section=SectionFactory(name="Defence", slug="defence"),
        published_at=at(2025, 3, 1),
        tags=["NATO", "Baltic Sea"],
    )
    BylineFactory(article=story, name="Rūta Reporter", position=0)
    BylineFactory(article=story, name="Petras Photographer", position=1)
    return story


def test_detail_has_exactly_the_contract_shape(client, story):
    person = PersonMentionFactory(article=story, person__name="Laurynas Kasčiūnas").person
    RoleFactory(person=person, title="Minister of Defence", start_date=datetime.date(2024, 12, 12))
    organization = OrganizationMentionFactory(article=story, organization__name="Lithuanian Navy").organization
    place = PlaceMentionFactory(article=story, place__name="Klaipėda").place
    attribution = SourceAttributionFactory(article=story, source__name="LRT", cue="according to LRT")
    QuoteFactory(article=story, text="We are ready", speaker=person)
    QuoteFactory(article=story, text="Nobody knows who said this", speaker=None, paragraph=2)
    earlier = CrossReferenceFactory(
        from_article=story, to_article__published_at=at(2025, 2, 1), anchor_text="reported earlier"
    ).to_article
    later = CrossReferenceFactory(
        to_article=story, from_article__published_at=at(2025, 3, 5), anchor_text="as we reported"
    ).from_article
    correction = CorrectionFactory(article=story, text="The port was misnamed.")
    story.refresh_from_db()

    response = client.get(detail_url(story.slug))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == DETAIL_KEYS
    assert data["slug"] == story.slug
    assert data["url"] == f"http://testserver/stories/{story.slug}/"
    assert data["headline"] == "Kasčiūnas visits the frigates"
    assert data["standfirst"] == "The minister inspected the ships."
    assert data["section"] == {"name": "Defence", "slug": "defence"}
    assert parse_iso(data["published_at"]) == at(2025, 3, 1)
    # Never updated: its "updated" time is its first publication.
    assert parse_iso(data["updated_at"]) == story.published_at
    assert data["byline"] == ["Rūta Reporter", "Petras Photographer"]
    assert data["tags"] == ["Baltic Sea", "NATO"]
    assert data["body_html"] == story.body_html.replace('href="/', 'href="http://testserver/')
    assert "<p>" in data["body_html"]
    assert data["body_text"] == story.body_text and "visited the port" in data["body_text"]
    assert data["people"] == [
        {
            "name": "Laurynas Kasčiūnas",
            "slug": person.slug,
            "url": f"http://testserver/people/{person.slug}/",
            "role": "Minister of Defence",
        }
    ]
    assert data["organizations"] == [
        {
            "name": "Lithuanian Navy",
            "slug": organization.slug,
            "url": f"http://testserver/organizations/{organization.slug}/",
        }
    ]
    assert data["places"] == [
        {"name": "Klaipėda", "slug": place.slug, "url": f"http://testserver/places/{place.slug}/"}
    ]
    assert data["sources"] == [
        {
            "name": "LRT",
            "slug": attribution.source.slug,
            "url": f"http://testserver/sources/{attribution.source.slug}/",
            "kind": "according_to",
            "cue": "according to LRT",
        }
    ]
    assert data["quotes"] == [
        {"text": "We are ready", "speaker": {"name": "Laurynas Kasčiūnas", "slug": person.slug}},
        {"text": "Nobody knows who said this", "speaker": None},
    ]
    assert data["reported_earlier"] == [
        {
            "slug": earlier.slug,
            "url": f"http://testserver/stories/{earlier.slug}/",
            "headline": earlier.headline,
            "published_at": data["reported_earlier"][0]["published_at"],
            "anchor_text": "reported earlier",
        }
    ]
    assert parse_iso(data["reported_earlier"][0]["published_at"]) == at(2025, 2, 1)
    assert data["reported_later"] == [
        {
            "slug": later.slug,
            "url": f"http://testserver/stories/{later.slug}/",
            "headline": later.headline,
            "published_at": data["reported_later"][0]["published_at"],
            "anchor_text": "as we reported",
        }
    ]
    assert parse_iso(data["reported_later"][0]["published_at"]) == at(2025, 3, 5)
    assert data["corrections"] == [{"text": "The port was misnamed.", "created_at": data["corrections"][0]["created_at"]}]
    assert parse_iso(data["corrections"][0]["created_at"]) == correction.created_at


def test_detail_of_a_bare_story_has_every_key_with_empty_lists(client):
    story = ArticleFactory()

    data = client.get(detail_url(story.slug)).json()

    assert set(data) == DETAIL_KEYS
    for key in ("byline", "tags", "people", "organizations", "places", "sources", "quotes",
                "reported_earlier", "reported_later", "corrections"):
        assert data[key] == [], key


def test_detail_dates_are_iso_8601_with_a_time_zone(client, story):
    data = client.get(detail_url(story.slug)).json()

    for key in ("published_at", "updated_at"):
        assert parse_iso(data[key]).tzinfo is not None, key
    assert data["published_at"] == "2025-03-01T10:00:00Z"


def test_a_persons_role_is_the_one_held_when_the_story_appeared(client, story):
    minister = PersonMentionFactory(article=story, person__name="A Minister").person
    RoleFactory(person=minister, title="Member of Parliament", start_date=datetime.date(2016, 1, 1),
                end_date=datetime.date(2024, 12, 11))
    RoleFactory(person=minister, title="Minister of Defence", start_date=datetime.date(2024, 12, 12))
    RoleFactory(person=minister, title="Prime Minister", start_date=datetime.date(2026, 1, 1))
    PersonMentionFactory(article=story, person__name="Ordinary Citizen")

    people = {p["name"]: p["role"] for p in client.get(detail_url(story.slug)).json()["people"]}

    assert people == {"A Minister": "Minister of Defence", "Ordinary Citizen": ""}


def test_detail_shows_only_confirmed_links(client, story):
    for status in (LinkStatus.SUGGESTED, LinkStatus.REJECTED):
        PersonMentionFactory(article=story, status=status)
        OrganizationMentionFactory(article=story, status=status)
        PlaceMentionFactory(article=story, status=status)
        SourceAttributionFactory(article=story, status=status)
        QuoteFactory(article=story, status=status)
        CrossReferenceFactory(from_article=story, to_article__published_at=at(2025, 2, 1), status=status)
        CrossReferenceFactory(to_article=story, status=status)
    confirmed = PersonMentionFactory(article=story, person__name="Confirmed Person")

    data = client.get(detail_url(story.slug)).json()

    assert [p["slug"] for p in data["people"]] == [confirmed.person.slug]
    for key in ("organizations", "places", "sources", "quotes", "reported_earlier", "reported_later"):
        assert data[key] == [], key


def test_unpublished_stories_are_missing_from_reported_later(client, story):
    visible = CrossReferenceFactory(to_article=story, from_article__headline="Visible follow-up").from_article
    for referrer in (
        DraftFactory(),
        ScheduledFactory(),
        ArticleFactory(status=Article.Status.ARCHIVED),
        ArticleFactory(status=Article.Status.IN_REVIEW),
    ):
        CrossReferenceFactory(to_article=story, from_article=referrer)

    later = client.get(detail_url(story.slug)).json()["reported_later"]

    assert [item["slug"] for item in later] == [visible.slug]


def test_reported_earlier_only_lists_published_stories(client, story):
    gone = ArticleFactory(published_at=at(2025, 2, 1))
    CrossReferenceFactory(from_article=story, to_article=gone)
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.ARCHIVED)

    assert client.get(detail_url(story.slug)).json()["reported_earlier"] == []


def test_reported_earlier_lists_each_story_once_newest_first(client, story):
    older = ArticleFactory(published_at=at(2025, 1, 1))
    newer = ArticleFactory(published_at=at(2025, 2, 1))
    CrossReferenceFactory(from_article=story, to_article=older)
    CrossReferenceFactory(from_article=story, to_article=newer, anchor_text="reported earlier")
    CrossReferenceFactory(from_article=story, to_article=newer, relation="background")

    earlier = client.get(detail_url(story.slug)).json()["reported_earlier"]

    assert [item["slug"] for item in earlier] == [newer.slug, older.slug]


@pytest.mark.parametrize(
    "make",
    [
        DraftFactory,
        ScheduledFactory,
        lambda: ArticleFactory(status=Article.Status.ARCHIVED, published_at=None),
        lambda: ArticleFactory(status=Article.Status.IN_REVIEW),
    ],
    ids=["draft", "scheduled", "archived-never-public", "in-review"],
)
def test_unpublished_stories_are_a_json_404(client, make):
    story = make()

    response = client.get(detail_url(story.slug))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert story.slug in response.json()["error"]


def test_an_unknown_slug_is_a_json_404(client):
    response = client.get(detail_url("no-such-story"))

    assert response.status_code == 404
    assert response.json() == {"error": "No published story with the slug “no-such-story”."}


def test_a_renamed_story_redirects_to_its_new_address(client):
    story = ArticleFactory(slug="old-name")
    story.slug = "new-name"
    story.save()

    response = client.get(detail_url("old-name"))

    assert response.status_code == 301
    assert response["Location"] == reverse("api_article_detail", args=["new-name"])


def test_only_get_is_allowed(client):
    story = ArticleFactory()

    assert client.post(detail_url(story.slug)).status_code == 405
    assert client.post(LIST_URL).status_code == 405


def test_detail_queries_do_not_grow_with_the_links(client, story, django_assert_num_queries):
    """The same queries for a story with one link of each kind as for one with thirty."""

    def add_links(count):
        for _ in range(count):
            person = PersonMentionFactory(article=story).person
            RoleFactory(person=person)
            OrganizationMentionFactory(article=story)
            PlaceMentionFactory(article=story)
            SourceAttributionFactory(article=story)
            QuoteFactory(article=story, speaker=person)
            CrossReferenceFactory(from_article=story, to_article__published_at=at(2025, 2, 1))
            CrossReferenceFactory(to_article=story)
            CorrectionFactory(article=story)
            BylineFactory(article=story)
        story.tags.add(*[f"tag {n}-{count}" for n in range(count)])

    def fetch():
        data = client.get(detail_url(story.slug)).json()
        return len(data["people"]), len(data["reported_later"])

    add_links(1)
    # The story with its stored page parts; its earlier coverage; its later coverage.
    with django_assert_num_queries(3) as captured:
        assert fetch() == (1, 1)
    expected = len(captured)

    add_links(29)
    with django_assert_num_queries(expected):
        assert fetch() == (30, 30)


def test_unknown_api_address_answers_json_404(client):
    response = client.get("/api/stories/")
    assert response.status_code == 404
    assert response.json() == {"error": "There is no API at /api/stories/."}


def test_reported_lists_hold_the_reported_earlier_thread_only(client):
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=9))
    background = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=8))
    story = ArticleFactory(body="The Gaze reported earlier that it rained. Some background.")
    CrossReferenceFactory(from_article=story, to_article=earlier, anchor_text="The Gaze reported earlier")
    CrossReferenceFactory(from_article=story, to_article=background, relation="background")
    data = client.get(detail_url(story.slug)).json()
    assert [item["slug"] for item in data["reported_earlier"]] == [earlier.slug]
    assert data["reported_earlier"][0]["anchor_text"] == "The Gaze reported earlier"
    assert client.get(detail_url(background.slug)).json()["reported_later"] == []
    assert [item["slug"] for item in client.get(detail_url(earlier.slug)).json()["reported_later"]] == [story.slug]


def test_body_html_links_are_absolute(client):
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=9))
    story = ArticleFactory(body="The Gaze reported earlier that it rained.")
    CrossReferenceFactory(from_article=story, to_article=earlier, anchor_text="The Gaze reported earlier")
    body = client.get(detail_url(story.slug)).json()["body_html"]
    assert f'href="http://testserver/stories/{earlier.slug}/"' in body
