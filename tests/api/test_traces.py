"""Nothing changes without a trace, through the API: attribution, corrections,
revisions, the workflow."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from articles.models import Article, ArticleEvent
from claims.models import Claim, ReviewEvent
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def json_ld_of(html: str) -> list[dict[str, object]]:
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    graph: list[dict[str, object]] = data["@graph"]
    return graph


class TestAttributionChange:
    def test_stale_version_is_409_and_nothing_changes(
        self, reporter_client: APIClient
    ) -> None:
        """A PATCH of the agency with an old version is refused with 409."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        old_agency = claim.agency
        other = AgencyFactory.create(slug="tass", name="TASS")
        first = reporter_client.patch(
            f"/api/claims/{claim.pk}/", {"speaker": "A source", "version": 1}
        )
        assert first.status_code == 200, first.content
        stale = reporter_client.patch(
            f"/api/claims/{claim.pk}/", {"agency": "tass", "version": 1}
        )
        assert stale.status_code == 409
        assert "reporter" in stale.json()["detail"]
        assert stale.json()["claim"]["version"] == 2
        claim.refresh_from_db()
        assert claim.agency == old_agency != other

    def test_right_version_bumps_and_history_shows_old_and_new(
        self,
        reporter_client: APIClient,
        editor_client: APIClient,
        anonymous_client: APIClient,
    ) -> None:
        """The right version changes the agency, bumps the version, and the history
        shows old and new agency: with the actor to editors, without to readers."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        old_slug = claim.agency.slug
        AgencyFactory.create(slug="tass", name="TASS")
        response = reporter_client.patch(
            f"/api/claims/{claim.pk}/", {"agency": "tass", "version": 1}
        )
        assert response.status_code == 200, response.content
        assert response.json()["version"] == 2
        assert response.json()["agency"] == "tass"

        history = editor_client.get(f"/api/claims/{claim.pk}/history/").json()
        assert history[0]["kind"] == "attribution"
        assert history[0]["old_values"] == {"agency": old_slug}
        assert history[0]["new_values"] == {"agency": "tass"}
        assert history[0]["actor"] == "reporter"
        assert history[0]["created_at"]

        public = anonymous_client.get(f"/api/claims/{claim.pk}/history/")
        assert public.status_code == 200
        entry = public.json()[0]
        assert entry["new_values"] == {"agency": "tass"}
        assert "actor" not in entry
        assert "reporter" not in public.content.decode()

        # Readers are told the attribution was corrected, in words, not slugs.
        page = anonymous_client.get(f"/claims/{claim.pk}/").content.decode()
        assert "The claim's attribution was corrected." in page
        assert old_slug not in page
        feed = anonymous_client.get("/feeds/reviews/").content.decode()
        assert "Attribution corrected" in feed
        assert old_slug not in feed

    def test_agency_change_without_version_is_400(
        self, reporter_client: APIClient
    ) -> None:
        """Changing an attribution without saying which version was read is refused."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        response = reporter_client.patch(
            f"/api/claims/{claim.pk}/", {"speaker": "Someone"}
        )
        assert response.status_code == 400
        assert "version" in response.json()
        assert not ReviewEvent.objects.exists()

    def test_history_of_a_draft_claim_is_hidden_from_readers(
        self, anonymous_client: APIClient
    ) -> None:
        """Anyone who may read the claim reads its history; a draft's claim is 404."""
        draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
        claim = make_claim(draft, "says hello")
        assert (
            anonymous_client.get(f"/api/claims/{claim.pk}/history/").status_code == 404
        )

    def test_withdrawn_claim_leaves_the_public_api(
        self, editor_client: APIClient, anonymous_client: APIClient
    ) -> None:
        """A withdrawn claim is gone for readers; editors still see its history."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        refused = editor_client.post(
            f"/api/claims/{claim.pk}/withdraw/", {"note": "", "version": 1}
        )
        assert refused.status_code == 400
        done = editor_client.post(
            f"/api/claims/{claim.pk}/withdraw/",
            {"note": "Attributed to the wrong agency.", "version": 1},
        )
        assert done.status_code == 200, done.content
        assert anonymous_client.get(f"/api/claims/{claim.pk}/").status_code == 404
        history = editor_client.get(f"/api/claims/{claim.pk}/history/").json()
        assert history[0]["kind"] == "withdrawal"
        assert Claim.objects.filter(pk=claim.pk).exists()


class TestCorrections:
    def test_correction_without_a_note_is_400(self, editor_client: APIClient) -> None:
        """A published article's new text without a note is refused; nothing changes."""
        article = ArticleFactory.create(slug="story")
        for data, field in (
            ({"body": "New text."}, "change_kind"),
            ({"body": "New text.", "change_kind": "correction"}, "change_note"),
            ({"body": "New text.", "change_kind": "rewrite"}, "change_kind"),
        ):
            response = editor_client.patch("/api/articles/story/", data)
            assert response.status_code == 400
            assert field in response.json()
        article.refresh_from_db()
        assert article.body.startswith("First paragraph")
        assert article.revisions.count() == 0

    def test_correction_with_a_note_is_shown_everywhere(
        self, editor_client: APIClient, client: Client
    ) -> None:
        """With a note: the reader page, its JSON-LD and the corrections feed show it;
        the revisions list both texts."""
        ArticleFactory.create(slug="story")
        page = client.get("/articles/story/").content.decode()
        assert "Corrections and updates" not in page
        assert "Updated" not in page
        response = editor_client.patch(
            "/api/articles/story/",
            {
                "body": "First paragraph says hello.\n\nSecond paragraph says farewell.",
                "change_kind": "correction",
                "change_note": "The second paragraph misquoted the farewell.",
            },
        )
        assert response.status_code == 200, response.content

        page = client.get("/articles/story/").content.decode()
        assert "Corrections and updates" in page
        assert "The second paragraph misquoted the farewell." in page
        assert "Updated" in page
        article = next(i for i in json_ld_of(page) if i["@type"] == "NewsArticle")
        assert article["correction"] == [
            {
                "@type": "CorrectionComment",
                "text": "Correction: The second paragraph misquoted the farewell.",
                "datePublished": article["dateModified"],
            }
        ]
        feed = client.get("/feeds/corrections/").content.decode()
        assert "The second paragraph misquoted the farewell." in feed
        assert "Correction: Story number" in feed

        revisions = editor_client.get("/api/articles/story/revisions/").json()
        assert [r["body"] for r in revisions] == [
            "First paragraph says hello.\n\nSecond paragraph says farewell.",
            "First paragraph says hello.\n\nSecond paragraph says goodbye.",
        ]
        assert revisions[0]["change_kind"] == "correction"
        assert revisions[0]["actor"] == "editor"

    def test_minor_change_stays_out_of_the_corrections(
        self, editor_client: APIClient, client: Client
    ) -> None:
        """A minor fix needs no note, is kept in the revisions, and readers see no update."""
        ArticleFactory.create(slug="story")
        response = editor_client.patch(
            "/api/articles/story/",
            {"headline": "Story, typo fixed", "change_kind": "minor"},
        )
        assert response.status_code == 200, response.content
        page = client.get("/articles/story/").content.decode()
        assert "Story, typo fixed" in page
        assert "Corrections and updates" not in page
        assert "Updated" not in page
        assert "correction" not in next(
            i for i in json_ld_of(page) if i["@type"] == "NewsArticle"
        )
        revisions = editor_client.get("/api/articles/story/revisions/").json()
        assert revisions[0]["headline"] == "Story, typo fixed"
        assert revisions[0]["change_kind"] == "minor"

    def test_revisions_are_for_members_only(
        self, anonymous_client: APIClient, reporter_client: APIClient
    ) -> None:
        """Readers get 403 on a published article's revisions, 404 on a draft's."""
        ArticleFactory.create(slug="story")
        ArticleFactory.create(slug="draft", status="draft", published_at=None)
        assert anonymous_client.get("/api/articles/story/revisions/").status_code == 403
        assert anonymous_client.get("/api/articles/draft/revisions/").status_code == 404
        assert reporter_client.get("/api/articles/draft/revisions/").status_code == 200


