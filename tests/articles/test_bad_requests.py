"""Crafted requests get a clean 400 or 404, never a 500, and never tell unpublished from unknown."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.search import MAX_QUERY_LENGTH, MAX_SEARCH_WORDS
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    PersonFactory,
    PersonMentionFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["/api/articles/", "/search/"]


@pytest.fixture
def story():
    person = PersonFactory(name="Laurynas Kasčiūnas", slug="kasciunas")
    article = ArticleFactory(section=SectionFactory(slug="defence"), tags=["NATO"])
    PersonMentionFactory(article=article, person=person)
    return article


EXTREME_DATES = [
    "0001-01-01T00:00:00+14:00",  # before year 1 once in UTC
    "9999-12-31T23:59:59-14:00",  # after year 9999 once in UTC
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "2025-02-30",
    "2025-13-01T00:00:00",
    "2025-01-01T25:61:00",
    "2025-01-01T00:00:00+99:00",
    "99999999999999999999",
    "1e308",
    "2025-01-01T00:00:00.9999999999999999999999Z",
    "now",
    "",
]


@pytest.mark.parametrize("value", EXTREME_DATES)
@pytest.mark.parametrize("name", ["published_after", "published_before"])
@pytest.mark.parametrize("url", LISTS)
def test_extreme_or_malformed_dates_are_refused_or_ignored_never_a_500(client, story, url, name, value):
    response = client.get(url, {name: value})
    assert response.status_code in (200, 400), response.content[:300]
    if url.startswith("/api/") and value and response.status_code == 400:
        assert name in response.json()["errors"]


def test_a_date_far_in_the_past_is_a_clear_400_in_the_api(client, story):
    response = client.get("/api/articles/", {"published_after": "0001-01-01T00:00:00+14:00"})
    assert response.status_code == 400
    assert "year" in " ".join(response.json()["errors"]["published_after"]).lower()


CONTROL_CHARACTERS = ["\x00", "\x01", "\x1b", "\x1f", "\x7f", "\n", "\t"]


@pytest.mark.parametrize("ch", CONTROL_CHARACTERS)
@pytest.mark.parametrize(
    "path",
    [
        "/tag/nato{}/",
        "/stories/x{}y/",
        "/people/kasciunas{}/",
        "/section/defence{}/",
        "/feeds/tag/nato{}/",
        "/api/articles/x{}/",
        "/api/articles/x{}/ninjs",
        "/admin/articles/article/{}/change/",
        "/{}",
    ],
)
def test_control_characters_in_a_path_are_a_400(client, story, path, ch):
    # Percent-encoded, as they arrive over the wire (urllib drops a raw tab or newline).
    response = client.get(path.format(quote(ch)))
    assert response.status_code == 400


@pytest.mark.parametrize("ch", CONTROL_CHARACTERS)
@pytest.mark.parametrize("url", [*LISTS, "/", "/tag/nato/", "/admin/articles/article/", "/feeds/latest/"])
def test_control_characters_in_a_query_are_a_400(client, story, url, ch):
    for name in ["q", "tag", "section", "person", "page", "published_after", "x"]:
        assert client.get(url, {name: f"nato{ch}"}).status_code == 400, name


def test_a_nul_in_a_query_key_is_a_400(client, story):
    assert client.get("/api/articles/?ta%00g=nato").status_code == 400


def test_search_terms_are_capped_with_a_message_naming_the_limit(client, story):
    many = " ".join(f"word{i}" for i in range(MAX_SEARCH_WORDS + 1))
    response = client.get("/api/articles/", {"q": many})
    assert response.status_code == 400
    assert str(MAX_SEARCH_WORDS) in " ".join(response.json()["errors"]["q"])
    page = client.get("/search/", {"q": many})  # the page answers with the form saying why
    assert page.status_code == 200
    assert f"Search for at most {MAX_SEARCH_WORDS} words" in page.content.decode()
    assert page.context["page"] is None


def test_thousands_of_search_words_never_reach_the_database(client, story):
    """SQLite refuses an expression over 1,000 terms deep: this was a 500."""
    response = client.get("/api/articles/", {"q": " ".join(["nato"] * 1500)})
    assert response.status_code == 400


def test_an_overlong_query_is_a_400(client, story):
    response = client.get("/api/articles/", {"q": "a" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert f"{MAX_QUERY_LENGTH:,}" in " ".join(response.json()["errors"]["q"])


def test_a_query_at_the_limits_is_answered(client, story):
    words = " ".join(["nato"] * MAX_SEARCH_WORDS)
    assert client.get("/api/articles/", {"q": words}).status_code == 200
    assert client.get("/search/", {"q": words}).status_code == 200


@pytest.mark.parametrize("page", ["99999999999999999999999", "9" * 5000, "-1", "0", "1.5", "1e9", "NaN", "inf", "٣"])
@pytest.mark.parametrize("url", ["/", "/section/defence/", "/tag/nato/", "/people/kasciunas/", "/search/?q=nato"])
def test_huge_or_odd_page_numbers_are_404_on_the_site(client, story, url, page):
    separator = "&" if "?" in url else "?"
    assert client.get(f"{url}{separator}page={page}").status_code in (200, 404)


@pytest.mark.parametrize("page", ["99999999999999999999999", "9" * 5000, "-1", "0", "1e9", "NaN"])
def test_huge_or_odd_page_numbers_are_400_or_404_in_the_api(client, story, page):
    assert client.get("/api/articles/", {"page": page}).status_code in (400, 404)


@pytest.mark.parametrize("param", ["ordering", "order_by", "o", "sort"])
@pytest.mark.parametrize("value", ["headline", "-nonexistent", "__class__", "published_at__year", "?"])
def test_unknown_orderings_and_filters_never_break_a_list(client, story, param, value):
    for url in LISTS:
        assert client.get(url, {param: value}).status_code in (200, 400)


@pytest.mark.parametrize("name", ["section", "person", "organization", "place", "source"])
def test_unknown_filter_values_are_a_400_naming_the_filter(client, story, name):
    response = client.get("/api/articles/", {name: "no-such-thing"})
    assert response.status_code == 400
    assert name in response.json()["errors"]


@pytest.mark.parametrize("name", ["person", "organization", "place", "source"])
def test_an_entity_only_unpublished_stories_link_answers_like_an_unknown_one(client, story, name):
    """Otherwise the API confirms an embargoed story's subject exists (200 and 0 results against 400)."""
    from tests import factories

    entity = {
        "person": factories.PersonFactory,
        "organization": factories.OrganizationFactory,
        "place": factories.PlaceFactory,
        "source": factories.SourceFactory,
    }[name](slug="embargoed")
    mention = {
        "person": factories.PersonMentionFactory,
        "organization": factories.OrganizationMentionFactory,
        "place": factories.PlaceMentionFactory,
        "source": factories.SourceAttributionFactory,
    }[name]
    mention(article=DraftFactory(), **{name: entity})
    hidden = client.get("/api/articles/", {name: "embargoed"})
    unknown = client.get("/api/articles/", {name: "never-existed"})
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json()["errors"][name][0].replace("embargoed", "X") == unknown.json()["errors"][name][0].replace(
        "never-existed", "X"
    )


