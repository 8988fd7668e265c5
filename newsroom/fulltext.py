"""The stored search document: a column the database computes from a row's text.

On PostgreSQL it is a ``tsvector`` of weighted text columns, generated and
stored by the database on every insert and update, so no save path has to
keep it current and a search reads it instead of parsing the text again.
Other databases (SQLite) store nothing in it: they search by substring.
"""

from functools import reduce
from operator import add
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, Func, TextField
from django.db.models.sql.compiler import SQLCompiler

CONFIG = "english"
# The function (PostgreSQL; ``articles.0010``) that makes a text's paragraph
# documents: each paragraph (blocks parted by a blank line) as a tsvector.
PARAGRAPH_DOCUMENTS = "newsroom_paragraph_documents"
# How many of the paragraphs holding a word searched for an excerpt is cut from.
EXCERPT_PARAGRAPHS = 3


class _OnPostgres(Func):
    """The expression it is given on PostgreSQL; NULL elsewhere: the
    expression of a ``GeneratedField`` holding what full-text search reads,
    a column other databases keep empty (they search by substring)."""

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


class SearchDocument(_OnPostgres):
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


class ParagraphDocuments(_OnPostgres):
    """Each paragraph of a text column as a ``tsvector``, in order, the
    expression of a ``GeneratedField`` (PostgreSQL; NULL elsewhere): what an
    excerpt is cut from is found by them (``MatchingParagraphs``)."""

    output_field = ArrayField(SearchVectorField())

    def __init__(self, column: str) -> None:
        super().__init__(
            Func(column, function=PARAGRAPH_DOCUMENTS, output_field=self.output_field)
        )


class MatchingParagraphs(Func):
    """The text an excerpt is cut from: the first few paragraphs of ``text``
    that hold a word of ``words`` (its ``documents``, stored, tell which
    without parsing the text); none if none does (an excerpt without the
    words is not shown). Highlighting a long story's whole text parsed all
    of it for every result shown.

    ``MatchingParagraphs("plain_text", "paragraph_documents", Value(words))``
    """

    output_field = TextField()
    template = (
        "array_to_string(ARRAY("
        "SELECT parts.paragraph FROM unnest("
        "string_to_array(%(text)s, E'\\n\\n'), %(documents)s) "
        "WITH ORDINALITY AS parts(paragraph, document, number) "
        "WHERE tsvector_to_array(parts.document) && tsvector_to_array("
        "to_tsvector('%(config)s'::regconfig, %(words)s)) "
        "ORDER BY parts.number LIMIT %(few)d), E'\\n\\n')"
    )

    def __init__(self, text: str, documents: str, words: Expression) -> None:
        super().__init__(text, documents, words)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        # No paragraph documents here: the whole text.
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return sql, tuple(params)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        text, documents, words = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        parts = {
            "text": text[0],
            "documents": documents[0],
            "words": words[0],
            "config": CONFIG,
            "few": EXCERPT_PARAGRAPHS,
        }
        return self.template % parts, (*text[1], *documents[1], *words[1])
