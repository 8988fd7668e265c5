"""Lists and details cost a fixed number of queries, at 10 claims as at 1,000."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim
from newsroom import parts
from tests.factories import AgencyFactory, ArticleFactory, claims_in_bulk


def article_with_claims(count: int, reviewer: User | None = None) -> Article:
    """A published article with ``count`` claims spread over three agencies.

    With a reviewer, every claim is verified by them, so each has a
    ``reviewed_by`` that members see and anonymous readers must not load.
    """
    body = "\n\n".join(f"Sentence {i:04d} reports a figure." for i in range(count))
    article = ArticleFactory.create(slug="long-story", body=body)
    agencies = [AgencyFactory.create() for _ in range(3)]
    claims_in_bulk(
        article,
        [f"Sentence {i:04d} reports" for i in range(count)],
        agencies,
        reviews=[(Claim.Status.VERIFIED, "", "")] * count if reviewer else None,
        reviewer=reviewer,
    )
    return article


# What each request costs. Members pay for the token (1) and their
# permissions (2); the rest is the same for everyone.
ENDPOINTS = {
    "claim list": ("/api/claims/?page_size=200", 2),
    "claim list filtered": ("/api/claims/?anchor_state=anchored&page_size=200", 2),
    "claim detail": ("/api/claims/{claim}/", 1),
    "article list": ("/api/articles/", 2),
    "article detail": ("/api/articles/long-story/", 2),
    "annotations": ("/api/articles/long-story/annotations/", 2),
    "agency list": ("/api/agencies/", 2),
    "agency detail": ("/api/agencies/{agency}/", 1),
}
MEMBER_COST = 3
# A member's article detail also reads the change of its text scheduled
# ahead, if any (``scheduled_change``): one query, at any size.
MEMBER_EXTRA = {"article detail": 1}
# An anonymous answer first reads the versions it is checked against.
VERSIONS_COST = 1


@pytest.mark.parametrize("reviewed", [False, True], ids=["unreviewed", "reviewed"])
@pytest.mark.parametrize("size", [10, 1000])
def test_query_budgets(
    clients: dict[str, APIClient], editor: User, size: int, reviewed: bool
) -> None:
    """Each answer holds every claim asked for and costs the same queries at any
    size, for anonymous readers and members, reviewed claims (with a reviewer
    members see) included."""
    article = article_with_claims(size, reviewer=editor if reviewed else None)
    claim = article.claims.first()
    assert claim is not None
    for role in ("anonymous", "editor"):
        # Each role's reads start from an empty cache.
        cache.clear()
        parts.forget_local()  # and this process's memory
        client = clients[role]
        for endpoint, (path, queries) in ENDPOINTS.items():
            url = path.format(claim=claim.pk, agency=claim.agency.slug)
            budget = queries + (
                MEMBER_COST + MEMBER_EXTRA.get(endpoint, 0)
                if role == "editor"
                else VERSIONS_COST
            )
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (role, endpoint)
            assert len(captured) == budget, f"{role}, {endpoint}: " + "\n".join(
                query["sql"] for query in captured
            )
            check_body(response.json(), endpoint, role, size, reviewed, editor)


def check_body(
    body: dict[str, Any],
    endpoint: str,
    role: str,
    size: int,
    reviewed: bool,
    editor: User,
) -> None:
    """The answer holds every claim asked for, as the role may see it."""
    if endpoint.startswith("claim list"):
        # A page holds at most 200 claims.
        assert len(body["results"]) == min(size, 200), endpoint
        first = body["results"][0]
        assert first["status"] == ("verified" if reviewed else "unreviewed")
        # Members see who reviewed; anonymous readers never do.
        assert ("reviewed_by" in first) == (role == "editor")
        if reviewed and role == "editor":
            assert first["reviewed_by"] == editor.username
    if endpoint == "article detail":
        assert len(body["claims"]) == size
    if endpoint == "annotations":
        assert len(body["items"]) == size
