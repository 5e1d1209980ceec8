"""Full-text search over published stories, on PostgreSQL and SQLite alike.

Both search the story's ``search_document``: headline, standfirst and body
folded to lower-case ASCII, with the query folded the same way, so
"Klaipeda" finds "Klaipėda" and "Ozolins" finds "Ozoliņš".
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .analysis.text import fold_text

_WORD = re.compile(r"[a-z0-9]+")

# A reader's search is a few words. The caps keep a pasted page from becoming
# a query the database refuses (SQLite stops at 1,000 terms) or labours over.
MAX_QUERY_LENGTH = 500
MAX_SEARCH_WORDS = 32


def search_words(query: str) -> list[str]:
    return _WORD.findall(fold_text((query or "").strip()))


def validate_search_query(query: str) -> None:
    """Refuse a search past the caps, saying which one."""
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationError(
            "Search for at most %(limit)s characters (this is %(length)s).",
            code="max_length",
            params={"limit": f"{MAX_QUERY_LENGTH:,}", "length": f"{len(query):,}"},
        )
    words = len(search_words(query))
    if words > MAX_SEARCH_WORDS:
        raise ValidationError(
            "Search for at most %(limit)s words (this is %(words)s).",
            code="too_many_words",
            params={"limit": MAX_SEARCH_WORDS, "words": words},
        )


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    folded = fold_text((query or "").strip())
    words = search_words(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # The vector PostgreSQL stores with each story (migration 0018): matched
        # through its GIN index and ranked without re-reading the story's text.
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        vector = RawSQL(f'{table}."search_vector"', [], output_field=SearchVectorField())
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
