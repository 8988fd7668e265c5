"""On PostgreSQL the search queries are served by the GIN expression indexes."""

from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article
from claims.models import Claim
from claims.search import search_articles, search_claims
from tests.factories import AgencyFactory, ArticleFactory, make_claim


def plan(queryset: QuerySet[Any]) -> str:
    """The plan PostgreSQL chooses once the tables' statistics are up to date."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article, claims_claim")
    return queryset.explain()


@pytest.fixture
def crowd(postgres_only: None) -> Article:
    """Two thousand published stories and claims about something else."""
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Harvest report {n}",
            slug=f"harvest-{n}",
            body=f"Farmers in district {n} brought in the wheat.",
            plain_text=f"Farmers in district {n} brought in the wheat.",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(2000)
    )
    agency = AgencyFactory.create()
    quote = "brought in the wheat"
    Claim.objects.bulk_create(
        Claim(
            article=article,
            agency=agency,
            quote=quote,
            start=article.plain_text.index(quote),
            end=article.plain_text.index(quote) + len(quote),
        )
        for article in articles
    )
    return articles[0]


def test_story_search_uses_the_gin_index(crowd: Article) -> None:
    """Among 2,000 stories, the stories query matches through the article_search index."""
    article = ArticleFactory.create(body="Shelling near the plant continued.")
    make_claim(article, "Shelling near the plant")
    stories = search_articles(Article.objects.published(), "shelling")
    assert list(stories) == [article]
    assert "article_search" in plan(stories)


def test_claim_search_uses_the_gin_index(crowd: Article) -> None:
    """Among 2,000 claims, the claims query matches through the claim_search index."""
    article = ArticleFactory.create(body="Shelling near the plant continued.")
    claim = make_claim(article, "Shelling near the plant")
    claims = search_claims(Claim.objects.public(), "shelling")
    assert list(claims) == [claim]
    assert "claim_search" in plan(claims)


@pytest.mark.parametrize(
    "query", ['"near the plant"', "plant -shelling", "plant or dam"]
)
def test_web_search_syntax(postgres_only: None, query: str) -> None:
    """Phrases, exclusions and "or" work as readers know them from web search."""
    near = ArticleFactory.create(body="Shelling near the plant continued.")
    dam = ArticleFactory.create(body="The dam held.")
    found = set(search_articles(Article.objects.published(), query))
    expected = {
        '"near the plant"': {near},
        "plant -shelling": set(),
        "plant or dam": {near, dam},
    }[query]
    assert found == expected
