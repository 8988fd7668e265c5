"""The stored search document: a column the database computes from a row's text.

On PostgreSQL it is a ``tsvector`` of weighted text columns, generated and
stored by the database on every insert and update, so no save path has to
keep it current and a search reads it instead of parsing the text again.
Other databases (SQLite) store nothing in it: they search by substring.
"""

from functools import reduce
from operator import add
from typing import Any

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func
from django.db.models.sql.compiler import SQLCompiler

CONFIG = "english"


class SearchDocument(Func):
    """The weighted text columns as one ``tsvector`` on PostgreSQL; NULL elsewhere.

    ``SearchDocument(("headline", "A"), ("standfirst", "B"))`` is the
    expression of a ``GeneratedField``; the configuration is written into
    the column's definition, which keeps it immutable, as PostgreSQL
    requires of a generated column.
    """

    output_field = SearchVectorField()

    def __init__(self, *weighted: tuple[str, str], config: str = CONFIG) -> None:
        vectors = [
            SearchVector(column, config=config, weight=weight)
            for column, weight in weighted
        ]
        super().__init__(reduce(add, vectors))

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        # No full-text search here: the column exists and stays empty.
        return "NULL", ()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return sql, tuple(params)
