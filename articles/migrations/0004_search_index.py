"""A GIN index for full-text search on PostgreSQL.

The expression is exactly what ``articles.search`` asks for, so the planner
uses it; other databases search with LIKE and get no such index.
"""

from django.db import migrations

INDEX = "articles_article_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_search_document")]

    operations = [migrations.RunPython(create_index, drop_index)]
