"""What clients see and do through the API: visibility, writes, reviews, filters."""

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, ReviewEvent
from tests.factories import AgencyFactory, ArticleFactory, make_claim


@pytest.fixture
def draft(db: None) -> Article:
    draft = ArticleFactory.create(
        slug="secret-draft", status=Article.Status.DRAFT, published_at=None
    )
    make_claim(draft, "says hello", internal_note="Check with the desk.")
    return draft


def walk(value: Any) -> list[str]:
    """Every key in a JSON document, at any depth."""
    if isinstance(value, dict):
        return [*value, *(key for item in value.values() for key in walk(item))]
    if isinstance(value, list):
        return [key for item in value for key in walk(item)]
    return []


class TestWhatAnonymousClientsSee:
    def test_drafts_appear_nowhere(
        self, demo: Article, draft: Article, anonymous_client: APIClient
    ) -> None:
        """A draft and its claims are in no list, and its URLs answer 404."""
        articles = anonymous_client.get("/api/articles/").json()
        assert [a["slug"] for a in articles["results"]] == [demo.slug]
        claims = anonymous_client.get("/api/claims/?page_size=200").json()
        assert {c["article"] for c in claims["results"]} == {demo.slug}
        for url in (
            f"/api/articles/{draft.slug}/",
            f"/api/articles/{draft.slug}/annotations/",
            f"/api/claims/{draft.claims.get().pk}/",
        ):
            assert anonymous_client.get(url).status_code == 404

    def test_no_internal_notes_or_reviewers(
        self, demo: Article, anonymous_client: APIClient, editor_client: APIClient
    ) -> None:
        """Internal notes and reviewers' names are for newsroom members only."""
        claim = demo.claims.exclude(status="unreviewed").first()
        assert claim is not None
        Claim.objects.filter(pk=claim.pk).update(internal_note="Desk only.")
        for url in (
            "/api/claims/",
            f"/api/claims/{claim.pk}/",
            f"/api/articles/{demo.slug}/",
            "/api/agencies/",
        ):
            body = anonymous_client.get(url).json()
            keys = set(walk(body))
            assert not keys & {"internal_note", "reviewed_by", "created_by"}, url
            assert "Desk only." not in json.dumps(body)
        member = editor_client.get(f"/api/claims/{claim.pk}/").json()
        assert member["internal_note"] == "Desk only."
        assert "reviewed_by" in member

    def test_agency_counts_leave_out_drafts(
        self, demo: Article, draft: Article, anonymous_client: APIClient
    ) -> None:
        """An agency's counts cover only the claims a client may see."""
        agency = draft.claims.get().agency
        public = anonymous_client.get(f"/api/agencies/{agency.slug}/").json()
        assert public["claim_counts"]["total"] == 0


class TestArticles:
    def test_reporter_creates_a_draft(self, reporter_client: APIClient) -> None:
        """A new article is a draft with its plain text worked out."""
        response = reporter_client.post(
            "/api/articles/",
            {"slug": "new", "headline": "New", "body": "One *two* three."},
        )
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "draft"
        assert response.json()["plain_text"] == "One two three."

    def test_body_change_shows_claims_anchor_states(
        self, reporter_client: APIClient
    ) -> None:
        """Editing the body re-anchors the claims, and the answer says where each stands."""
        article = ArticleFactory.create(slug="edited")
        moved = make_claim(article, "says goodbye")
        lost = make_claim(article, "says hello")
        response = reporter_client.patch(
            "/api/articles/edited/",
            {
                "body": "A new opening.\n\nSecond paragraph says goodbye.",
                "change_kind": "update",
                "change_note": "The opening was rewritten.",
            },
        )
        assert response.status_code == 200, response.content
        states = {c["id"]: c["anchor_state"] for c in response.json()["claims"]}
        assert states == {moved.pk: "anchored", lost.pk: "orphaned"}
        assert response.json()["plain_text"].startswith("A new opening.")

    def test_body_html_is_sanitized(self, reporter_client: APIClient) -> None:
        """Raw HTML typed into the body comes back as text, never as markup."""
        response = reporter_client.post(
            "/api/articles/",
            {"slug": "x", "headline": "X", "body": "Hi <script>alert(1)</script>"},
        )
        assert response.status_code == 201
        assert "<script>" not in response.json()["body_html"]
        assert "Hi" in response.json()["body_html"]

    def test_editor_publishes_and_anonymous_then_reads(
        self, draft: Article, editor_client: APIClient, anonymous_client: APIClient
    ) -> None:
        """Publishing makes the draft public; publishing twice is refused."""
        response = editor_client.post(
            f"/api/articles/{draft.slug}/publish/", {"confirm": True}
        )
        assert response.status_code == 200
        assert response.json()["status"] == "published"
        assert anonymous_client.get(f"/api/articles/{draft.slug}/").status_code == 200
        again = editor_client.post(
            f"/api/articles/{draft.slug}/publish/", {"confirm": True}
        )
        assert again.status_code == 400
        assert "already published" in again.json()["status"][0]

    def test_bad_article_is_refused_with_reasons(
        self, demo: Article, reporter_client: APIClient
    ) -> None:
        """A taken slug and a number for a headline are each named."""
        response = reporter_client.post(
            "/api/articles/", {"slug": demo.slug, "headline": 7, "body": "Text."}
        )
        assert response.status_code == 400
        assert set(response.json()) == {"slug", "headline"}


