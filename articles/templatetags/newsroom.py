"""Template helpers for the reader site: section navigation, bylines, titles as of a date.

None of these may query the database per item: they work on what the view's
queryset bundle already loaded (the one exception, the section list, is one
query per request, cached on the request).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django import template

from articles.models import Article, Byline, Section
from entities.models import Person, Role

register = template.Library()

# A story saved within this long of going live has not been "updated" for readers.
UPDATE_GRACE = datetime.timedelta(minutes=5)


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


@register.simple_tag
def role_on(person: Person, when: datetime.datetime | datetime.date | None) -> Role | None:
    """The role ``person`` held on ``when`` (the story's publication), from prefetched roles."""
    return person.role_on(when)


@register.filter
def was_updated(article: Article) -> bool:
    """Whether the story changed after it went live (worth an "Updated" time)."""
    if not article.published_at or not article.updated_at:
        return False
    return article.updated_at - article.published_at > UPDATE_GRACE
