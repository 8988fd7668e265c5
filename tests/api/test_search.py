"""``?q=`` on the API's article and claim lists: the readers' search, over HTTP."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories() -> dict[str, Article]:
    """A published story and a draft that both mention the pipeline; one that does not."""
    published = ArticleFactory.create(
        slug="pipeline-published",
        headline="Pipeline flows fall",
        body="Gas through the pipeline fell by a third, officials said.",
    )
    draft = ArticleFactory.create(
        slug="pipeline-draft",
        headline="Pipeline repairs planned",
        body="Engineers will repair the pipeline next week, officials said.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    other = ArticleFactory.create(
        slug="harvest", headline="Harvest in", body="The wheat is in, farmers said."
    )
    make_claim(published, "Gas through the pipeline fell by a third")
    make_claim(draft, "Engineers will repair the pipeline next week")
    make_claim(other, "The wheat is in")
    return {"published": published, "draft": draft, "other": other}


def found(client: APIClient, url: str, key: str) -> list[Any]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item[key] for item in response.json()["results"]]


def test_anonymous_readers_find_published_stories_and_claims_only(
    anonymous_client: APIClient, stories: dict[str, Article]
) -> None:
    """A word in a draft and a published story: readers get the published one alone."""
    assert found(anonymous_client, "/api/articles/?q=pipeline", "slug") == [
        "pipeline-published"
    ]
    assert found(anonymous_client, "/api/claims/?q=pipeline", "quote") == [
        "Gas through the pipeline fell by a third"
    ]


def test_editors_find_drafts_too(
    editor_client: APIClient, stories: dict[str, Article]
) -> None:
    """Members may read drafts, so their search finds them."""
    slugs = found(editor_client, "/api/articles/?q=pipeline", "slug")
    assert sorted(slugs) == ["pipeline-draft", "pipeline-published"]
    quotes = found(editor_client, "/api/claims/?q=pipeline", "quote")
    assert len(quotes) == 2


def test_search_combines_with_the_claim_filters(
    editor_client: APIClient, stories: dict[str, Article]
) -> None:
    """``?q=`` narrows what the other filters leave: here, one article's claims."""
    quotes = found(
        editor_client, "/api/claims/?q=pipeline&article=pipeline-draft", "quote"
    )
    assert quotes == ["Engineers will repair the pipeline next week"]


def test_headline_match_comes_first(anonymous_client: APIClient) -> None:
    """Best match first: the word in a headline before the word in a newer body."""
    ArticleFactory.create(slug="body-only", body="Talk of a ceasefire went on.")
    ArticleFactory.create(
        slug="headline",
        headline="Ceasefire agreed",
        published_at=timezone.now() - timedelta(days=30),
    )
    assert found(anonymous_client, "/api/articles/?q=ceasefire", "slug") == [
        "headline",
        "body-only",
    ]


def test_no_match_is_an_empty_page(
    anonymous_client: APIClient, stories: dict[str, Article]
) -> None:
    response = anonymous_client.get("/api/articles/?q=zeppelin")
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("path", ["/api/articles/", "/api/claims/"])
def test_a_query_too_long_is_refused_by_name(
    anonymous_client: APIClient, path: str
) -> None:
    """Over 200 characters: 400, and the body names the parameter."""
    response = anonymous_client.get(path, {"q": "word " * 41})
    assert response.status_code == 400
    assert "q" in response.json()


@pytest.mark.parametrize("path", ["/api/articles/", "/api/claims/"])
def test_query_count_does_not_grow_with_the_results(
    anonymous_client: APIClient, path: str
) -> None:
    """Three matches or thirty: the same number of queries."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = anonymous_client.get(path, {"q": "shelling", "page_size": "50"})
        assert response.status_code == 200
        return len(captured.captured_queries)

    agency = AgencyFactory.create()

    def add(count: int) -> None:
        for _ in range(count):
            article = ArticleFactory.create(body="Shelling continued overnight.")
            make_claim(article, "Shelling continued overnight", agency=agency)

    add(3)
    small = queries()
    add(27)
    assert anonymous_client.get(path, {"q": "shelling"}).json()["count"] == 30
    assert queries() == small


def test_the_schema_documents_q(anonymous_client: APIClient) -> None:
    """Both lists name ``q`` in the OpenAPI schema, with its length limit."""
    schema = anonymous_client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/articles/", "/api/claims/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["q"]["schema"]["type"] == "string"
        assert parameters["q"]["schema"]["maxLength"] == 200
        assert parameters["q"]["in"] == "query"
