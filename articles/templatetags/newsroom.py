"""Template helpers for the reader site: section navigation, bylines, titles as of a date.

None of these may query the database per item: they work on what the view's
queryset bundle already loaded (the one exception, the section list, is one
query per request, cached on the request).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Byline, Section, SourceAttribution
from entities.models import Person, Role, Source

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


def join_names(names: list[str]) -> str:
    """["A"] -> "A"; ["A", "B", "C"] -> "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@register.filter
def byline(bylines: Iterable[Byline]) -> str:
    """Names grouped by credit, in byline order: "Reporting by A and B; photos by C"."""
    groups: dict[str, list[str]] = {}
    for entry in bylines:
        groups.setdefault(entry.get_credit_display(), []).append(entry.name)
    parts = [f"{credit.lower()} by {join_names(names)}" for credit, names in groups.items()]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


@register.filter
def story_byline(article: Article) -> str:
    """The story's byline; a photos credit only when the story shows a photo."""
    bylines = article.bylines.all()
    if not article.lead_image_id:
        bylines = [entry for entry in bylines if entry.credit != Byline.Credit.PHOTOS]
    return byline(bylines)


# How each kind of attribution reads before the source's name: "According to LRT".
ATTRIBUTION_LEADS = {
    SourceAttribution.Kind.ACCORDING_TO: "According to",
    SourceAttribution.Kind.AS_REPORTED_BY: "As reported by",
    SourceAttribution.Kind.REPORTED: "Reported by",
    SourceAttribution.Kind.PRESS_RELEASE: "Press release from",
    SourceAttribution.Kind.STATEMENT: "Statement from",
    SourceAttribution.Kind.INTERVIEW: "Interview with",
    SourceAttribution.Kind.DOCUMENT: "Document from",
    SourceAttribution.Kind.SOCIAL_MEDIA: "Social media post by",
    SourceAttribution.Kind.OTHER: "",
}


@dataclass
class SourceLine:
    """One source of a story, with every way the story drew on it."""

    source: Source
    kinds: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    @property
    def lead(self) -> str:
        """The words before the source's name: "According to", "According to and as reported by".

        Kinds in a fixed order (the order of ``ATTRIBUTION_LEADS``), whatever order the links were made in.
        """
        order = list(ATTRIBUTION_LEADS)
        kinds = sorted(self.kinds, key=lambda kind: order.index(kind) if kind in order else len(order))
        leads = [lead for lead in dict.fromkeys(ATTRIBUTION_LEADS.get(kind, "") for kind in kinds) if lead]
        return join_names(leads[:1] + [lead.lower() for lead in leads[1:]])


@register.filter
def source_lines(attributions: Iterable[SourceAttribution]) -> list[SourceLine]:
    """The story's attributions, one line per source in first-cited order (from the prefetched list)."""
    lines: dict[int, SourceLine] = {}
    for attribution in attributions:
        line = lines.setdefault(attribution.source_id, SourceLine(attribution.source))
        if attribution.kind not in line.kinds:
            line.kinds.append(attribution.kind)
        if attribution.url and attribution.url not in line.urls:
            line.urls.append(attribution.url)
    return list(lines.values())


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


@register.simple_tag
def role_on(person: Person, when: datetime.datetime | datetime.date | None) -> Role | None:
    """The role ``person`` held on ``when`` (the story's publication), from prefetched roles."""
    return person.role_on(when)


@register.filter
def was_updated(article: Article) -> bool:
    """Whether the story's text changed after it went live (worth an "Updated" time)."""
    return article.was_updated


# Characters that could end a <script> element or confuse an HTML parser, escaped inside JSON.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def story_json_ld(context: template.Context, article: Article, share: dict | None = None):
    """schema.org NewsArticle for search engines, with the large share rendition as its image."""
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
        "author": [
            {"@type": "Person", "name": name}
            for name in dict.fromkeys(b.name for b in article.bylines.all() if b.credit != Byline.Credit.PHOTOS)
        ],
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
