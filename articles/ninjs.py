"""
A story as IPTC ninjs 2.2 ("News in JSON"), for agencies and aggregators.

https://iptc.org/standards/ninjs/ — the schema is checked in the test suite
against ``../shared/standards/ninjs-schema_2.2.json``.

The mapping, where ninjs has no field of the same name:
- ``uri`` is the story's public address (a renamed story's old address
  redirects, so it keeps identifying the story); the slug is an ``altid``.
- ``firstcreated`` is the publication time (the first version readers saw),
  ``versioncreated`` the last change, ``version`` the story's edit counter.
- the standfirst is the "summary" description; corrections are
  "correction"/"clarification" descriptions, because they are public text.
- tags and the section are ``subjects``; sources the story cites are ``infosources``.
- "reported earlier" / "reported later" stories and the lead photo are
  ``associations``; the photo's ``uri`` is its large (1200-pixel) rendition,
  with every width of the full photo among its ``renditions``.
Quotes have no place in ninjs and are left out; the JSON API detail has them.

``article`` must come from ``Article.objects.published().for_detail()``, so
rendering it runs no queries of its own.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from images.markup import share_rendition

from .api import absolute_links, find_published_story, isoformat, json_response
from .cache_tags import story_page_tags, tag_response
from .models import Article, CrossReference
from .page_parts import story_parts

NINJS_VERSION = "2.2"
NINJS_SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"


def _entity(request: HttpRequest, entity) -> dict:
    return {
        "name": entity.name,
        "uri": request.build_absolute_uri(entity.get_absolute_url()),
        "literal": entity.slug,
    }


def _mentioned(request: HttpRequest, entity) -> dict:
    return {**_entity(request, entity), "rel": "mentioned"}


def _tag(request: HttpRequest, tag) -> dict:
    return {
        "name": tag.name,
        "rel": "tag",
        "literal": tag.slug,
        "uri": request.build_absolute_uri(reverse("tag_detail", args=[tag.slug])),
    }


def _linked_story(request: HttpRequest, name: str, story: Article) -> dict:
    return {
        "name": name,
        "uri": request.build_absolute_uri(story.get_absolute_url()),
        "type": "text",
        "representationtype": "partial",
        "firstcreated": isoformat(story.published_at),
        "headlines": [{"role": "main", "value": story.headline}],
    }


def _picture_rendition(request: HttpRequest, image, rendition, name: str) -> dict:
    return {
        "name": name,
        "href": request.build_absolute_uri(image.rendition_url(rendition)),
        "contenttype": rendition.content_type,
        "width": rendition.width,
        "height": rendition.height,
    }


def _lead_image(request: HttpRequest, article: Article) -> dict:
    """The lead photo: its large rendition first (the ``uri``), then every width of the full photo."""
    image = article.lead_image
    share = share_rendition(image)
    if share is not None:
        renditions = [_picture_rendition(request, image, share, "large")] + [
            _picture_rendition(request, image, rendition, f"{rendition.width}w-{rendition.format.lower()}")
            for rendition in image.renditions("full")
        ]
    else:  # renditions still being made: the clean original
        renditions = [{"name": "original", "href": request.build_absolute_uri(image.original_url),
                       "width": image.width, "height": image.height}]
    picture = {
        "name": "lead_image",
        "uri": renditions[0]["href"],
        "type": "picture",
        "renditions": renditions,
    }
    caption = article.lead_image_caption or image.caption
    descriptions = [
        {"role": role, "contenttype": "text/plain", "value": value}
        for role, value in (("caption", caption), ("alt", image.alt_text))
        if value
    ]
    if descriptions:
        picture["descriptions"] = descriptions
    if image.credit:
        picture["by"] = image.credit
    if image.show_taken and image.taken_place_id:
        picture["located"] = image.taken_place.name
    return picture


def _unique_stories(references: list[CrossReference], attr: str) -> list[Article]:
    seen: dict[int, Article] = {}
    for reference in references:
        story = getattr(reference, attr)
        seen.setdefault(story.pk, story)
    return list(seen.values())


def article_to_ninjs(request: HttpRequest, article: Article) -> dict:
    url = request.build_absolute_uri(article.get_absolute_url())
    bylines = list(dict.fromkeys(article.byline_names()))
    item: dict = {
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA_URI},
        "uri": url,
        "type": "text",
        "representationtype": "full",
        "version": str(article.version),
        "firstcreated": isoformat(article.published_at),
        "versioncreated": isoformat(article.last_updated_at),
        "pubstatus": "usable",
        "language": settings.LANGUAGE_CODE,
        "copyrightholder": settings.NEWSROOM_PUBLICATION_NAME,
        "altids": [{"role": "slug", "value": article.slug}],
        "headlines": [{"role": "main", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": absolute_links(request, article.body_html),
                "charcount": len(article.body_text),
                "wordcount": len(article.body_text.split()),
            },
            {"role": "main", "contenttype": "text/plain", "value": article.body_text},
        ],
        "renditions": [{"name": "web", "href": url, "contenttype": "text/html", "title": article.headline}],
        "subjects": [
            {
                "name": article.section.name,
                "rel": "section",
                "uri": request.build_absolute_uri(article.section.get_absolute_url()),
                "literal": article.section.slug,
            },
            *(_tag(request, tag) for tag in sorted(article.tags.all(), key=lambda tag: tag.name.casefold())),
        ],
        "people": [_mentioned(request, mention.person) for mention in article.confirmed_people],
        "organisations": [_mentioned(request, mention.organization) for mention in article.confirmed_organizations],
        "places": [_mentioned(request, mention.place) for mention in article.confirmed_places],
        # One entry per source, even when the story cites it in two ways.
        "infosources": list(
            {
                attribution.source_id: _entity(request, attribution.source)
                for attribution in article.confirmed_attributions
            }.values()
        ),
    }

    descriptions = []
    if article.standfirst:
        descriptions.append({"role": "summary", "contenttype": "text/plain", "value": article.standfirst})
    descriptions += [
        {"role": correction.kind, "contenttype": "text/plain", "value": correction.text}
        for correction in article.corrections.all()
    ]
    if descriptions:
        item["descriptions"] = descriptions
    if bylines:
        item["by"] = ", ".join(bylines)
    if article.dateline_place:
        item["located"] = article.dateline_place.name

    associations = [
        *(_linked_story(request, "reported_earlier", story)
          for story in _unique_stories(article.earlier_coverage, "to_article")),
        *(_linked_story(request, "reported_later", story)
          for story in _unique_stories(article.later_coverage, "from_article")),
    ]
    if article.lead_image_id:
        associations.insert(0, _lead_image(request, article))
    if associations:
        item["associations"] = associations

    # ninjs arrays are optional; an empty one says nothing, so leave it out.
    return {key: value for key, value in item.items() if value != []}


@require_safe
def article_ninjs(request: HttpRequest, slug: str) -> HttpResponse:
    """A published story as ninjs 2.2; a former address redirects, anything else is a JSON 404."""
    article = find_published_story(slug, route="api_article_ninjs")
    if isinstance(article, HttpResponse):
        return article
    return tag_response(json_response(article_to_ninjs(request, article)), story_page_tags(article, story_parts(article)))
