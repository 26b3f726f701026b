"""A trigram index for searching article text on PostgreSQL.

Search compares the stored diacritics-free text with LIKE '% word%'; a GIN
trigram index keeps that fast at 100,000 articles. SQLite (the embedded
demo) has no such index type and scans, which is fine at demo sizes.
"""

from django.db import migrations

INDEXES = {
    "news_article_search_text_trgm": "search_text",
    "news_article_search_title_trgm": "search_title",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON news_article USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("news", "0002_group_permissions")]

    operations = [migrations.RunPython(create, drop)]
