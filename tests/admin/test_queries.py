"""The review queue costs the same number of queries at 10 claims as at 1,000."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims import anchoring
from claims.models import Claim
from desk.admin import QueuePaginator
from tests.admin.conftest import changelist_url
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = pytest.mark.django_db

SIZE = 1000


def add_claims(count: int) -> None:
    """Valid claims in bulk: one article whose sentences are numbered, one claim each."""
    sentences = [f"Source {i} said figure {i} holds." for i in range(count)]
    article = ArticleFactory.create(body=" ".join(sentences))
    agencies = [AgencyFactory.create() for _ in range(3)]
    text = article.plain_text
    claims = []
    for i in range(count):
        quote = f"said figure {i} holds."
        start = text.index(quote)
        claim = Claim(
            article=article,
            agency=agencies[i % 3],
            speaker=f"Source {i}",
            status=Claim.Status.VERIFIED if i % 2 else Claim.Status.UNREVIEWED,
        )
        claim.set_selectors(anchoring.selectors_at(text, start, start + len(quote)))
        claims.append(claim)
    Claim.objects.bulk_create(claims, batch_size=500)


def queue_queries(client: Client, **params: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(changelist_url(), params)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize(
    "params",
    [{}, {"status__exact": "unreviewed"}, {"q": "figure"}, {"o": "5.-1"}],
    ids=["queue", "filtered", "search", "sorted by status"],
)
def test_queue_query_count_is_constant(
    editor_client: Client, params: dict[str, str]
) -> None:
    """10 claims or 1,000: the same queries, one page of rows, no per-row lookups."""
    add_claims(10)
    queue_queries(editor_client, **params)  # warm the session and permission caches
    small = queue_queries(editor_client, **params)
    add_claims(SIZE - 10)
    assert Claim.objects.count() == SIZE
    large = queue_queries(editor_client, **params)
    assert len(large) == len(small), "\n".join(large)
    # One COUNT, of the filtered rows: no second, unfiltered full count.
    assert sum("COUNT(" in sql for sql in large) == 1
    # Rows carry their article's headline, never its (long) body.
    assert not any('"articles_article"."body"' in sql for sql in large)


def test_unfiltered_count_of_a_large_queue_is_estimated(
    editor_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL a large unfiltered queue is not COUNTed; a filtered one is, exactly."""
    add_claims(50)
    monkeypatch.setattr(QueuePaginator, "estimate_above", 10)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    queue_queries(editor_client)
    unfiltered = queue_queries(editor_client)
    filtered = queue_queries(editor_client, status__exact="unreviewed")
    counted = sum("COUNT(" in sql for sql in unfiltered)
    if connection.vendor == "postgresql":
        assert counted == 0
        assert any("reltuples" in sql for sql in unfiltered)
    else:
        # No estimate to be had: SQLite counts, exactly.
        assert counted == 1
    assert len(unfiltered) == len(filtered)
    page = editor_client.get(changelist_url(), {"status__exact": "unreviewed"})
    assert page.context["cl"].result_count == 25
