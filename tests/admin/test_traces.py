"""The desk's admin leaves a trace: corrections with notes, revisions and diffs,
restore, send-back with a comment, and a queue check that fails closed."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleEvent
from articles.services import submit_article
from claims.models import Claim
from tests.admin.conftest import changelist_url
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def article_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def messages_of(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def form_data(article: Article, **changes: str) -> dict[str, str]:
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "change_kind": "",
        "change_note": "",
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "_save": "Save",
        **changes,
    }


class TestCorrectionsInTheAdmin:
    def test_correction_without_a_note_is_a_form_error(
        self, editor_client: Client
    ) -> None:
        """A published article's new text without a note is refused on the form."""
        article = ArticleFactory.create()
        response = editor_client.post(
            article_url(article),
            form_data(article, body="New text.", change_kind="correction"),
        )
        assert response.status_code == 200
        assert "A note for readers is required" in response.content.decode()
        article.refresh_from_db()
        assert article.body.startswith("First paragraph")

    def test_correction_with_a_note_is_saved_and_shown_to_readers(
        self, editor_client: Client, client: Client
    ) -> None:
        """With a kind and a note the edit is saved, and readers see the note."""
        article = ArticleFactory.create()
        response = editor_client.post(
            article_url(article),
            form_data(
                article,
                body="First paragraph says hello.\n\nSecond paragraph says hi.",
                change_kind="clarification",
                change_note="We clarified the greeting.",
            ),
        )
        assert response.status_code == 302
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Clarification:</strong> We clarified the greeting." in page

    def test_revisions_diff_shows_the_change_escaped(
        self, editor_client: Client
    ) -> None:
        """The diff of two revisions shows both texts' lines, editor markup as text."""
        article = ArticleFactory.create(status="draft", published_at=None)
        editor_client.post(
            article_url(article),
            form_data(
                article,
                body="First paragraph says hello.\n\nSecond says <b>farewell</b>.",
            ),
        )
        page = editor_client.get(
            reverse("admin:articles_article_revisions", args=[article.pk])
            + "?from=1&to=2"
        ).content.decode()
        # HtmlDiff keeps spacing with non-breaking spaces.
        assert "Second&nbsp;paragraph&nbsp;says&nbsp;goodbye." in page
        assert "&lt;b&gt;farewell&lt;/b&gt;" in page
        assert "<b>farewell</b>" not in page
        change = editor_client.get(article_url(article)).content.decode()
        assert "compare with the one before" in change

    def test_restore_goes_through_the_edit(self, editor_client: Client) -> None:
        """Restoring a revision of a published article asks for a note, then restores."""
        article = ArticleFactory.create()
        original = article.body
        editor_client.post(
            article_url(article),
            form_data(
                article,
                body="Rewritten.",
                change_kind="update",
                change_note="Rewritten.",
            ),
        )
        url = reverse("admin:articles_article_restore", args=[article.pk, 1])
        refused = editor_client.post(url, {"change_kind": "correction"})
        assert "A note for readers is required" in refused.content.decode()
        done = editor_client.post(
            url, {"change_kind": "correction", "change_note": "Back to the original."}
        )
        assert done.status_code == 302
        article.refresh_from_db()
        assert article.body == original
        assert article.revisions.count() == 3


class TestWorkflowInTheAdmin:
    def test_send_back_asks_for_a_comment_and_logs_it(
        self, editor_client: Client, reporter: object
    ) -> None:
        """Sending back needs a comment; the article's page shows it in the log."""
        article = ArticleFactory.create(status="draft", published_at=None)
        submit_article(article.pk, actor=reporter)  # type: ignore[arg-type]
        url = reverse("admin:articles_article_changelist")
        data = {"action": "send_back", "_selected_action": [article.pk]}
        asked = editor_client.post(url, data)
        assert "Comment for the reporter" in asked.content.decode()
        missing = editor_client.post(url, {**data, "apply": "1", "comment": " "})
        assert "Say why the article goes back" in missing.content.decode()
        editor_client.post(
            url, {**data, "apply": "1", "comment": "Source the figures."}, follow=True
        )
        article.refresh_from_db()
        assert article.status == "draft"
        event = ArticleEvent.objects.filter(article=article).first()
        assert event is not None
        assert event.comment == "Source the figures."
        page = editor_client.get(article_url(article)).content.decode()
        assert "Source the figures." in page
        assert "Sent back to draft" in page


class TestQueueFailsClosed:
    @pytest.mark.parametrize("version", [None, "", "abc", "0", "-1"])
    def test_missing_or_bad_version_is_refused(
        self, editor_client: Client, version: str | None
    ) -> None:
        """A queue action without a valid version changes nothing and says why."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        data: dict[str, object] = {"action": "verify", "_selected_action": [claim.pk]}
        if version is not None:
            data[f"version_{claim.pk}"] = version
        response = editor_client.post(changelist_url(), data, follow=True)
        claim.refresh_from_db()
        assert claim.status == Claim.Status.UNREVIEWED
        assert any("did not say which version" in m for m in messages_of(response))
