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
# A search ranks the newest this many matches. A word in most of the archive
# ("minister") would otherwise make each search count and rank every story
# that has it: 1.1 s on PostgreSQL at 100,000 stories, against 30-70 ms this way.
SEARCH_WINDOW = 1000


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
    """The newest ``SEARCH_WINDOW`` stories of ``queryset`` that match ``query``, best match first where ranked.

    Two steps: the matching stories' ids, newest first (PostgreSQL walks the
    stories by date for a common word and reads the word index for a rare
    one), then the page's rows among those ids. On PostgreSQL the second
    step ranks them; elsewhere the caller's order stands.
    """
    folded = fold_text((query or "").strip())
    words = search_words(query)
    if not words:
        return queryset
    rank = None
    if connection.vendor == "postgresql":
        # The vector PostgreSQL stores with each story (migration 0018), read
        # without re-reading the text. Match with the @@ operator: ts_rank gives
        # non-matching rows a tiny positive rank.
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        vector = RawSQL(f'{table}."search_vector"', [], output_field=SearchVectorField())
        search_query = SearchQuery(folded, search_type="websearch", config="simple")
        matching = queryset.annotate(search=vector).filter(search=search_query)
        rank = SearchRank(vector, search_query)
    else:
        # Elsewhere every word must appear.
        matching = queryset
        for word in words:
            matching = matching.filter(search_document__contains=word)
    # A list of ids, not a subquery: the stored vector is named by its table, which a subquery renames.
    newest = list(matching.order_by("-published_at", "-pk").values_list("pk", flat=True)[:SEARCH_WINDOW])
    found = queryset.filter(pk__in=newest)
    return found if rank is None else found.annotate(rank=rank).order_by("-rank", "-published_at")
