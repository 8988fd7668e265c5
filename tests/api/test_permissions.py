"""Each role against each operation; a refused write leaves the database as it was."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim
from tests.api.conftest import snapshot
from tests.factories import AgencyFactory, ArticleFactory, make_claim


@dataclass
class World:
    published: Article
    draft: Article
    claim: Claim


@pytest.fixture
def world(db: None) -> World:
    published = ArticleFactory.create(slug="published")
    draft = ArticleFactory.create(
        slug="draft", status=Article.Status.DRAFT, published_at=None
    )
    claim = make_claim(published, "says hello", agency=AgencyFactory.create(slug="ria"))
    make_claim(draft, "says goodbye")
    return World(published, draft, claim)


Request = Callable[[APIClient, World], Any]

# (operation, request, expected status for anonymous, reporter, editor)
MATRIX: list[tuple[str, Request, tuple[int, int, int]]] = [
    ("list articles", lambda c, w: c.get("/api/articles/"), (200, 200, 200)),
    (
        "read a published article",
        lambda c, w: c.get("/api/articles/published/"),
        (200, 200, 200),
    ),
    ("read a draft", lambda c, w: c.get("/api/articles/draft/"), (404, 200, 200)),
    (
        "read a draft's annotations",
        lambda c, w: c.get("/api/articles/draft/annotations/"),
        (404, 200, 200),
    ),
    (
        "create an article",
        lambda c, w: c.post(
            "/api/articles/", {"slug": "new", "headline": "New", "body": "Text."}
        ),
        (401, 201, 201),
    ),
    (
        "edit an article",
        lambda c, w: c.patch(
            "/api/articles/published/", {"headline": "Changed", "change_kind": "minor"}
        ),
        (401, 200, 200),
    ),
    (
        "publish a draft",
        lambda c, w: c.post("/api/articles/draft/publish/", {"confirm": True}),
        (401, 403, 200),
    ),
    (
        "unpublish an article",
        lambda c, w: c.post("/api/articles/published/unpublish/"),
        (401, 403, 200),
    ),
    ("list claims", lambda c, w: c.get("/api/claims/"), (200, 200, 200)),
    (
        "create a claim",
        lambda c, w: c.post(
            "/api/claims/",
            {"article": "published", "quote": "says goodbye", "agency": "ria"},
        ),
        (401, 201, 201),
    ),
    (
        "edit a claim's attribution",
        lambda c, w: c.patch(
            f"/api/claims/{w.claim.pk}/",
            {"speaker": "A source", "version": w.claim.version},
        ),
        (401, 200, 200),
    ),
    (
        "review a claim",
        lambda c, w: c.post(
            f"/api/claims/{w.claim.pk}/review/",
            {"status": "verified", "note": "", "version": w.claim.version},
        ),
        (401, 403, 200),
    ),
    ("list agencies", lambda c, w: c.get("/api/agencies/"), (200, 200, 200)),
    (
        "create an agency",
        lambda c, w: c.post("/api/agencies/", {"slug": "un", "name": "UN"}),
        (401, 201, 201),
    ),
    (
        "edit an agency",
        lambda c, w: c.patch("/api/agencies/ria/", {"name": "RIA"}),
        (401, 403, 200),
    ),
]


@pytest.mark.parametrize(
    "role_index", [0, 1, 2], ids=["anonymous", "reporter", "editor"]
)
@pytest.mark.parametrize(
    ("operation", "send", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(
    clients: dict[str, APIClient],
    world: World,
    role_index: int,
    operation: str,
    send: Request,
    expected: tuple[int, int, int],
) -> None:
    """Each role gets its answer; a refused request changes nothing, an accepted write something."""
    client = list(clients.values())[role_index]
    before = snapshot()
    response = send(client, world)
    assert response.status_code == expected[role_index], response.content
    if response.status_code >= 400:
        assert snapshot() == before, f"{operation} was refused but wrote"
    elif response.request["REQUEST_METHOD"] != "GET":
        assert snapshot() != before, f"{operation} was accepted but wrote nothing"


def test_anonymous_write_asks_for_a_token(anonymous_client: APIClient) -> None:
    """An anonymous write is told how to authenticate."""
    response = anonymous_client.post("/api/articles/", {"slug": "x"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
