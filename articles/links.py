"""
The one registry of the link types: every kind of link from a story to the
authority file or to another story, said once.

Each ``LinkType`` knows its model, the key to its story and to what it links,
the entity model it ties to the story (if any), the story's related name, what
makes two links the same link, and how it reads to an editor. The admin, the
suggestions, rendering, the API, revisions and merges ask this registry
instead of keeping their own lists, so a new kind of link is added here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils import dateformat, timezone
from django.utils.text import Truncator

from entities.models import Organization, Person, Place, Source

from .models import (
    Article,
    CrossReference,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    SourceAttribution,
    StoryLink,
)


@dataclass(frozen=True)
class LinkType:
    """One kind of link from a story.

    ``key`` is how the admin addresses it (``"<key>:<pk>"`` tokens in the
    suggestions panel). ``story_field`` is the foreign key to the story the
    link belongs to, ``target_field`` the foreign key to what it links (an
    entity or another story). ``entity_model`` is set when the target is in the
    authority file; ``lists_entity`` says whether this link is what puts the
    entity in the story's lists and on its public page (a mention or an
    attribution; a quote's speaker is not); ``is_mention`` marks the entities
    named in the text (people, organisations, places: the analysis matches
    them by name and the body links their first mention); ``links_in_body``
    says whether a confirmed link of this type becomes a link in the stored
    body HTML. ``text_field`` holds the story's own words the link rests on
    (a quote's text, an attribution's cue, a cross-reference's anchor): they
    must occur in the text. ``identity`` are the fields that make two links of
    one story the same link.
    """

    key: str
    model: type[StoryLink]
    story_field: str
    target_field: str
    entity_model: type[models.Model] | None
    related_name: str
    identity: tuple[str, ...]
    title: str
    noun: str
    plural: str
    describe: Callable[[StoryLink], str]
    explain: Callable[[StoryLink], str] | None = None
    lists_entity: bool = False
    is_mention: bool = False
    links_in_body: bool = False
    text_field: str | None = None
    select_related: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return self.key

    @property
    def story_id_field(self) -> str:
        return f"{self.story_field}_id"

    @property
    def target_id_field(self) -> str:
        return f"{self.target_field}_id"

    def story_id(self, link: StoryLink) -> int:
        return getattr(link, self.story_id_field)

    def target_id(self, link: StoryLink) -> int | None:
        return getattr(link, self.target_id_field)

    def of_story(self, article: Article | int) -> models.QuerySet:
        """This kind of link of one story (by instance or id), with what its description reads."""
        article_id = article if isinstance(article, int) else article.pk
        return self.model.objects.filter(**{self.story_id_field: article_id}).select_related(*self.select_related)

    def identity_of(self, link: StoryLink) -> tuple:
        """What makes this link the same as another of its story, as plain values."""
        return tuple(getattr(link, name) for name in self.identity)

    def name(self, link: StoryLink) -> str:
        """The link in a few words: the person's name, a quote's opening, the linked story's headline."""
        return self.describe(link)

    def words(self, link: StoryLink) -> str:
        """The story's words this link rests on ("" when it rests on no particular words)."""
        return getattr(link, self.text_field) if self.text_field else ""

    def label(self, link: StoryLink) -> str:
        """The link as the editor reads it in the suggestions panel and in messages: the name and its details."""
        return self.explain(link) if self.explain is not None else self.describe(link)

    def count(self, n: int) -> str:
        return f"{n} {self.noun if n == 1 else self.plural}"


def _quoted(text: str, length: int = 60) -> str:
    return f"“{Truncator(text).chars(length)}”"


def _attribution_label(link: SourceAttribution) -> str:
    return f"{link.source.name} ({link.get_kind_display().lower()}: “{link.cue}”)"


def _quote_label(link: Quote) -> str:
    speaker = link.speaker.name if link.speaker else link.speaker_name or "speaker unknown"
    return f"{_quoted(link.text, 90)} — {speaker}"


def _reference_label(link: CrossReference) -> str:
    published = link.to_article.published_at
    when = dateformat.format(timezone.localtime(published), "j M Y") if published else "undated"
    return f"“{link.anchor_text}” → {link.to_article.headline} ({when})"


PERSON = LinkType(
    key="person",
    model=PersonMention,
    story_field="article",
    target_field="person",
    entity_model=Person,
    related_name="person_mentions",
    identity=("person_id",),
    title="People",
    noun="person",
    plural="people",
    describe=lambda link: link.person.name,
    lists_entity=True,
    is_mention=True,
    links_in_body=True,
    select_related=("person",),
)
ORGANIZATION = LinkType(
    key="organization",
    model=OrganizationMention,
    story_field="article",
    target_field="organization",
    entity_model=Organization,
    related_name="organization_mentions",
    identity=("organization_id",),
    title="Organisations",
    noun="organisation",
    plural="organisations",
    describe=lambda link: link.organization.name,
    lists_entity=True,
    is_mention=True,
    links_in_body=True,
    select_related=("organization",),
)
PLACE = LinkType(
    key="place",
    model=PlaceMention,
    story_field="article",
    target_field="place",
    entity_model=Place,
    related_name="place_mentions",
    identity=("place_id",),
    title="Places",
    noun="place",
    plural="places",
    describe=lambda link: link.place.name,
    lists_entity=True,
    is_mention=True,
    links_in_body=True,
    select_related=("place",),
)
SOURCE = LinkType(
    key="source",
    model=SourceAttribution,
    story_field="article",
    target_field="source",
    entity_model=Source,
    related_name="attributions",
    identity=("source_id", "kind"),
    title="Sources",
    noun="source",
    plural="sources",
    describe=lambda link: link.source.name,
    explain=_attribution_label,
    text_field="cue",
    lists_entity=True,
    select_related=("source",),
)
QUOTE = LinkType(
    key="quote",
    model=Quote,
    story_field="article",
    target_field="speaker",
    entity_model=Person,
    related_name="quotes",
    identity=("text",),
    title="Quotes",
    noun="quote",
    plural="quotes",
    describe=lambda link: _quoted(link.text),
    explain=_quote_label,
    text_field="text",
    select_related=("speaker",),
)
REFERENCE = LinkType(
    key="reference",
    model=CrossReference,
    story_field="from_article",
    target_field="to_article",
    entity_model=None,
    related_name="outgoing_references",
    identity=("to_article_id", "relation"),
    title="Reported earlier",
    noun="earlier story",
    plural="earlier stories",
    describe=lambda link: link.to_article.headline,
    explain=_reference_label,
    text_field="anchor_text",
    links_in_body=True,
    select_related=("to_article",),
)

LINK_TYPES: tuple[LinkType, ...] = (PERSON, ORGANIZATION, PLACE, SOURCE, QUOTE, REFERENCE)
_BY_KEY = {link_type.key: link_type for link_type in LINK_TYPES}
_BY_MODEL = {link_type.model: link_type for link_type in LINK_TYPES}


def link_types() -> tuple[LinkType, ...]:
    """Every kind of link, in the order the admin and the API list them."""
    return LINK_TYPES


def link_type_by_key(key: str) -> LinkType | None:
    return _BY_KEY.get(key)


def link_type_of(model_or_link: type[models.Model] | models.Model) -> LinkType:
    """The link type of a link model or of one link."""
    model = model_or_link if isinstance(model_or_link, type) else type(model_or_link)
    return _BY_MODEL[model]


def link_models() -> tuple[type[StoryLink], ...]:
    return tuple(link_type.model for link_type in LINK_TYPES)


def mention_types() -> tuple[LinkType, ...]:
    """People, organisations and places named in the text."""
    return tuple(link_type for link_type in LINK_TYPES if link_type.is_mention)


def entity_link_types() -> tuple[LinkType, ...]:
    """The links that tie an authority-file entity to a story (mentions, attributions, quote speakers)."""
    return tuple(link_type for link_type in LINK_TYPES if link_type.entity_model is not None)


def links_to_entity(entity_model: type[models.Model]) -> tuple[LinkType, ...]:
    """Every kind of link that can point at an entity of ``entity_model`` (a person: mentions and quotes)."""
    return tuple(link_type for link_type in LINK_TYPES if link_type.entity_model is entity_model)


def listing_link_type(entity_model: type[models.Model]) -> LinkType:
    """The link that lists an entity on a story and makes its page public: a mention, or a source's attribution."""
    for link_type in LINK_TYPES:
        if link_type.lists_entity and link_type.entity_model is entity_model:
            return link_type
    raise KeyError(entity_model)


def links_of_story(article: Article | int, *, status: str | None = None) -> Iterable[tuple[LinkType, list[StoryLink]]]:
    """Each kind of link with the story's links of that kind (optionally of one status), one query per kind."""
    for link_type in LINK_TYPES:
        links = link_type.of_story(article)
        if status is not None:
            links = links.filter(status=status)
        yield link_type, list(links.order_by("pk"))
