"""Readers' pages cost the same number of queries at 10 claims as at 1,000."""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from claims.models import Agency, Claim
from newsroom import parts
from tests.factories import ArticleFactory
from tests.pages.conftest import BuildArticle, add_claims, review

pytestmark = pytest.mark.django_db

# The larger story of each pair.
LARGE = 1000


def queries_for(client: Client, url: str) -> int:
    """How many queries a GET of ``url`` runs; the page must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def grow(
    client: Client, url: str, add: Callable[[int], object]
) -> tuple[int, int, str]:
    """Query counts for a page at 10 claims and at 1,000, and the final HTML."""
    add(10)
    small = queries_for(client, url)
    add(990)
    large = queries_for(client, url)
    return small, large, client.get(url).text


def test_article_page_budget(
    client: Client,
    build_article: BuildArticle,
    agencies: list[Agency],
) -> None:
    """On an empty cache the article page runs seven queries (the versions
    it is checked against, the article, its corrections, its claims, the
    claims whose notes it renders, their agencies, its review log); after a
    review, four (the versions, its claims, the reviewed claim, its log):
    the same at 10 claims as at 1,000."""
    article = build_article(capacity=LARGE)
    url = article.get_absolute_url()

    def counts() -> tuple[int, int]:
        cache.clear()
        parts.forget_local()  # and this process's memory
        empty = queries_for(client, url)
        claim = article.claims.filter(status=Claim.Status.UNREVIEWED).first()
        assert claim is not None
        review(claim, Claim.Status.DISPUTED, note="Other counts differ.")
        return empty, queries_for(client, url)

    add_claims(article, 10, agencies)
    small = counts()
    add_claims(article, 990, agencies)
    large = counts()
    html = client.get(url).text
    assert html.count("data-claim=") >= LARGE
    assert html.count('class="note note-disputed"') > LARGE // 4
    assert (small, large) == ((7, 4), (7, 4))


def test_index_budget(
    client: Client, build_article: BuildArticle, agencies: list[Agency]
) -> None:
    """The index runs three queries (the versions, count and page) whatever
    the number of claims."""
    article = build_article(capacity=LARGE)
    ArticleFactory.create_batch(3)
    small, large, html = grow(client, "/", lambda n: add_claims(article, n, agencies))
    assert (small, large) == (3, 3)
    # 1,000 claims rotate through four statuses: 250 disputed, 250 with context.
    assert "250 disputed claims" in html
    assert "250 claims with context added" in html


def test_agency_page_budget(client: Client, build_article: BuildArticle) -> None:
    """The agency page runs four queries (the versions; its label history
    one) whether the agency has 10 claims or 1,000."""
    agency = Agency.objects.create(name="Budget Agency", slug="budget-agency")
    articles: list[Article] = [build_article(capacity=LARGE // 2) for _ in range(2)]

    def add(count: int) -> None:
        # Spread the claims over two articles, so each row needs its article.
        half = count // 2
        add_claims(articles[0], half, [agency])
        add_claims(articles[1], count - half, [agency])

    small, large, html = grow(client, agency.get_absolute_url(), add)
    assert html.count('class="claim-item ') == LARGE
    assert (small, large) == (4, 4)


def test_claim_page_budget(client: Client, build_article: BuildArticle) -> None:
    """A claim's permalink runs three queries: the versions, the claim, and
    its history."""
    article = build_article(capacity=2)
    agency = Agency.objects.create(name="Permalink Agency", slug="permalink-agency")
    (claim,) = add_claims(article, 2, [agency])[1:]
    assert queries_for(client, claim.get_absolute_url()) == 3


def test_feed_budget(
    client: Client, build_article: BuildArticle, agencies: list[Agency]
) -> None:
    """Each feed runs two queries (the versions, its entries) whether there
    are 10 claims or 1,000."""
    article = build_article(capacity=LARGE)
    entries = {"/feeds/articles/": 1, "/feeds/reviews/": 50, "/feeds/corrections/": 0}
    add_claims(article, 10, agencies)
    small = {feed: queries_for(client, feed) for feed in entries}
    add_claims(article, LARGE - 10, agencies)
    large = {feed: queries_for(client, feed) for feed in entries}
    assert small == large == dict.fromkeys(entries, 2)
    for feed, count in entries.items():
        assert client.get(feed).text.count("<entry>") == count, feed
