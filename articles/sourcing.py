"""
The sourcing desk's reads: which sources the stories rest on, which stories
rest on one source only, and which attributions give no address to check.

Each is one query whatever the number of sources and stories (aggregates in
the database, not loops), over the stories a ``DeskScope`` selects: a
section, a period (by the story's first publication, or its creation for a
story not yet published) and whether it has been public.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from entities.models import Source

from .models import Article, LinkStatus, Section, SourceAttribution
from .querysets import has_been_public_q

RECENT_DAYS = 30


@dataclass(frozen=True)
class DeskScope:
    section: Section | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    public_only: bool = False

    def stories_q(self, prefix: str = "", now: datetime.datetime | None = None) -> Q:
        """The stories in scope, as a filter on Article or (with ``prefix``) on a link to one."""
        condition = Q()
        if self.section is not None:
            condition &= Q(**{f"{prefix}section": self.section})
        if self.public_only:
            condition &= has_been_public_q(prefix, now)
        # ``story_date`` is the alias ``_with_story_date`` adds to the queryset.
        if self.since is not None:
            condition &= Q(story_date__gte=self.since)
        if self.until is not None:
            condition &= Q(story_date__lte=self.until)
        return condition


def _with_story_date(queryset: QuerySet, prefix: str = "") -> QuerySet:
    """The day a story belongs to on the desk: its first publication, or its creation if it has none."""
    when = Coalesce(F(f"{prefix}published_at"), F(f"{prefix}created_at"))
    return queryset.alias(story_date=TruncDate(when, tzinfo=timezone.get_current_timezone()))


def attributions_in(scope: DeskScope, now: datetime.datetime | None = None) -> QuerySet[SourceAttribution]:
    attributions = _with_story_date(SourceAttribution.objects.confirmed(), "article__")
    return attributions.filter(scope.stories_q("article__", now))


def sources_by_attributions(scope: DeskScope, now: datetime.datetime | None = None) -> QuerySet[Source]:
    """Sources with confirmed attributions in scope, most used lately first.

    Each carries ``recent`` (attributions in the last 30 days), ``total`` (in
    the whole scope: all time unless a period is chosen), ``stories`` and
    ``last_cited``.
    """
    now = now or timezone.now()
    in_scope = attributions_in(scope, now)
    recent_since = now - datetime.timedelta(days=RECENT_DAYS)
    rows = in_scope.values("source").annotate(
        total=Count("pk"),
        recent=Count("pk", filter=Q(story_date__gte=timezone.localdate(recent_since))),
        stories=Count("article", distinct=True),
        last_cited=Max("story_date"),
        name=Min("source__name"),
        slug=Min("source__slug"),
    )
    return rows.order_by("-recent", "-total", "name")


def single_source_stories(scope: DeskScope, now: datetime.datetime | None = None) -> QuerySet[Article]:
    """Stories whose confirmed attributions all name one source, with that source's name and id."""
    confirmed = Q(attributions__status=LinkStatus.CONFIRMED)
    stories = _with_story_date(Article.objects.all()).filter(scope.stories_q(now=now))
    return (
        stories.annotate(
            source_count=Count("attributions__source", filter=confirmed, distinct=True),
            only_source_id=Min("attributions__source", filter=confirmed),
            only_source_name=Min("attributions__source__name", filter=confirmed),
        )
        .filter(source_count=1)
        .select_related("section")
        .only("headline", "slug", "status", "published_at", "republish_at", "created_at", "section__name")
        .order_by(F("published_at").desc(nulls_first=True), "-pk")
    )


def attributions_without_url(scope: DeskScope, now: datetime.datetime | None = None) -> QuerySet[SourceAttribution]:
    """Confirmed attributions that give no address for the claim, newest stories first."""
    return (
        attributions_in(scope, now)
        .filter(url="")
        .select_related("source", "article__section")
        .order_by(F("article__published_at").desc(nulls_first=True), "-article__pk", "pk")
    )