class TestWorkflow:
    def test_submit_send_back_publish_are_logged(
        self, reporter_client: APIClient, editor_client: APIClient
    ) -> None:
        """Draft → in review → draft (with a comment) → in review → published, each logged."""
        created = reporter_client.post(
            "/api/articles/",
            {"slug": "new", "headline": "New story", "body": "One two three."},
        )
        assert created.status_code == 201, created.content
        submitted = reporter_client.post("/api/articles/new/submit/")
        assert submitted.json()["status"] == "in_review"
        assert reporter_client.post("/api/articles/new/send-back/").status_code == 403
        no_comment = editor_client.post("/api/articles/new/send-back/", {})
        assert no_comment.status_code == 400
        assert "comment" in no_comment.json()
        back = editor_client.post(
            "/api/articles/new/send-back/", {"comment": "Name the source."}
        )
        assert back.json()["status"] == "draft"
        reporter_client.post("/api/articles/new/submit/")
        published = editor_client.post("/api/articles/new/publish/", {"confirm": True})
        assert published.json()["status"] == "published"
        log = [
            (e.kind, e.actor.username if e.actor else None, e.comment)
            for e in ArticleEvent.objects.filter(article__slug="new").order_by("pk")
        ]
        assert log == [
            ("created", "reporter", ""),
            ("submitted", "reporter", ""),
            ("sent_back", "editor", "Name the source."),
            ("submitted", "reporter", ""),
            ("published", "editor", ""),
        ]
