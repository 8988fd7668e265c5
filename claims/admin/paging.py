"""Pages of the review queue, counted without reading the whole table."""

from typing import Any

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


class QueuePaginator(Paginator[Any]):
    """Pages of the queue; an unfiltered count of a large table is PostgreSQL's estimate.

    COUNT(*) reads the whole table. The estimate (pg_class.reltuples, kept
    by autovacuum) is only used above ``estimate_above`` rows and only when
    nothing is filtered, where being a little off does not matter; any
    filter or search is counted exactly.
    """

    estimate_above = 100_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            estimate = estimated_rows(queryset)
            if estimate is not None and estimate > self.estimate_above:
                return estimate
        return super().count


def estimated_rows(queryset: QuerySet[Any]) -> int | None:
    """PostgreSQL's estimate of a table's row count, or None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None
