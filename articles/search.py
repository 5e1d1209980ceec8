"""Full-text search over published stories, on PostgreSQL and SQLite alike."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

_WORD = re.compile(r"\w+", re.UNICODE)


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("headline", weight="A", config="simple")
            + SearchVector("standfirst", weight="B", config="simple")
            + SearchVector("body_text", weight="C", config="simple")
        )
        search_query = SearchQuery(query, search_type="websearch", config="simple")
        return (
            queryset.annotate(rank=SearchRank(vector, search_query))
            .filter(rank__gt=0)
            .order_by("-rank", "-published_at")
        )
    # Elsewhere every word must appear in the headline, standfirst or body.
    for word in _WORD.findall(query):
        queryset = queryset.filter(
            Q(headline__icontains=word) | Q(standfirst__icontains=word) | Q(body_text__icontains=word)
        )
    return queryset
