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

import contextlib
import weakref
from collections.abc import Callable, Hashable, Sequence
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable

# Stand-ins that no caller's value equals: never a key or a scope.
_STAND_IN = "\x01stand-in-{}\x01"
_NUMBER = -7_340_000_000


_MOMENT = datetime(1901, 2, 3, tzinfo=UTC)


def _stand_ins(kinds: Sequence[type]) -> list[Any]:
    return [
        _NUMBER - index
        if kind is int
        else _MOMENT + timedelta(seconds=index)
        if kind is datetime
        else _STAND_IN.format(index)
        for index, kind in enumerate(kinds)
    ]


def _kind(value: Any) -> type:
    return (
        int
        if isinstance(value, int)
        else datetime
        if isinstance(value, datetime)
        else str
    )


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
            _converting_once(compiler)
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


def _converting_once(compiler: Any) -> None:
    """Have ``compiler`` work out its columns' converters once: the ORM asks
    for them on every run (a third of making a search's few instances)."""
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(fields)
    compiler.get_converters = lambda expressions: converters


def _slot(param: Any, forms: list[tuple[Any, Any]]) -> tuple[int, bool] | None:
    """Which value a parameter is, and whether as the database adapted it."""
    for index, (value, adapted) in enumerate(forms):
        if param == value:
            return index, False
        if param == adapted:
            return index, True
    return None


class Prepared:
    """A queryset of model instances, built by ``build(shape, *values)``,
    compiled once per connection and shape, and run with each call's values.

    The shape is whatever else the SQL depends on (which filters apply, the
    rows wanted); the values (text, numbers, moments: the time a filter
    compares with is one) may each be used several times or not at all, and
    never written into the SQL's text. The instances, their related objects and
    annotations are made by the ORM's own iterable from the ORM's own SQL.
    """

    def __init__(self, model: type[Model], build: Callable[..., QuerySet[Any]]) -> None:
        self.model = model
        self.build = build
        self.compiled: weakref.WeakKeyDictionary[Any, dict[Hashable, Any]] = (
            weakref.WeakKeyDictionary()
        )

    def _compile(self, alias: str, shape: Hashable, kinds: tuple[type, ...]) -> Any:
        by_shape = self.compiled.setdefault(connections[alias], {})
        found = by_shape.get((shape, kinds))
        if found is None:
            stand_ins = _stand_ins(kinds)
            queryset = self.build(shape, *stand_ins)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            ops = connections[alias].ops
            # A moment may reach the parameters as the database takes it
            # (text, on SQLite): then each call's is converted alike.
            forms = [
                (value, ops.adapt_datetimefield_value(value))
                if isinstance(value, datetime)
                else (value, value)
                for value in stand_ins
            ]
            slots = [_slot(param, forms) for param in params]
            # A value written into the SQL, or into a parameter with more
            # (``%word%``), would be run again as the first call's.
            written = [
                param for param, slot in zip(params, slots, strict=True) if slot is None
            ]
            if any(
                str(stand_in)[:10] in text
                for stand_in in stand_ins
                for text in (sql, *map(str, written))
            ):
                raise ValueError("each value must be a parameter of the query")
            _converting_once(compiler)
            found = by_shape[(shape, kinds)] = (queryset, compiler, sql, params, slots)
        return found

    def _ready(self, shape: Hashable, values: Sequence[Any]) -> SimpleNamespace:
        """What the ORM's iterable reads: the compiled queryset, its SQL
        with ``values`` (``sql``, ``params``) and the database's alias."""
        alias = router.db_for_read(self.model) or DEFAULT_DB_ALIAS
        kinds = tuple(_kind(value) for value in values)
        queryset, compiler, sql, constants, slots = self._compile(alias, shape, kinds)
        ops = connections[alias].ops
        params = tuple(
            constant
            if slot is None
            else ops.adapt_datetimefield_value(values[slot[0]])
            if slot[1]
            else values[slot[0]]
            for constant, slot in zip(constants, slots, strict=True)
        )
        # The compiler keeps what compiling found (the columns, the related
        # objects, the annotations); only its SQL's values change. A
        # connection serves one thread at a time.
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        return SimpleNamespace(
            db=alias,
            query=SimpleNamespace(get_compiler=lambda *args, **kwargs: compiler),
            model=queryset.model,
            _fetch_mode=queryset._fetch_mode,
            _known_related_objects={},
            compiler=compiler,
            sql=sql,
            params=params,
        )

    def objects(self, shape: Hashable, *values: Any) -> list[Any]:
        """The instances of the queryset built for ``shape`` from ``values``."""
        return list(ModelIterable(self._ready(shape, values)))  # type: ignore[arg-type]


