"""Template helpers for the reader site: section navigation, update times, JSON-LD.

None of these may query the database per item: they work on what the view
already loaded (the one exception, the section list, is one query per
request, cached on the request). What a story page lists (bylines, sources,
titles...) is put together on save: see ``articles.page_parts``.
"""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Section

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_sections(context: template.Context) -> list[Section]:
    """Every section, in front-page order: one query per request however often it is asked for."""
    request = context.get("request")
    cached = getattr(request, "_newsroom_nav_sections", None)
    if cached is not None:
        return cached
    sections = list(Section.objects.only("name", "slug", "position"))
    if request is not None:
        request._newsroom_nav_sections = sections
    return sections


@register.filter
def http_url(url: str) -> str:
    """The URL if it is a web address, else "": a link never runs a javascript:, data: or vbscript: URL.

    Forms accept only http(s) URLs; this also holds for anything stored another way.
    """
    from urllib.parse import urlsplit

    cleaned = "".join(ch for ch in (url or "") if ch > " ").strip()
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in {"http", "https"} else ""


@register.filter
def was_updated(article: Article) -> bool:
    """Whether the story's text changed after it went live (worth an "Updated" time)."""
    return article.was_updated


# Characters that could end a <script> element or confuse an HTML parser, escaped inside JSON.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def story_json_ld(context: template.Context, article: Article, authors: list[str], share: dict | None = None):
    """schema.org NewsArticle for search engines, with the large share rendition as its image.

    ``authors`` are the writers' names (``StoryParts.authors``, computed on save).
    """
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline[:110],
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "articleSection": article.section.name,
        "author": [{"@type": "Person", "name": name} for name in authors],
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_PUBLICATION_NAME},
    }
    if share:
        data["image"] = [
            {"@type": "ImageObject", "url": share["url"], "width": share["width"], "height": share["height"]}
        ]
    text = json.dumps({key: value for key, value in data.items() if value not in (None, "", [])}, ensure_ascii=False)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)))



@register.simple_tag
def query_with(query, name: str, value) -> str:
    """The query string ``query`` (a QueryDict) with ``name`` set to ``value``: another page of one list."""
    params = query.copy()
    params[name] = value
    return params.urlencode()
