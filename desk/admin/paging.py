"""Pages of the review queue, counted without reading the whole table."""

import json
from typing import Any

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


class QueuePaginator(Paginator[Any]):
    """Pages of the queue; a large count is PostgreSQL's estimate, not a COUNT(*).

    COUNT(*) reads every row it counts. Unfiltered, the estimate is the
    table's (pg_class.reltuples, kept by autovacuum), used above
    ``estimate_above`` rows. Filtered or searched, rows are counted exactly
    up to ``exact_up_to``; past that the planner's estimate of the filtered
    rows is shown (never below what was counted): "about 40,000" is what an
    editor reads from it, and the pages past the last one shown are empty,
    not wrong. Other databases count exactly. ``whole_table`` says that
    nothing the editor chose narrows the rows (withdrawn claims, a few, are
    left out): the table's estimate stands for them.
    """

    estimate_above = 100_000
    exact_up_to = 10_000

    def __init__(self, *args: Any, whole_table: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.whole_table = whole_table

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or not is_postgresql(queryset):
            return super().count
        if self.whole_table or not queryset.query.where:
            estimate = estimated_rows(queryset)
            if estimate is not None and estimate > self.estimate_above:
                return estimate
            return super().count
        counted = queryset.order_by()[: self.exact_up_to + 1].count()
        if counted <= self.exact_up_to:
            return counted
        return max(counted, planned_rows(queryset))


def is_postgresql(queryset: QuerySet[Any]) -> bool:
    return connections[queryset.db].vendor == "postgresql"


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


def planned_rows(queryset: QuerySet[Any]) -> int:
    """How many rows PostgreSQL's planner expects the queryset to return."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])
