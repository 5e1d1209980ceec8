"""Merging people, organisations, places and sources: nothing that pointed at the loser is lost."""

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import suggestions
from articles.merging import entities_merge
from articles.models import LinkStatus, PersonMention, SourceAttribution, StoryRole
from articles.querysets import public_role_q
from entities.models import Organization, Person, Place, Role, Source
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    DraftFactory,
    ImageFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    RoleFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_a_person_merge_moves_every_mention_quote_and_role_and_combines_the_decisions():
    survivor = PersonFactory(name="Laurynas Kasčiūnas", aliases="Kasčiūnas")
    loser = PersonFactory(name="L. Kasciunas", aliases="Minister Kasciunas", description="Defence minister.")
    both = ArticleFactory(body="Laurynas Kasčiūnas, or L. Kasciunas, spoke.")
    PersonMentionFactory(article=both, person=survivor, status=LinkStatus.SUGGESTED, evidence="")
    PersonMentionFactory(article=both, person=loser, status=LinkStatus.CONFIRMED, evidence="L. Kasciunas spoke")
    rejected_here = ArticleFactory()
    PersonMentionFactory(article=rejected_here, person=loser, status=LinkStatus.REJECTED)
    only_loser = ArticleFactory(body="L. Kasciunas said the drills went well.")
    PersonMentionFactory(article=only_loser, person=loser)
    quote = QuoteFactory(article=only_loser, speaker=loser, text="the drills went well")
    organization = OrganizationFactory(name="Ministry of National Defence")
    RoleFactory(person=survivor, title="Minister of Defence", organization=organization)
    RoleFactory(person=loser, title="minister of defence", organization=organization)  # the same role
    RoleFactory(person=loser, title="Member of Parliament", start_date=datetime.date(2016, 11, 14))
    old_slug = loser.slug

    with mock.patch.object(suggestions, "authority_changed") as matcher_rebuilt:
        report = entities_merge(survivor, [loser])

    assert not Person.objects.filter(pk=loser.pk).exists()
    survivor.refresh_from_db()
    # One mention per story; the editor's confirmation beats the suggestion, a rejection stays a rejection.
    assert PersonMention.objects.get(article=both).status == LinkStatus.CONFIRMED
    assert PersonMention.objects.get(article=both).evidence == "L. Kasciunas spoke"
    assert PersonMention.objects.get(article=rejected_here, person=survivor).status == LinkStatus.REJECTED
    assert PersonMention.objects.get(article=only_loser).person == survivor
    quote.refresh_from_db()
    assert quote.speaker == survivor
    assert sorted(Role.objects.filter(person=survivor).values_list("title", flat=True)) == [
        "Member of Parliament",
        "Minister of Defence",
    ]
    # The loser's names are the survivor's aliases (each spelling once), and its empty fields are filled.
    assert survivor.alias_list == ["Kasčiūnas", "L. Kasciunas", "Minister Kasciunas"]
    assert survivor.description == "Defence minister."
    assert survivor.version == 2
    assert Person.objects.named("l. kasciunas").get() == survivor
    # The stories link the survivor now, and say so in their stored HTML.
    only_loser.refresh_from_db()
    assert survivor.get_absolute_url() in only_loser.body_html
    assert report.links_moved == 3 and report.links_combined == 1 and len(report.stories) == 3
    matcher_rebuilt.assert_called_once()
    # The merge is a revision of the survivor, with what it did.
    revision = Version.objects.get_for_object(survivor).first().revision
    assert revision.comment.startswith("Merged “L. Kasciunas” into “Laurynas Kasčiūnas”")
    assert Version.objects.get_for_object(only_loser).exists()
    # The loser's page answers 301 with the survivor's.
    response = Client().get(reverse("person_detail", args=[old_slug]))
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()


def test_an_organisation_merge_moves_parents_children_roles_sources_and_mentions():
    survivor = OrganizationFactory(name="Lithuanian Armed Forces")
    loser = OrganizationFactory(name="Lithuanian Army", parent=OrganizationFactory(name="Ministry"), wikidata_id="Q1")
    child = OrganizationFactory(name="Land Force", parent=loser)
    survivor_child = OrganizationFactory(name="Air Force", parent=survivor)
    role = RoleFactory(organization=loser)
    source = SourceFactory(name="Army press office", organization=loser)
    mention = OrganizationMentionFactory(organization=loser)

    entities_merge(survivor, [loser])

    survivor.refresh_from_db()
    for thing in (child, survivor_child):
        thing.refresh_from_db()
        assert thing.parent == survivor
    role.refresh_from_db()
    source.refresh_from_db()
    mention.refresh_from_db()
    assert (role.organization, source.organization, mention.organization) == (survivor, survivor, survivor)
    assert survivor.parent.name == "Ministry" and survivor.wikidata_id == "Q1"  # filled, it had none


def test_merging_a_parent_into_its_child_does_not_make_the_child_its_own_parent():
    country = CountryFactory(name="Lithuania")
    city = PlaceFactory(name="Vilnius", parent=country)

    entities_merge(city, [country])

    city.refresh_from_db()
    assert city.parent is None


