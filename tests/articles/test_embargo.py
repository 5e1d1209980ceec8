"""Nothing public before its story: what an unpublished story adds (a role, a new person, organisation,
place or source, a later-coverage link) shows on no public surface until a story carrying it is published."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, StoryRole, Suggestion
from articles.services import article_transition
from articles.story_roles import role_dates
from articles.suggestions import accept_suggestion
from entities.models import Person, Role
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    DraftFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    RoleFactory,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

NEW = {"person": "Mikko Laine", "organization": "Baltic Drone Coalition", "place": "Pabradė", "source": "Delfi"}
NEW_PAGES = ["/people/mikko-laine/", "/organizations/baltic-drone-coalition/", "/places/pabrade/", "/sources/delfi/"]


@pytest.fixture
def newsroom():
    """An older published story about a public minister; a draft that promotes him, names four new
    entities and links back to the older story."""
    ministry = OrganizationFactory(name="Ministry of National Defence", slug="ministry")
    minister = PersonFactory(name="Laurynas Kasčiūnas", slug="kasciunas")
    RoleFactory(person=minister, title="Deputy Minister", organization=ministry, start_date=None)  # by the desk
    older = ArticleFactory(
        headline="Deputy minister visits base", slug="older",
        published_at=timezone.now() - datetime.timedelta(days=10),
    )
    PersonMentionFactory(article=older, person=minister)
    OrganizationMentionFactory(article=older, organization=ministry)

    # A story of this very day: only the embargo, not the role's date, keeps the new title off it.
    recent = ArticleFactory(headline="Minister speaks", slug="recent", published_at=timezone.now())
    PersonMentionFactory(article=recent, person=minister)

    draft = DraftFactory(headline="New minister appointed", slug="draft", body="Laurynas Kasčiūnas and more.")
    suggestions = [
        Suggestion.objects.create(
            article=draft, kind="person", name="Laurynas Kasčiūnas", key="laurynas kasciunas",
            data={"role": "Minister of Defence", "organization": "Ministry of National Defence"},
        ),
        *(
            Suggestion.objects.create(article=draft, kind=kind, name=name, key=name.lower(), data={})
            for kind, name in NEW.items()
        ),
    ]
    for suggestion in suggestions:
        accept_suggestion(suggestion)
    CrossReferenceFactory(from_article=draft, to_article=older, anchor_text="")
    return {"older": older, "draft": draft, "minister": minister}


def public_view(client) -> dict:
    """Everything readers (and robots) can see that a draft could leak into."""
    api = client.get(reverse("api_article_detail", args=["older"])).json()
    return {
        "older page": client.get("/stories/older/").content.decode(),
        "older api people": [(p["name"], p["role"]) for p in api["people"]],
        "older api later": [story["slug"] for story in api["reported_later"]],
        "recent api people": [
            (p["name"], p["role"]) for p in client.get(reverse("api_article_detail", args=["recent"])).json()["people"]
        ],
        "recent page": client.get("/stories/recent/").content.decode(),
        "older ninjs": client.get(reverse("api_article_ninjs", args=["older"])).content.decode(),
        "minister page": client.get("/people/kasciunas/").content.decode(),
        "ministry page": client.get("/organizations/ministry/").content.decode(),
        "new pages": [client.get(url).status_code for url in NEW_PAGES],
        "new feed": client.get(reverse("feed_person", args=["mikko-laine"])).status_code,
        "api filters": [
            client.get(reverse("api_article_list"), {kind: url.strip("/").split("/")[1]}).status_code
            for kind, url in zip(NEW, NEW_PAGES, strict=True)
        ],
        "sitemap": sitemap_text(client),
        "feed": client.get("/feeds/latest/").content.decode(),
        "search": client.get("/search/", {"q": "appointed"}).content.decode(),
        "api list": [story["slug"] for story in client.get(reverse("api_article_list")).json()["results"]],
    }


def test_an_unpublished_story_adds_nothing_public_until_it_is_published(client, newsroom):
    seen = public_view(client)
    assert "Deputy Minister" in seen["older page"] and "Minister of Defence" not in seen["older page"]
    assert seen["older api people"] == [("Laurynas Kasčiūnas", "Deputy Minister")]
    assert seen["older api later"] == [] and "New minister appointed" not in seen["older page"]
    assert seen["recent api people"] == [("Laurynas Kasčiūnas", "Deputy Minister")]
    assert "Minister of Defence" not in seen["recent page"]
    assert "reported_later" not in seen["older ninjs"]
    assert "Minister of Defence" not in seen["minister page"]
    assert "Minister of Defence" not in seen["ministry page"]
    assert seen["new pages"] == [404] * 4 and seen["new feed"] == 404
    assert seen["api filters"] == [400] * 4  # answered as unknown, not as "0 stories"
    assert not any(url in seen["sitemap"] for url in NEW_PAGES) and "/stories/draft/" not in seen["sitemap"]
    assert "New minister appointed" not in seen["feed"] + seen["search"]
    assert seen["api list"] == ["recent", "older"]

    article_transition(newsroom["draft"], to=Article.Status.PUBLISHED)

    seen = public_view(client)
    # The older story keeps the title its subject held on its own date.
    assert "Deputy Minister" in seen["older page"] and "Minister of Defence" not in seen["older page"]
    assert seen["older api people"] == [("Laurynas Kasčiūnas", "Deputy Minister")]
    # The new story's own page and API give the new title.
    draft_api = client.get(reverse("api_article_detail", args=["draft"])).json()
    assert ("Laurynas Kasčiūnas", "Minister of Defence") in [(p["name"], p["role"]) for p in draft_api["people"]]
    assert "Minister of Defence" in seen["minister page"] and "Minister of Defence" in seen["ministry page"]
    assert seen["older api later"] == ["draft"] and "New minister appointed" in seen["older page"]
    assert "reported_later" in seen["older ninjs"]
    assert seen["new pages"] == [200] * 4 and seen["new feed"] == 200
    assert seen["api filters"] == [200] * 4
    assert all(url in seen["sitemap"] for url in NEW_PAGES)
    assert "New minister appointed" in seen["feed"] and "New minister appointed" in seen["search"]

    # Unpublished again: off every surface again.
    article_transition(Article.objects.get(slug="draft"), to=Article.Status.DRAFT)
    seen = public_view(client)
    assert "Minister of Defence" not in seen["minister page"] + seen["ministry page"]
    assert seen["new pages"] == [404] * 4 and seen["older api later"] == []


def test_a_role_read_in_a_story_starts_on_its_date_and_moves_with_it(newsroom):
    role = Role.objects.get(title="Minister of Defence")
    assert StoryRole.objects.get(role=role).article == newsroom["draft"]
    assert role.start_date == timezone.localdate() and role.end_date is None  # never "always"

    planned = timezone.now() + datetime.timedelta(days=3)
    draft = Article.objects.get(pk=newsroom["draft"].pk)
    draft.status, draft.published_at = Article.Status.SCHEDULED, planned
    draft.save()
    role.refresh_from_db()
    assert role.start_date == timezone.localdate(planned)


def test_a_scheduled_story_keeps_its_role_hidden_until_it_goes_live(client, newsroom):
    draft = Article.objects.get(pk=newsroom["draft"].pk)
    draft.status, draft.published_at = Article.Status.SCHEDULED, timezone.now() + datetime.timedelta(hours=2)
    draft.save()
    assert "Minister of Defence" not in client.get("/people/kasciunas/").content.decode()


def test_roles_the_desk_enters_are_public_at_once(client, newsroom):
    RoleFactory(person=newsroom["minister"], title="Chair of the Board", start_date=datetime.date(2020, 1, 1))
    assert "Chair of the Board" in client.get("/people/kasciunas/").content.decode()


def test_a_role_held_already_is_not_duplicated_and_a_second_story_carries_a_story_role(newsroom):
    other = DraftFactory()
    for name, role in (("Laurynas Kasčiūnas", "Deputy Minister"), ("Laurynas Kasčiūnas", "Minister of Defence")):
        suggestion = Suggestion.objects.create(
            article=other, kind="person", name=name, key=f"{name}-{role}", data={"role": role}
        )
        accept_suggestion(suggestion)
    assert Role.objects.filter(title="Deputy Minister").count() == 1
    assert not StoryRole.objects.filter(role__title="Deputy Minister").exists()  # the desk's stays the desk's
    carried = StoryRole.objects.filter(role__title="Minister of Defence").values_list("article_id", flat=True)
    assert set(carried) == {newsroom["draft"].pk, other.pk}
    # Whichever story is published first makes it public.
    article_transition(other, to=Article.Status.PUBLISHED)
    assert Person.objects.get(slug="kasciunas").roles.filter(title="Minister of Defence").count() == 1


def test_a_deleted_story_leaves_its_role_hidden(client, newsroom):
    Article.objects.get(slug="draft").delete()
    assert "Minister of Defence" not in client.get("/people/kasciunas/").content.decode()


def test_role_dates_from_the_story():
    day = datetime.date(2025, 3, 1)
    assert role_dates("Minister of Defence", day, {}) == ("Minister of Defence", day, None)
    assert role_dates("former Minister of Defence", day, {}) == (
        "Minister of Defence", None, datetime.date(2025, 2, 28)
    )
    assert role_dates("Commander", day, {"role_start": "2024-06-01"}) == ("Commander", datetime.date(2024, 6, 1), None)
