"""Queries compiled once and run again with other values give the ORM's rows."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from newsroom.statements import Statement
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
