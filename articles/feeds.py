"""RSS 2.0 feeds of published stories: the latest, and per section, tag and person."""

from __future__ import annotations

import html
import threading

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from taggit.models import Tag

from entities.models import Person

from .cache_tags import ALL_STORIES, entity_tag, listing_tags, section_tag, tag_response, tag_tag
from .models import Article, Byline, Section

FEED_LENGTH = 30
# The credits that make someone an author of the story (dc:creator); photos, editing... do not.
AUTHOR_CREDITS = {Byline.Credit.REPORTING, Byline.Credit.WRITING}
_shown = threading.local()


def as_feed_html(text: str | None) -> str | None:
    """Plain text as the HTML a feed reader takes it for.

    RSS readers render <description> (and many the title, author and categories)
    as HTML once the XML is parsed, so a headline "<script>..." would run in the
    reader. Escaped here, the reader shows the characters the editor typed.
    """
    return html.escape(text, quote=False) if text else text


class PlainTextRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose every text element is our plain text, escaped for readers that read it as HTML."""

    def __init__(self, title, link, description, *args, **kwargs):
        kwargs["categories"] = [as_feed_html(c) for c in kwargs.get("categories") or ()]
        super().__init__(as_feed_html(title), link, as_feed_html(description), *args, **kwargs)

    def add_item(self, title, link, description, *args, author_name=None, categories=(), **kwargs):
        super().add_item(
            as_feed_html(title), link, as_feed_html(description), *args,
            author_name=as_feed_html(author_name), categories=[as_feed_html(c) for c in categories or ()], **kwargs,
        )


class LatestStoriesFeed(Feed):
    """The newest published stories; subclasses narrow them to a section, tag or person."""

    feed_type = PlainTextRssFeed

    def title(self, obj=None) -> str:
        return f"{settings.NEWSROOM_PUBLICATION_NAME}: latest stories"

    def description(self, obj=None) -> str:
        return f"The latest stories published by {settings.NEWSROOM_PUBLICATION_NAME}."

    def link(self, obj=None) -> str:
        return reverse("front_page")

    def stories(self, obj) -> QuerySet:
        return Article.objects.published()

    def subject_tag(self, obj) -> str:
        """The cache tag of the list this feed follows (see ``articles.cache_tags``)."""
        return ALL_STORIES

    def items(self, obj=None):
        # Tags and bylines are prefetched: a feed costs the same few queries for 1 or 30 items.
        items = list(self.stories(obj).for_feed().latest_first()[:FEED_LENGTH])
        # One Feed object serves every request: what this request's feed shows is kept per thread.
        _shown.tags = [self.subject_tag(obj), *listing_tags(items)]
        for item in items:
            _shown.tags += [tag_tag(tag.pk) for tag in item.tags.all()]
        return items

    def __call__(self, request, *args, **kwargs):
        _shown.tags = []
        try:
            response = super().__call__(request, *args, **kwargs)
            return tag_response(response, _shown.tags) if response.status_code == 200 else response
        finally:
            _shown.tags = []

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_author_name(self, item: Article) -> str | None:
        """The writers, each once: a reporter who also took the photos is one author, not two."""
        return ", ".join(author_names(item)) or None

    def item_guid_is_permalink(self, item: Article) -> bool:
        return True


def author_names(article: Article) -> list[str]:
    """Distinct names of the reporting and writing credits, or of every credit when there are none."""
    bylines = list(article.bylines.all())  # prefetched by for_feed()
    writers = [byline.name for byline in bylines if byline.credit in AUTHOR_CREDITS]
    return list(dict.fromkeys(writers or [byline.name for byline in bylines]))


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:
        return f"{settings.NEWSROOM_PUBLICATION_NAME}: {obj.name}"

    def description(self, obj: Section) -> str:
        return obj.description or f"The latest {obj.name} stories from {settings.NEWSROOM_PUBLICATION_NAME}."

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def stories(self, obj: Section) -> QuerySet:
        return Article.objects.published().in_section(obj)

    def subject_tag(self, obj: Section) -> str:
        return section_tag(obj.pk)


class TagFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Tag:
        tag = get_object_or_404(Tag, slug=slug)
        # Like the tag page: a tag only unpublished stories carry is not public.
        if not Article.objects.published().filter(tags=tag).exists():
            raise Http404("No published story has this tag.")
        return tag

    def title(self, obj: Tag) -> str:
        return f"{settings.NEWSROOM_PUBLICATION_NAME}: {obj.name}"

    def description(self, obj: Tag) -> str:
        return f"Stories about {obj.name} from {settings.NEWSROOM_PUBLICATION_NAME}."

    def link(self, obj: Tag) -> str:
        return reverse("tag_detail", args=[obj.slug])

    def stories(self, obj: Tag) -> QuerySet:
        return Article.objects.published().tagged(obj)

    def subject_tag(self, obj: Tag) -> str:
        return tag_tag(obj.pk)


class PersonFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Person:
        person = get_object_or_404(Person, slug=slug)
        # Like the person's page: someone only unpublished stories link is not public.
        if not Article.objects.published().linked_to(person).exists():
            raise Http404("No published story links this person.")
        return person

    def title(self, obj: Person) -> str:
        return f"{settings.NEWSROOM_PUBLICATION_NAME}: {obj.name}"

    def description(self, obj: Person) -> str:
        return f"Stories about {obj.name} from {settings.NEWSROOM_PUBLICATION_NAME}."

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def stories(self, obj: Person) -> QuerySet:
        return Article.objects.published().linked_to(obj)

    def subject_tag(self, obj: Person) -> str:
        return entity_tag(obj)