class TestClaims:
    def test_reporter_creates_a_claim_from_a_quote(
        self, reporter: User, reporter_client: APIClient
    ) -> None:
        """The quote is found in the text and the claim carries both selectors."""
        article = ArticleFactory.create(slug="story")
        AgencyFactory.create(slug="tass")
        response = reporter_client.post(
            "/api/claims/",
            {"article": "story", "quote": "says goodbye", "agency": "tass"},
        )
        assert response.status_code == 201, response.content
        claim = response.json()
        assert article.plain_text[claim["start"] : claim["end"]] == "says goodbye"
        assert claim["status"] == "unreviewed"
        assert claim["version"] == 1
        assert Claim.objects.get(pk=claim["id"]).created_by == reporter

    def test_ambiguous_quote_needs_a_position(self, reporter_client: APIClient) -> None:
        """A quote found twice is refused until its position is given."""
        ArticleFactory.create(slug="story", body="Hello there.\n\nHello again.")
        AgencyFactory.create(slug="tass")
        data = {"article": "story", "quote": "Hello", "agency": "tass"}
        refused = reporter_client.post("/api/claims/", data)
        assert refused.status_code == 400
        assert "occurs 2 times" in refused.json()["quote"][0]
        accepted = reporter_client.post("/api/claims/", {**data, "start": 14})
        assert accepted.status_code == 201
        assert accepted.json()["start"] == 14

    def test_missing_quote_is_refused(self, reporter_client: APIClient) -> None:
        """A quote that is not in the text is refused and nothing is created."""
        ArticleFactory.create(slug="story")
        AgencyFactory.create(slug="tass")
        response = reporter_client.post(
            "/api/claims/",
            {"article": "story", "quote": "not there", "agency": "tass"},
        )
        assert response.status_code == 400
        assert "does not occur" in response.json()["quote"][0]
        assert not Claim.objects.exists()

    def test_status_cannot_be_written_directly(
        self, reporter_client: APIClient
    ) -> None:
        """Sending a status in an edit changes nothing but what is editable."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        response = reporter_client.patch(
            f"/api/claims/{claim.pk}/",
            {"status": "verified", "speaker": "Peskov", "version": claim.version},
        )
        assert response.status_code == 200
        claim.refresh_from_db()
        assert (claim.status, claim.speaker) == ("unreviewed", "Peskov")

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("status=disputed", 1),
            ("status=verified", 2),
            ("agency=tass", 1),
            ("article=occupied-regions-referendums-early-results", 9),
            ("article=elsewhere", 0),
            ("anchor_state=anchored", 9),
            ("anchor_state=orphaned", 0),
            ("updated_since=2000-01-01T00:00:00Z", 9),
            ("updated_since=2999-01-01T00:00:00Z", 0),
        ],
    )
    def test_filters(
        self, demo: Article, anonymous_client: APIClient, query: str, expected: int
    ) -> None:
        """Each filter narrows the list to the claims it names."""
        response = anonymous_client.get(f"/api/claims/?{query}")
        assert response.status_code == 200
        assert response.json()["count"] == expected

    @pytest.mark.parametrize(
        "query",
        ["status=bogus", "updated_since=yesterday", "page=abc", "page_size=500"],
    )
    def test_bad_filter_is_refused(
        self, demo: Article, anonymous_client: APIClient, query: str
    ) -> None:
        """A filter or page size that makes no sense gets a 400 naming it."""
        response = anonymous_client.get(f"/api/claims/?{query}")
        assert response.status_code == 400
        assert query.split("=", 1)[0] in response.json()


class TestReview:
    @pytest.fixture
    def claim(self, db: None) -> Claim:
        return make_claim(ArticleFactory.create(), "says hello")

    def test_editor_reviews(
        self, claim: Claim, editor: User, editor_client: APIClient
    ) -> None:
        """A review answers the updated claim and writes one history entry."""
        response = editor_client.post(
            f"/api/claims/{claim.pk}/review/",
            {
                "status": "disputed",
                "note": "The figures were not verified.",
                "disputed_by": "Ukraine",
                "version": 1,
            },
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["version"], body["reviewed_by"]) == (
            "disputed",
            2,
            "editor",
        )
        event = ReviewEvent.objects.get(claim=claim, kind="review")
        assert (event.actor, event.new_status) == (editor, "disputed")

    def test_missing_note_is_400(self, claim: Claim, editor_client: APIClient) -> None:
        """Contextualizing without a note is refused with the note named."""
        response = editor_client.post(
            f"/api/claims/{claim.pk}/review/",
            {"status": "contextualized", "note": " ", "version": 1},
        )
        assert response.status_code == 400
        assert "note" in response.json()
        assert not ReviewEvent.objects.filter(claim=claim).exists()

    def test_refused_transition_is_400(
        self, claim: Claim, editor_client: APIClient
    ) -> None:
        """Marking an unreviewed claim unreviewed is refused with the reason."""
        response = editor_client.post(
            f"/api/claims/{claim.pk}/review/", {"status": "unreviewed", "version": 1}
        )
        assert response.status_code == 400
        assert "already not reviewed" in response.json()["status"][0]

    def test_reporter_may_not_review(
        self, claim: Claim, reporter_client: APIClient
    ) -> None:
        """A reporter's review is refused and the claim stays as it was."""
        response = reporter_client.post(
            f"/api/claims/{claim.pk}/review/", {"status": "verified", "version": 1}
        )
        assert response.status_code == 403
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("unreviewed", 1)

    def test_stale_version_is_409_with_the_current_claim(
        self, claim: Claim, editor_client: APIClient
    ) -> None:
        """A review of an old version is refused and shows the claim as it is now."""
        url = f"/api/claims/{claim.pk}/review/"
        assert (
            editor_client.post(url, {"status": "verified", "version": 1}).status_code
            == 200
        )
        stale = editor_client.post(
            url, {"status": "contextualized", "note": "Context.", "version": 1}
        )
        assert stale.status_code == 409
        assert stale.json()["claim"]["status"] == "verified"
        assert stale.json()["claim"]["version"] == 2
        assert "Nothing was saved" in stale.json()["detail"]


class TestSessions:
    def test_session_write_needs_the_csrf_token(
        self, editor: User, demo: Article
    ) -> None:
        """A signed-in browser session may review only with its CSRF token."""
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(editor)
        claim = demo.claims.filter(status="unreviewed").first()
        assert claim is not None
        url = f"/api/claims/{claim.pk}/review/"
        data = {"status": "verified", "version": claim.version}
        refused = client.post(url, data)
        assert refused.status_code == 403
        assert "CSRF" in refused.json()["detail"]
        # A page with a form hands out the token, as it does to a browser.
        client.get("/admin/")
        token = client.cookies["csrftoken"].value
        accepted = client.post(url, data, HTTP_X_CSRFTOKEN=token)
        assert accepted.status_code == 200, accepted.content


def test_docs_are_served_offline_without_inline_script(client: Any) -> None:
    """The interactive docs load their scripts from this site, none inline."""
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html
    assert "https://" not in html
    assert "http://" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()


def test_schema_is_openapi_3(client: Any) -> None:
    """The schema names every endpoint of the API."""
    schema = client.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/articles/{slug}/annotations/",
        "/api/claims/{id}/review/",
        "/api/agencies/{slug}/",
    } <= set(schema["paths"])
