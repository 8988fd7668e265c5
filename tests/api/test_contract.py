"""The API sends what its schema says and refuses what its schema refuses.

Each case here is one Schemathesis found: the answer and the schema disagreed.
"""

from typing import Any

import jsonschema
import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim
from claims.search import MAX_QUERY_LENGTH
from claims.services import review_claim
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def component(client: APIClient, name: str) -> dict[str, Any]:
    """A schema component as /api/schema/ serves it, its references resolvable."""
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    return {**schema["components"]["schemas"][name], "components": schema["components"]}


@pytest.fixture
def reviewed_claim(editor: User) -> Claim:
    claim = make_claim(ArticleFactory.create(slug="story"), "says hello")
    return review_claim(
        claim.pk, status=Claim.Status.VERIFIED, actor=editor, expected_version=1
    )


class TestClaimHistory:
    def test_readers_get_no_actor_and_the_schema_does_not_require_one(
        self, reviewed_claim: Claim, clients: dict[str, APIClient]
    ) -> None:
        """Who reviewed stays with the newsroom; each answer fits the schema."""
        event = component(clients["anonymous"], "ClaimEvent")
        assert "actor" not in event["required"]
        url = f"/api/claims/{reviewed_claim.pk}/history/"
        actors = {}
        for role, client in clients.items():
            history = client.get(url).json()
            for entry in history:
                jsonschema.validate(entry, event)
            actors[role] = [entry.get("actor", "(none)") for entry in history]
        assert actors == {
            "anonymous": ["(none)"],
            "reporter": ["editor"],
            "editor": ["editor"],
        }


class TestRevisionSearch:
    def test_q_stops_where_the_article_list_stops(
        self, editor_client: APIClient
    ) -> None:
        """201 characters are refused on both lists, as the schema says."""
        ArticleFactory.create(slug="story")
        too_long = "a" * (MAX_QUERY_LENGTH + 1)
        for url in ("/api/articles/", "/api/articles/story/revisions/"):
            refused = editor_client.get(url, {"q": too_long})
            assert refused.status_code == 400, url
            assert "q" in refused.json()
            assert editor_client.get(url, {"q": too_long[1:]}).status_code == 200

    def test_q_narrows_the_revisions(self, editor_client: APIClient) -> None:
        ArticleFactory.create(slug="story")
        editor_client.patch(
            "/api/articles/story/",
            {"body": "A new text says farewell.", "change_kind": "minor"},
        )
        bodies = [
            revision["body"]
            for revision in editor_client.get(
                "/api/articles/story/revisions/", {"q": "FAREWELL"}
            ).json()
        ]
        assert bodies == ["A new text says farewell."]


class TestStrictTypes:
    def test_a_number_is_no_agency_slug(self, reporter_client: APIClient) -> None:
        """Even when an agency's slug is that number written out."""
        ArticleFactory.create(slug="story", body="The minister says hello.")
        AgencyFactory.create(slug="5")
        body = {"article": "story", "quote": "says hello", "agency": 5}
        refused = reporter_client.post("/api/claims/", body, format="json")
        assert refused.status_code == 400
        assert refused.json() == {"agency": ["Give a string."]}
        assert not Claim.objects.exists()
        body["agency"] = "5"
        created = reporter_client.post("/api/claims/", body, format="json")
        assert created.status_code == 201, created.content


class TestWorkflowComments:
    @pytest.fixture
    def draft(self, db: None) -> Article:
        return ArticleFactory.create(
            slug="draft", status=Article.Status.DRAFT, published_at=None
        )

    def test_submit_comment_must_be_a_string(
        self, draft: Article, reporter_client: APIClient
    ) -> None:
        url = "/api/articles/draft/submit/"
        refused = reporter_client.post(url, {"comment": 5}, format="json")
        assert refused.status_code == 400
        assert refused.json() == {"comment": ["Give a string."]}
        draft.refresh_from_db()
        assert draft.status == Article.Status.DRAFT
        assert reporter_client.post(url, {}, format="json").status_code == 200

    def test_send_back_requires_a_comment_and_the_schema_says_so(
        self, draft: Article, reporter_client: APIClient, editor_client: APIClient
    ) -> None:
        request = component(editor_client, "SendBackRequest")
        assert request["required"] == ["comment"]
        reporter_client.post("/api/articles/draft/submit/", {}, format="json")
        url = "/api/articles/draft/send-back/"
        for body in ({}, {"comment": " \n "}, {"comment": 5}):
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(body, request)
            refused = editor_client.post(url, body, format="json")
            assert refused.status_code == 400, body
            assert "comment" in refused.json()
        said = {"comment": "Name the source."}
        jsonschema.validate(said, request)
        assert editor_client.post(url, said, format="json").status_code == 200
        draft.refresh_from_db()
        assert draft.status == Article.Status.DRAFT
