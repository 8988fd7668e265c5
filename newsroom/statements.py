"""Queries a page runs on every rebuild, compiled to SQL once per connection.

Building and compiling a queryset costs more than the query itself on the
article page rebuilt after a review (the review log's filter alone cost a
third of the page). A ``Statement`` compiles its queryset once per database
connection, with stand-in values where the caller's go, and then runs that
SQL with the caller's values, converting the rows as the ORM does. The
queryset, its SQL and its rows are the ORM's own: only the compiling is
saved. The query goes to the database the router names, and is counted and
logged as any other.

Only for querysets whose SQL depends on nothing but the values passed: a
filter on the time (``live_q``, ``timezone.now()``) would be compiled once
with the time of its first use, and is never to be run through here.
"""

import weakref
from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet

# Stand-ins that no caller's value equals: never a key or a scope.
_STAND_IN = "\x01stand-in-{}\x01"
_NUMBER = -7_340_000_000


def _stand_ins(kinds: Sequence[type]) -> list[Any]:
    return [
        _NUMBER - index if kind is int else _STAND_IN.format(index)
        for index, kind in enumerate(kinds)
    ]


class Statement:
    """A values-list queryset, built by ``build`` from its values, compiled
    once per connection and shape (the types of the values, in order)."""

    def __init__(
        self,
        model: type[Model],
        build: Callable[..., QuerySet[Any]],
        using: str | None = None,
    ) -> None:
        self.model = model
        self.build = build
        self.using = using
        self.compiled: weakref.WeakKeyDictionary[Any, dict[tuple[type, ...], Any]] = (
            weakref.WeakKeyDictionary()
        )

    def _compile(self, alias: str, kinds: tuple[type, ...]) -> Any:
        connection = connections[alias]
        by_shape = self.compiled.setdefault(connection, {})
        found = by_shape.get(kinds)
        if found is None:
            stand_ins = _stand_ins(kinds)
            compiler = self.build(*stand_ins).query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            # Where each value goes among the parameters, or a constant.
            slots = [
                stand_ins.index(param) if param in stand_ins else None
                for param in params
            ]
            if sorted(slot for slot in slots if slot is not None) != list(
                range(len(kinds))
            ):
                raise ValueError("each value must be a parameter of the query once")
            found = by_shape[kinds] = (compiler, sql, params, slots)
        return found

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows of the queryset built from ``values``."""
        alias = self.using or router.db_for_read(self.model) or DEFAULT_DB_ALIAS
        kinds = tuple(int if isinstance(value, int) else str for value in values)
        compiler, sql, constants, slots = self._compile(alias, kinds)
        params = [
            constant if slot is None else values[slot]
            for constant, slot in zip(constants, slots, strict=True)
        ]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            # Without the columns the database was given only to order by.
            fetched = [row[: compiler.col_count] for row in cursor.fetchall()]
        return list(compiler.results_iter([fetched], tuple_expected=True))