def _built(ready: SimpleNamespace, rows: list[tuple[Any, ...]]) -> list[Any]:
    """The instances the ORM makes of ``rows``, read already."""
    compiler = ready.compiler
    fetched = [row[: compiler.col_count] for row in rows]
    compiler.execute_sql = lambda *args, **kwargs: [fetched]
    try:
        return list(ModelIterable(ready))  # type: ignore[arg-type]
    finally:
        del compiler.execute_sql


def together(
    calls: Sequence[tuple[Prepared, Hashable, Sequence[Any]]],
) -> list[list[Any]]:
    """The instances of each ``(prepared, shape, values)``, in order: their
    statements sent in one round trip where the database takes several at
    once (PostgreSQL), and counted as one query; else one query each.

    On a PostgreSQL connection that prepares statements (``prepare_threshold``
    set, as ``settings.PREPARED_STATEMENTS`` does), they go as a pipeline,
    each prepared once per connection with its values bound by the server:
    PostgreSQL parses them once, and keeps a plan where one plan serves every
    value as well (it still plans each search afresh where the words matter,
    over many stories). Otherwise as one string, their values bound by the
    client, as Django binds them.
    """
    aliases = {
        router.db_for_read(prepared.model) or DEFAULT_DB_ALIAS
        for prepared, _, _ in calls
    }
    connection = connections[aliases.pop()] if len(aliases) == 1 else None
    if (
        len(calls) < 2  # noqa: PLR2004 - one statement is sent as it is
        or connection is None
        or connection.vendor != "postgresql"
        or connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")
    ):
        return [prepared.objects(shape, *values) for prepared, shape, values in calls]
    # Each call's SQL and values taken as it is prepared: two calls of one
    # shape share a compiler.
    readies = [prepared._ready(shape, values) for prepared, shape, values in calls]
    sql = ";\n".join(ready.sql for ready in readies)
    params = [param for ready in readies for param in ready.params]
    with connection.cursor() as cursor:
        if not _pipelines(connection):
            cursor.execute(sql, params)
            found = _result_sets(cursor, len(readies))
        else:
            # Logged and wrapped (``connection.execute_wrapper``) as the one
            # query it stands for.
            logged = (
                cursor.debug_sql(sql, params)
                if hasattr(cursor, "debug_sql")
                else contextlib.nullcontext()
            )
            with logged:
                found = cursor._execute_with_wrappers(
                    sql,
                    params,
                    many=False,
                    executor=lambda *_: _pipelined(connection, readies),
                )
    return [_built(ready, rows) for ready, rows in zip(readies, found, strict=True)]


def _pipelines(connection: Any) -> bool:
    """Whether ``connection`` prepares statements sent as a pipeline."""
    return (
        connection.connection.prepare_threshold is not None
        and psycopg.Pipeline.is_supported()
    )


def _result_sets(cursor: Any, count: int) -> list[list[tuple[Any, ...]]]:
    """The rows of each of ``count`` statements sent in one string."""
    found = []
    for number in range(count):
        if number:
            cursor.nextset()
        found.append(cursor.fetchall())
    return found


def _pipelined(
    connection: Any, readies: Sequence[SimpleNamespace]
) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement, sent together, each prepared."""
    raw = connection.connection
    # Server-side binding: each statement's values go apart from its text.
    cursors = [psycopg.Cursor(raw) for _ in readies]
    try:
        with connection.wrap_database_errors:
            with raw.pipeline():
                for cursor, ready in zip(cursors, readies, strict=True):
                    cursor.execute(ready.sql, ready.params, prepare=True)
            return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()
