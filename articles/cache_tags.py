"""
The cache tags of what a public page shows (see ``newsroom.pagecache``).

A page is purged when one of its tags is; ``articles.cache_purging`` purges
the tags of what changed. The names:

- ``story:<id>``: the story's own page and every page showing it (a teaser
  in a list, a "reported earlier"/"later coverage" link, a quote);
- ``section:<id>``, ``tag:<id>``, ``person:<id>``, ``organization:<id>``,
  ``place:<id>``, ``source:<id>``: the thing's own page (its list of stories)
  and every page showing its name;
- ``stories``: pages listing the latest stories of the whole site (front
  page, latest feed, API list, sitemaps): a story joining or leaving the site;
- ``search``: search results, which any public story's text may change;
- ``sitemap``: sitemaps, which list every public story's address and date;
- ``layout`` (added to every public page by ``newsroom.pagecache``): the
  section menu, purged when a section changes.

Helpers take what the view already loaded, so tagging costs no query.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsroom.pagecache import tag_response

__all__ = ["tag_response", "story_page_tags", "listing_tags", "entity_tag", "ALL_STORIES", "SEARCH", "SITEMAP"]

ALL_STORIES = "stories"
SEARCH = "search"
SITEMAP = "sitemap"


def story_tag(story_id: int) -> str:
    return f"story:{story_id}"


def section_tag(section_id: int) -> str:
    return f"section:{section_id}"


def tag_tag(tag_id: int) -> str:
    return f"tag:{tag_id}"


def entity_tag(entity) -> str:
    """``person:4`` for a Person, ``organization:7`` for an Organization, ..."""
    return f"{type(entity)._meta.model_name}:{entity.pk}"


def entity_tag_of(model, pk: int) -> str:
    return f"{model._meta.model_name}:{pk}"


def entity_context_tags(entity) -> list[str]:
    """The other entries an entity page names: its parent, country, nationality, organisation."""
    related = {"parent": None, "country": "place", "nationality": "place", "organization": "organization"}
    tags = []
    for field, kind in related.items():
        pk = getattr(entity, f"{field}_id", None)
        if pk:
            tags.append(f"{kind or type(entity)._meta.model_name}:{pk}")
    return tags


def listing_tags(stories: Iterable) -> list[str]:
    """A list of teasers shows each story and its section."""
    tags: list[str] = []
    for story in stories:
        tags.append(story_tag(story.pk))
        if getattr(story, "section_id", None):
            tags.append(section_tag(story.section_id))
    return tags


def story_page_tags(article, parts) -> list[str]:
    """The story page: the story, its section and tags, every entity and story it links, its photo's place.

    ``parts`` is the story's ``page_parts.StoryParts`` (what the page shows).
    """
    tags = [story_tag(article.pk), section_tag(article.section_id)]
    tags += [tag_tag(tag["id"]) for tag in parts.tags]
    for items, target in (
        (parts.people, "person"),
        (parts.organizations, "organization"),
        (parts.places, "place"),
        (parts.sources, "source"),
    ):
        tags += [f"{target}:{item['id']}" for item in items]
    tags += [f"person:{quote['speaker']['id']}" for quote in parts.quotes if quote["speaker"]]
    tags += [story_tag(story.id) for story in [*parts.earlier, *parts.later]]
    if getattr(article, "dateline_place_id", None):
        tags.append(f"place:{article.dateline_place_id}")
    return tags
