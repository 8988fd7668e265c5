"""Public API reads are cached for anonymous clients only, and cost the same
queries at 10 reviewed claims as at 1,000."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from claims import anchoring
from claims.models import Agency, Claim
from newsroom import parts
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_token_clients_are_not_served_the_anonymous_answer(
    clients: dict[str, APIClient],
) -> None:
    """A draft is in an editor's list right after an anonymous list was cached."""
    ArticleFactory.create(slug="published-one")
    Article.objects.create(headline="Draft only", slug="draft-only", body="Not yet.")
    anonymous = clients["anonymous"].get("/api/articles/")
    assert "published-one" in anonymous.text
    assert "draft-only" not in anonymous.text
    assert clients["anonymous"].get("/api/articles/").text == anonymous.text
    editor = clients["editor"].get("/api/articles/")
    assert "draft-only" in editor.text
    assert "no-store" in editor["Cache-Control"]
    assert "public" in anonymous["Cache-Control"]


def test_the_article_list_carries_no_bodies(clients: dict[str, APIClient]) -> None:
    """The list names each article and links its detail; the text is in the detail."""
    ArticleFactory.create(slug="with-text", body="A long body, paragraph one.")
    item = clients["anonymous"].get("/api/articles/").json()["results"][0]
    assert item["slug"] == "with-text"
    assert "body" not in item
    assert "plain_text" not in item
    detail = clients["anonymous"].get(item["url"]).json()
    assert "paragraph one" in detail["body"]


def reviewed_article(count: int, reviewer: User) -> tuple[Article, Agency]:
    """A published article with ``count`` claims, most reviewed by ``reviewer``."""
    body = "\n\n".join(f"Sentence {i:04d} reports a figure." for i in range(count))
    article = ArticleFactory.create(slug=f"reviewed-{count}", body=body)
    agencies = [AgencyFactory.create() for _ in range(3)]
    text = article.plain_text
    claims = []
    for i in range(count):
        quote = f"Sentence {i:04d} reports"
        start = text.index(quote)
        status = [*Claim.Status][i % 4]
        claim = Claim(
            article=article,
            agency=agencies[i % 3],
            status=status,
            note="A note." if status in Claim.NOTE_REQUIRED else "",
            disputed_by="Observers" if status == Claim.Status.DISPUTED else "",
            reviewed_by=reviewer if status != Claim.Status.UNREVIEWED else None,
            reviewed_at=timezone.now() if status != Claim.Status.UNREVIEWED else None,
        )
        claim.set_selectors(anchoring.selectors_at(text, start, start + len(quote)))
        claims.append(claim)
    Claim.objects.bulk_create(claims, batch_size=500)
    return article, agencies[0]


def queries(client: APIClient, url: str) -> int:
    cache.clear()  # the cost of building the answer, not of serving it cached
    parts.forget_local()  # and this process's memory
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_reviewed_claims_cost_no_query_each(
    clients: dict[str, APIClient], editor: User, role: str
) -> None:
    """10 or 1,000 reviewed claims: the same queries for every read, for anyone."""
    costs = {}
    for count in (10, 1000):
        article, agency = reviewed_article(count, editor)
        claim = article.claims.first()
        assert claim is not None
        paths = [
            f"/api/articles/{article.slug}/",
            f"/api/articles/{article.slug}/annotations/",
            f"/api/claims/{claim.pk}/",
            f"/api/claims/?article={article.slug}&page_size=200",
            "/api/articles/",
            f"/api/agencies/{agency.slug}/",
            article.get_absolute_url(),
            agency.get_absolute_url(),
            claim.get_absolute_url(),
            "/",
        ]
        costs[count] = [queries(clients[role], path) for path in paths]
    assert costs[10] == costs[1000]
    detail = clients[role].get("/api/articles/reviewed-1000/").json()
    assert len(detail["claims"]) == 1000
    reviewers = {claim.get("reviewed_by") for claim in detail["claims"]}
    assert reviewers == ({None, "editor"} if role == "editor" else {None})