def test_a_tag_only_drafts_carry_answers_like_an_unknown_one(client, story):
    DraftFactory(tags=["Secret"])
    hidden = client.get("/api/articles/", {"tag": "secret"})
    unknown = client.get("/api/articles/", {"tag": "no-such-tag"})
    assert hidden.status_code == unknown.status_code
    assert hidden.json() == unknown.json()


URLS_FOR_HEAD = [
    "/",
    "/healthz",
    "/search/?q=nato",
    "/section/defence/",
    "/tag/nato/",
    "/people/kasciunas/",
    "/feeds/latest/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
    "/news-sitemap.xml",
    "/api/articles/",
]


@pytest.mark.parametrize("url", URLS_FOR_HEAD)
def test_head_answers_wherever_get_does(client, story, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


def test_head_answers_for_a_story_its_api_detail_and_ninjs(client, story):
    for url in [
        story.get_absolute_url(),
        reverse("api_article_detail", args=[story.slug]),
        reverse("api_article_ninjs", args=[story.slug]),
    ]:
        assert client.head(url).status_code == client.get(url).status_code == 200


def test_other_methods_are_still_refused_by_the_api(client, story):
    assert client.post("/api/articles/").status_code == 405
    assert client.delete(reverse("api_article_detail", args=[story.slug])).status_code == 405
