"""Full-text search over published stories, on PostgreSQL and SQLite alike.

Both search the story's ``search_document``: headline, standfirst and body
folded to lower-case ASCII, with the query folded the same way, so
"Klaipeda" finds "Klaipėda" and "Ozolins" finds "Ozoliņš".
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

from .analysis.text import fold_text

_WORD = re.compile(r"[a-z0-9]+")


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    folded = fold_text((query or "").strip())
    words = _WORD.findall(folded)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector("search_document", config="simple")
        search_query = SearchQuery(folded, search_type="websearch", config="simple")
        # Match with the @@ operator: ts_rank gives non-matching rows a tiny positive rank.
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, search_query))
            .filter(search=search_query)
            .order_by("-rank", "-published_at")
        )
    # Elsewhere every word must appear.
    for word in words:
        queryset = queryset.filter(search_document__contains=word)
    return queryset
