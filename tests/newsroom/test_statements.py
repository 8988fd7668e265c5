"""Queries compiled once and run again with other values give the ORM's rows."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from claims.models import Claim
from newsroom.statements import Prepared, Statement, together
from newsroom.versions import store
from newsroom.versions.models import Version
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def by_article(article_id: int) -> Any:
    return (
        Claim.objects.filter(article_id=article_id)
        .order_by("-start", "pk")
        .values_list("id", "quote", "status", "updated_at")
    )


def test_each_article_gets_its_own_rows_as_the_orm_reads_them() -> None:
    agency = AgencyFactory.create()
    first = ArticleFactory.create(body="One says hello. One says goodbye.")
    second = ArticleFactory.create(body="Two says nothing at all.")
    make_claim(first, "says hello", agency=agency)
    make_claim(first, "says goodbye", agency=agency)
    make_claim(second, "nothing at all", agency=agency)
    statement = Statement(Claim, by_article)
    for article in (first, second, first):
        with CaptureQueriesContext(connection) as queries:
            rows = statement.rows(article.pk)
        assert rows == list(by_article(article.pk))
        assert len(queries) == 1
    assert [row[1] for row in statement.rows(first.pk)] == [
        "says goodbye",
        "says hello",
    ]


def test_versions_read_with_any_number_of_scopes() -> None:
    store.bump(["article:a", "article:b", "claim:1"])
    for scopes in (["article:a"], ["article:b", "claim:1", "missing"], []):
        expected = set(
            Version.objects.filter(
                scope__in=[*scopes, store.EPOCH, store.SCHEDULE]
            ).values_list("scope", flat=True)
        )
        assert set(store.fetch(scopes)) == expected
    assert "article:a" in store.fetch(["article:a"])
    assert "article:a" not in store.fetch(["article:b"])


def test_a_value_the_query_does_not_take_is_refused() -> None:
    statement = Statement(Claim, lambda article_id: Claim.objects.values_list("id"))
    with pytest.raises(ValueError, match="parameter"):
        statement.rows(1)


def claims_seen(shape: tuple[int, int], quote: str, now: Any) -> Any:
    start, stop = shape
    return (
        Claim.objects.public(now)
        .filter(quote=quote)
        .select_related("article", "agency")
        .annotate(agency_name=F("agency__name"))
        .order_by("start", "pk")[start:stop]
    )


def test_prepared_instances_are_the_orms_at_each_moment_and_value() -> None:
    """Compiled once, run with another word and another moment: the ORM's
    instances, related objects and annotations, for those values."""
    agency = AgencyFactory.create(name="Wire")
    later = timezone.now() + timedelta(hours=1)
    story = ArticleFactory.create(body="Alpha said so. Beta said no.", publish_at=later)
    alpha = make_claim(story, "Alpha said so", agency=agency)
    beta = make_claim(story, "Beta said no", agency=agency)
    prepared = Prepared(Claim, claims_seen)
    assert prepared.objects((0, 5), "said", timezone.now()) == []
    moment = later + timedelta(seconds=1)
    for claim in (alpha, beta, alpha):
        with CaptureQueriesContext(connection) as queries:
            found = prepared.objects((0, 5), claim.quote, moment)
        assert found == list(claims_seen((0, 5), claim.quote, moment)) == [claim]
        assert len(queries) == 1
        assert found[0].article.slug == story.slug
        assert found[0].agency_name == "Wire"
    assert prepared.objects((1, 5), alpha.quote, moment) == []


def test_a_value_written_into_the_sql_is_refused() -> None:
    """A value the SQL would keep in its text, not as a parameter, would be
    run again with the first call's value: refused."""
    prepared = Prepared(
        Claim, lambda shape, word: Claim.objects.filter(quote__contains=word)
    )
    with pytest.raises(ValueError, match="parameter"):
        prepared.objects((), "said")


def test_statements_read_together_give_each_its_own_instances() -> None:
    """Several compiled querysets read at once: each call's instances, with
    their related objects and annotations, as read one by one; in one query
    on PostgreSQL, and a later call alone reads afresh."""
    agency = AgencyFactory.create(name="Wire")
    story = ArticleFactory.create(body="Alpha said so. Beta said no.")
    alpha = make_claim(story, "Alpha said so", agency=agency)
    beta = make_claim(story, "Beta said no", agency=agency)
    prepared = Prepared(Claim, claims_seen)
    moment = timezone.now() + timedelta(seconds=1)
    calls = [
        (prepared, (0, 5), (alpha.quote, moment)),
        (prepared, (0, 5), ("nobody", moment)),
        (Prepared(Claim, claims_seen), (0, 5), (beta.quote, moment)),
    ]
    with CaptureQueriesContext(connection) as queries:
        found = together(calls)
    assert found == [[alpha], [], [beta]]
    assert found[2][0].article.slug == story.slug
    assert found[2][0].agency_name == "Wire"
    assert len(queries) == (1 if connection.vendor == "postgresql" else 3)
    assert prepared.objects((0, 5), beta.quote, moment) == [beta]


def _prepared_here() -> list[str]:
    """The statements PostgreSQL keeps prepared for this connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return sorted(row[0] for row in cursor.fetchall())


def test_statements_read_together_are_prepared_once_per_connection() -> None:
    """On PostgreSQL the statements sent together are prepared on the
    connection, each once, and read what the statements bound in the client
    read; with preparation off (``DATABASE_PREPARED_STATEMENTS=0``, for a
    pooler that cannot carry it) nothing is prepared and the rows are alike."""
    if connection.vendor != "postgresql":
        pytest.skip("statements are sent together on PostgreSQL only")
    agency = AgencyFactory.create(name="Wire")
    story = ArticleFactory.create(body="Alpha said so. Beta said no.")
    alpha = make_claim(story, "Alpha said so", agency=agency)
    beta = make_claim(story, "Beta said no", agency=agency)
    moment = timezone.now() + timedelta(seconds=1)
    stories = Prepared(
        Article, lambda shape, word, now: Article.objects.filter(claims__quote=word)
    )
    claims = Prepared(Claim, claims_seen)

    def read(first: str, second: str) -> list[list[Any]]:
        return together(
            [(stories, (), (first, moment)), (claims, (0, 5), (second, moment))]
        )

    connection.ensure_connection()
    raw = connection.connection
    before = _prepared_here()
    assert raw.prepare_threshold is not None
    assert read(alpha.quote, alpha.quote) == [[story], [alpha]]
    assert read("Gamma said", beta.quote) == [[], [beta]]
    prepared = [sql for sql in _prepared_here() if sql not in before]
    assert len(prepared) == 2
    assert any("articles_article" in sql for sql in prepared)
    assert all(alpha.quote not in sql for sql in prepared)  # values apart from text

    threshold, raw.prepare_threshold = raw.prepare_threshold, None
    try:
        fresh = [
            Prepared(Article, stories.build),
            Prepared(Claim, claims_seen),
        ]
        found = together(
            [
                (fresh[0], (), (beta.quote, moment)),
                (fresh[1], (0, 5), (alpha.quote, moment)),
            ]
        )
    finally:
        raw.prepare_threshold = threshold
    assert found == [[story], [alpha]]
    assert [sql for sql in _prepared_here() if sql not in before] == prepared
