"""Small pieces every newsroom admin screen shares: counts, times, links to a story."""

import datetime

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html

from ..models import (
    Article,
    LinkStatus,
)


def confirmed_count(model: type[models.Model], owner: str) -> Coalesce:
    """How many confirmed ``model`` links point at each row, through their ``owner`` key.

    A correlated subquery rather than JOIN + GROUP BY: the database counts for
    the rows on the page only, and the change list's total ``count()`` leaves
    it out, where a GROUP BY would aggregate the whole table on every page.
    """
    links = (
        model.objects.filter(**{owner: OuterRef("pk")}, status=LinkStatus.CONFIRMED)
        .order_by()
        .values(owner)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), 0)


def local_time(value: datetime.datetime | None) -> str:
    """A time as the newsroom reads it: its own time zone, "25 Dec 2026, 09:00"."""
    if value is None:
        return ""
    return dateformat.format(timezone.localtime(value), "j M Y, H:i")


def is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


def story_admin_link(article: Article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html('<a href="{}">{}</a>', url, article.headline)
