"""GIN indexes for readers' full-text search, on PostgreSQL only.

The indexed expressions are those of ``claims.search.article_vector`` and
``claims.search.claim_vector``, written out here so this migration keeps its
meaning if those change; ``tests/search/test_postgres.py`` checks that the
search query uses them. Other databases have no GIN indexes and search by
substring instead, so the operation does nothing there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def _indexes():
    article = GinIndex(
        SearchVector("headline", config="english", weight="A")
        + SearchVector("standfirst", config="english", weight="B")
        + SearchVector("plain_text", config="english", weight="C"),
        name="article_search",
    )
    claim = GinIndex(
        SearchVector("quote", config="english", weight="A")
        + SearchVector("speaker", config="english", weight="B"),
        name="claim_search",
    )
    return [("articles", "Article", article), ("claims", "Claim", claim)]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, index in _indexes():
        schema_editor.add_index(apps.get_model(app_label, model_name), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, index in _indexes():
        schema_editor.remove_index(apps.get_model(app_label, model_name), index)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_text_validators"),
        ("claims", "0005_attribution_withdrawal_label_history"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
