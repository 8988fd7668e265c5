"""Stored search documents: claims get theirs, and both GIN indexes move onto them.

``articles.0004_article_search_document`` adds the stories' column; this adds
the claims' and, on PostgreSQL only, replaces the expression indexes of
``0006_search_indexes`` (which made a search re-parse the text of every row
it had to recheck or rank) with GIN indexes on the stored columns. Other
databases have no GIN indexes and search by substring, so the index step does
nothing there.
"""

from importlib import import_module

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

import newsroom.fulltext

INDEXES = [
    ("articles", "Article", "article_search", "article_search_document"),
    ("claims", "Claim", "claim_search", "claim_search_document"),
]


def to_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, old, new in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(old)}")
        schema_editor.add_index(
            apps.get_model(app_label, model_name),
            GinIndex(fields=["search_document"], name=new),
        )


def to_expressions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app_label, _model_name, _old, new in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(new)}")
    # Back to the expression indexes that 0006 built.
    import_module("claims.migrations.0006_search_indexes").add_indexes(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_article_search_document"),
        ("claims", "0011_newsroom_words_for_status_place_in_text_and_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=newsroom.fulltext.SearchDocument(
                    ("quote", "A"), ("speaker", "B")
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                verbose_name="search document",
            ),
        ),
        migrations.RunPython(to_columns, to_expressions),
    ]
