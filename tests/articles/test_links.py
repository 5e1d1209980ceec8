"""The registry of link types says each kind of link once, and says it truly of the models."""

import pytest
from django.apps import apps

from articles import links
from articles.models import Article, StoryLink
from entities.models import Organization, Person, Place, Source
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    LinkStatus,
    OrganizationMentionFactory,
    PersonMentionFactory,
    PlaceMentionFactory,
    QuoteFactory,
    SourceAttributionFactory,
)


def test_every_story_link_model_is_registered_once():
    link_models = [model for model in apps.get_app_config("articles").get_models() if issubclass(model, StoryLink)]
    assert sorted(m.__name__ for m in link_models) == sorted(m.__name__ for m in links.link_models())
    assert len({t.key for t in links.link_types()}) == len(links.link_types())


@pytest.mark.parametrize("link_type", links.link_types(), ids=str)
def test_each_type_names_real_fields(link_type):
    """Its keys are foreign keys of its model, its related name is the story's accessor, its identity is fields."""
    opts = link_type.model._meta
    story_fk = opts.get_field(link_type.story_field)
    assert story_fk.related_model is Article
    assert story_fk.remote_field.related_name == link_type.related_name
    target = opts.get_field(link_type.target_field).related_model
    assert target is (link_type.entity_model or Article)
    attnames = {field.attname for field in opts.concrete_fields}
    assert set(link_type.identity) <= attnames


def test_lookups():
    assert links.link_type_by_key("source").model.__name__ == "SourceAttribution"
    assert links.link_type_by_key("nothing") is None
    assert [t.key for t in links.mention_types()] == ["person", "organization", "place"]
    assert {links.listing_link_type(m).key for m in (Person, Organization, Place, Source)} == {
        "person", "organization", "place", "source"
    }
    assert [t.key for t in links.links_to_entity(Person)] == ["person", "quote"]
    assert links.links_to_entity(Article) == ()


@pytest.mark.django_db
def test_links_of_story_and_their_names():
    story = ArticleFactory()
    person = PersonMentionFactory(article=story, person__name="Laurynas Kasčiūnas").person
    OrganizationMentionFactory(article=story, organization__name="NATO")
    PlaceMentionFactory(article=story, place__name="Vilnius", status=LinkStatus.SUGGESTED)
    SourceAttributionFactory(article=story, source__name="LRT", cue="according to LRT")
    QuoteFactory(article=story, text="We are ready", speaker=person)
    earlier = ArticleFactory(headline="Drills begin")
    CrossReferenceFactory(from_article=story, to_article=earlier, anchor_text="reported earlier")
    PersonMentionFactory()  # another story's link

    found = {t.key: [t.name(link) for link in rows] for t, rows in links.links_of_story(story)}
    assert found == {
        "person": ["Laurynas Kasčiūnas"],
        "organization": ["NATO"],
        "place": ["Vilnius"],
        "source": ["LRT"],
        "quote": ["“We are ready”"],
        "reference": ["Drills begin"],
    }
    confirmed = {t.key: len(rows) for t, rows in links.links_of_story(story.pk, status=LinkStatus.CONFIRMED)}
    assert confirmed["place"] == 0 and confirmed["person"] == 1
    attribution = story.attributions.get()
    assert links.link_type_of(attribution).label(attribution) == "LRT (according to: “according to LRT”)"
