"""The authority file in the admin: lists at a fixed query cost, search, autocomplete."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import LinkStatus
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    RoleFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def changelist(model: str) -> str:
    return reverse(f"admin:entities_{model}_changelist")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def make_people(count: int) -> None:
    for _ in range(count):
        person = PersonFactory(nationality=PlaceFactory())
        RoleFactory(person=person, organization=OrganizationFactory())
        RoleFactory(person=person, title="Former adviser", end_date=datetime.date(2020, 6, 1))
        PersonMentionFactory.create_batch(2, person=person)


def make_sources(count: int) -> None:
    for _ in range(count):
        source = SourceFactory(organization=OrganizationFactory(), country=PlaceFactory())
        SourceAttributionFactory.create_batch(2, source=source)


def make_organizations(count: int) -> None:
    for _ in range(count):
        organization = OrganizationFactory(parent=OrganizationFactory(), country=PlaceFactory())
        OrganizationMentionFactory.create_batch(2, organization=organization)


def make_places(count: int) -> None:
    for _ in range(count):
        place = PlaceFactory(parent=PlaceFactory())
        PlaceMentionFactory.create_batch(2, place=place)


@pytest.mark.parametrize(
    ("model", "make"),
    [("person", make_people), ("source", make_sources), ("organization", make_organizations), ("place", make_places)],
)
def test_change_list_uses_the_same_queries_for_3_and_30_entities(admin_client, django_assert_num_queries, model, make):
    """Counts, titles and related names come with the rows, not one query per row."""
    make(3)
    count_queries(admin_client, changelist(model))  # warm the content-type cache
    with_three = count_queries(admin_client, changelist(model))
    make(27)
    with django_assert_num_queries(with_three):
        response = admin_client.get(changelist(model))
    # Organisations and places come with a parent each.
    assert response.context["cl"].result_count == (60 if model in {"organization", "place"} else 30)


@pytest.mark.parametrize("model", ["organization", "place", "role", "person", "source"])
def test_every_entity_change_list_and_add_form_opens(admin_client, model):
    RoleFactory(organization=OrganizationFactory(parent=OrganizationFactory(), country=PlaceFactory()))
    SourceFactory()
    assert admin_client.get(changelist(model)).status_code == 200
    assert admin_client.get(reverse(f"admin:entities_{model}_add")).status_code == 200


def test_person_list_shows_current_title_and_confirmed_story_count(admin_client):
    person = PersonFactory(name="Laurynas Kasčiūnas")
    RoleFactory(person=person, title="Minister of Defence", organization=None)
    RoleFactory(person=person, title="Member of Parliament", end_date=datetime.date(2021, 1, 1))
    PersonMentionFactory.create_batch(2, person=person)
    PersonMentionFactory(person=person, status=LinkStatus.REJECTED)

    page = admin_client.get(changelist("person")).content.decode()

    assert '<td class="field-current_title">Minister of Defence</td>' in page
    assert '<td class="field-story_count">2</td>' in page


def test_search_finds_a_person_by_alias(admin_client):
    person = PersonFactory(name="Laurynas Kasčiūnas", aliases="Kasciunas\nL. Kasčiūnas")
    PersonFactory(name="Someone Else")

    response = admin_client.get(changelist("person"), {"q": "Kasciunas"})

    assert list(response.context["cl"].result_list) == [person]


def test_person_autocomplete_returns_the_person_as_json(admin_client):
    person = PersonFactory(name="Laurynas Kasčiūnas", aliases="Kasciunas")
    PersonFactory(name="Someone Else")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "entities", "model_name": "role", "field_name": "person", "term": "kasciunas"},
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(person.pk), "text": "Laurynas Kasčiūnas"}]


def test_source_list_counts_confirmed_attributions(admin_client):
    source = SourceFactory(name="LRT")
    SourceAttributionFactory.create_batch(3, source=source)
    SourceAttributionFactory(source=source, status=LinkStatus.SUGGESTED)

    page = admin_client.get(changelist("source")).content.decode()

    assert '<td class="field-attribution_count">3</td>' in page


def test_person_page_lists_roles_and_the_stories_that_mention_them(admin_client):
    person = PersonFactory(name="Laurynas Kasčiūnas")
    RoleFactory(person=person, title="Minister of Defence")
    PersonMentionFactory(person=person, article=ArticleFactory(headline="Minister visits Rukla"))

    page = admin_client.get(reverse("admin:entities_person_change", args=[person.pk])).content.decode()

    assert "Minister of Defence" in page
    assert "Minister visits Rukla" in page


def test_role_search_by_person_and_title(admin_client):
    role = RoleFactory(person=PersonFactory(name="Dovilė Šakalienė"), title="Minister of National Defence")
    RoleFactory(title="Mayor")

    by_person = admin_client.get(changelist("role"), {"q": "Šakalienė"})
    by_title = admin_client.get(changelist("role"), {"q": "National Defence"})

    assert list(by_person.context["cl"].result_list) == [role]
    assert list(by_title.context["cl"].result_list) == [role]


@pytest.mark.parametrize(
    ("model", "factory", "link"),
    [("organization", OrganizationFactory, OrganizationMentionFactory), ("place", PlaceFactory, PlaceMentionFactory)],
)
def test_organization_and_place_lists_count_the_stories_that_confirmed_them(admin_client, model, factory, link):
    entity = factory(name="Lithuanian Armed Forces")
    link.create_batch(2, **{model: entity})
    link(**{model: entity}, status=LinkStatus.SUGGESTED)
    link(**{model: entity}, status=LinkStatus.REJECTED)

    response = admin_client.get(changelist(model), {"q": "Lithuanian Armed Forces"})

    assert '<td class="field-story_count">2</td>' in response.content.decode()
    assert admin_client.get(changelist(model), {"o": "-5"}).status_code == 200  # sortable by the count


@pytest.mark.parametrize(
    ("model", "field", "factory", "link"),
    [
        ("person", "person", PersonFactory, PersonMentionFactory),
        ("source", "source", SourceFactory, SourceAttributionFactory),
        ("organization", "organization", OrganizationFactory, OrganizationMentionFactory),
        ("place", "place", PlaceFactory, PlaceMentionFactory),
    ],
)
def test_entity_autocomplete_does_not_count_stories(admin_client, model, field, factory, link):
    """The autocomplete, asked on every keystroke, reads names only: no count over the links."""
    entity = factory(name="Klaipėda Findable")
    link(**{field: entity})
    source_model, source_field = {
        "person": ("role", "person"),
        "source": ("sourceattribution", "source"),
        "organization": ("role", "organization"),
        "place": ("organization", "country"),
    }[model]
    app = "articles" if source_model == "sourceattribution" else "entities"
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {"app_label": app, "model_name": source_model, "field_name": source_field, "term": "Findable"},
        )
    assert response.json()["results"] == [{"id": str(entity.pk), "text": "Klaipėda Findable"}]
    sql = " ".join(query["sql"] for query in captured)
    assert "articles_" not in sql and "entities_role" not in sql