def test_a_place_merge_moves_datelines_nationalities_countries_and_mentions():
    survivor, loser = CountryFactory(name="Lithuania"), CountryFactory(name="Lietuva", country_code="LT")
    story = ArticleFactory(dateline_place=loser)
    person = PersonFactory(nationality=loser)
    organization = OrganizationFactory(country=loser)
    source = SourceFactory(country=loser)
    city = PlaceFactory(parent=loser)
    mention = PlaceMentionFactory(place=loser)

    entities_merge(survivor, [loser])

    for thing, field in (
        (story, "dateline_place"),
        (person, "nationality"),
        (organization, "country"),
        (source, "country"),
        (city, "parent"),
        (mention, "place"),
    ):
        thing.refresh_from_db()
        assert getattr(thing, field) == survivor, field
    survivor.refresh_from_db()
    assert survivor.country_code == "LT"
    assert survivor.alias_list == ["Lietuva"]


def test_a_source_merge_keeps_one_attribution_per_story_and_kind():
    delfi, duplicate = SourceFactory(name="Delfi"), SourceFactory(name="DELFI")
    story = ArticleFactory()
    SourceAttributionFactory(article=story, source=delfi, kind=SourceAttribution.Kind.ACCORDING_TO)
    SourceAttributionFactory(article=story, source=duplicate, kind=SourceAttribution.Kind.ACCORDING_TO)
    SourceAttributionFactory(article=story, source=duplicate, kind=SourceAttribution.Kind.AS_REPORTED_BY)
    another = SourceAttributionFactory(source=duplicate)

    entities_merge(delfi, [duplicate])

    assert sorted(story.attributions.values_list("source__name", "kind")) == [
        ("Delfi", "according_to"),
        ("Delfi", "as_reported_by"),
    ]
    another.refresh_from_db()
    assert another.source == delfi
    delfi.refresh_from_db()
    assert delfi.aliases == ""  # "DELFI" is the same name folded: no alias needed


def test_three_at_once_and_the_former_addresses_follow():
    keep, first, second = PersonFactory(), PersonFactory(), PersonFactory()
    PersonMentionFactory(person=keep)
    first.slug = "renamed-earlier"
    first.save()  # its first address is now a former one
    PersonMentionFactory(person=second)

    entities_merge(keep, [first, second])

    for slug in ("renamed-earlier", second.slug):
        response = Client().get(reverse("person_detail", args=[slug]))
        assert response.status_code == 301 and response["Location"] == keep.get_absolute_url()


def test_a_former_address_does_not_reveal_a_survivor_only_unpublished_stories_link(client):
    secret, loser = PersonFactory(name="Embargoed Appointee"), PersonFactory()
    PersonMentionFactory(person=secret, article=DraftFactory())
    PersonMentionFactory(person=loser, article=DraftFactory())
    slug = loser.slug

    entities_merge(secret, [loser])

    assert client.get(reverse("person_detail", args=[slug])).status_code == 404


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Person, lambda: PersonFactory(nationality=PlaceFactory())),
        (Organization, lambda: OrganizationFactory(parent=OrganizationFactory(), country=PlaceFactory())),
        (Place, lambda: PlaceFactory(parent=PlaceFactory())),
        (Source, lambda: SourceFactory(organization=OrganizationFactory(), country=PlaceFactory())),
    ],
)
def test_every_key_that_points_at_the_model_is_moved(model, make):
    """Whatever points at the loser (found from the model's relations, not a list) follows the survivor."""
    survivor, loser = make(), make()
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many or related._meta.model_name in {"entityformerslug"}:
            continue
        factory = {
            "personmention": PersonMentionFactory,
            "organizationmention": OrganizationMentionFactory,
            "placemention": PlaceMentionFactory,
            "sourceattribution": SourceAttributionFactory,
            "quote": QuoteFactory,
            "role": RoleFactory,
            "article": ArticleFactory,
            "person": PersonFactory,
            "organization": OrganizationFactory,
            "place": PlaceFactory,
            "source": SourceFactory,
            "image": lambda **kwargs: ImageFactory(renditions=False, **kwargs),
        }[related._meta.model_name]
        factory(**{relation.field.name: loser})

    entities_merge(survivor, [loser])

    assert not model.objects.filter(pk=loser.pk).exists()
    for relation in model._meta.related_objects:
        if not relation.many_to_many:
            assert not relation.related_model._default_manager.filter(**{relation.field.name: loser.pk}).exists()


def test_two_records_of_one_role_become_one_that_is_public_whenever_either_was():
    keep, duplicate = PersonFactory(), PersonFactory()
    desk_role = RoleFactory(person=keep, title="Minister of Defence")  # entered by the desk: public
    read_role = RoleFactory(person=duplicate, title="Minister of Defence")
    StoryRole.objects.create(role=read_role, article=DraftFactory())  # read in an embargoed story
    embargoed_a = RoleFactory(person=keep, title="Envoy", start_date=None)
    embargoed_b = RoleFactory(person=duplicate, title="Envoy", start_date=None)
    StoryRole.objects.create(role=embargoed_a, article=DraftFactory())
    published = ArticleFactory()
    StoryRole.objects.create(role=embargoed_b, article=published)

    entities_merge(keep, [duplicate])

    roles = Role.objects.filter(person=keep)
    assert sorted(roles.values_list("title", flat=True)) == ["Envoy", "Minister of Defence"]
    assert set(roles.filter(public_role_q()).values_list("pk", flat=True)) == {desk_role.pk, embargoed_a.pk}
    assert StoryRole.objects.filter(role=embargoed_a, article=published).exists()
