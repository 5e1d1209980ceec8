"""PostgreSQL: the search vector stored with the story, and indexed.

Migration 0004 indexed the expression ``to_tsvector(search_document)``: the
index found the matches, but ranking them recomputed the vector of every
matching story from its text (2 s for a common word at 1,000 stories, 7 s at
100,000). A stored generated column is computed once, when the story is
written, and serves both the match (through its GIN index) and the rank.
Other databases search another way and get neither.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "articles_article_search_vector_gin"
EXPRESSION_INDEX = "articles_article_search_gin"
# What both index and column hold, as migration 0004 wrote it (articles.search folds the query alike).
VECTOR = "to_tsvector('simple'::regconfig, COALESCE(search_document, ''))"


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {COLUMN} tsvector GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin ({COLUMN})")
    schema_editor.execute(f"DROP INDEX IF EXISTS {EXPRESSION_INDEX}")


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {EXPRESSION_INDEX} ON articles_article USING gin ({VECTOR})")
    schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_article_page_parts")]

    operations = [migrations.RunPython(add_vector, drop_vector)]
