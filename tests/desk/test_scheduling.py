"""Scheduling from the desk: a story published at a time ahead from its
hand-over panel or the articles list, a note scheduled from the article's
page; each through the service the API calls, each on the calendar."""

import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleRevision
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

BODY = "Officials said the vote was fair.\n\nKyiv said the vote was a sham."
CHANGELIST = "admin:articles_article_changelist"


def local(moment: datetime) -> str:
    """A time as the browser's date-time picker sends it, to the second."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


def in_review(headline: str = "Turnout figures under embargo") -> Article:
    return ArticleFactory.create(
        headline=headline, status=Article.Status.IN_REVIEW, published_at=None
    )


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def until(moment: datetime) -> None:
    """Wait until ``moment`` has passed (the test checks what follows from it)."""
    while timezone.now() <= moment:
        time.sleep(0.2)


class TestHandOver:
    def test_a_story_scheduled_from_the_desk_is_on_the_calendar_and_off_readers_pages(
        self, editor_client: Client, client: Client
    ) -> None:
        """Published at a time ahead, the story is on the calendar and nowhere
        for readers until the time; then it is, with nothing run."""
        article = in_review()
        at = timezone.now() + timedelta(seconds=3)
        response = editor_client.post(
            reverse("desk:handover", args=[article.pk]),
            {"step": "publish", "version": "1", "when": "at", "publish_at": local(at)},
        )
        assert response.status_code == 302
        assert any("scheduled: it goes out at" in m for m in messages_of(response))
        article.refresh_from_db()
        assert article.embargoed
        assert article.publish_at == at.replace(microsecond=0)
        calendar = editor_client.get(reverse("desk:calendar")).content.decode()
        assert "Turnout figures under embargo" in calendar
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Turnout figures under embargo" not in client.get("/").content.decode()
        until(article.publish_at)
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Turnout figures under embargo" in client.get("/").content.decode()

    def test_the_hand_over_offers_the_time_in_the_newsrooms_zone(
        self, editor_client: Client
    ) -> None:
        article = in_review()
        page = editor_client.get(
            reverse("desk:workspace", args=[article.pk])
        ).content.decode()
        assert 'type="datetime-local"' in page
        assert "Publish at (UTC)" in page
        assert reverse("desk:calendar") in page

    @pytest.mark.parametrize(
        ("sent", "problem"),
        [
            ({"publish_at": "past"}, "has passed: a publication time must be"),
            ({"publish_at": ""}, "Give the date and time to publish at"),
            ({"publish_at": "next tuesday"}, "Give the date and time to publish at"),
        ],
    )
    def test_a_time_that_cannot_be_used_is_named_and_nothing_is_published(
        self, editor_client: Client, sent: dict[str, str], problem: str
    ) -> None:
        article = in_review()
        if sent["publish_at"] == "past":
            sent = {"publish_at": local(timezone.now() - timedelta(hours=1))}
        response = editor_client.post(
            reverse("desk:handover", args=[article.pk]),
            {"step": "publish", "version": "1", "when": "at", **sent},
        )
        assert response.status_code == 400
        assert problem in response.content.decode()
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW

    def test_the_confirmation_keeps_the_time(self, editor_client: Client) -> None:
        """Open items are asked about first; the time chosen stays chosen."""
        article = ArticleFactory.create(
            body=BODY, status=Article.Status.IN_REVIEW, published_at=None
        )
        make_claim(article, "the vote was fair")
        article.refresh_from_db()
        at = local(timezone.now() + timedelta(days=1))
        url = reverse("desk:handover", args=[article.pk])
        version = str(article.version)
        sent = {"step": "publish", "version": version, "when": "at", "publish_at": at}
        asked = editor_client.post(url, sent)
        assert asked.status_code == 409
        page = asked.content.decode()
        assert "Not reviewed: \u201cthe vote was fair\u201d" in page
        assert f'value="{at}"' in page
        done = editor_client.post(url, {**sent, "confirm": "1"})
        assert done.status_code == 302
        assert Article.objects.get(pk=article.pk).embargoed


class TestBulkPublish:
    def test_an_unreviewed_claim_is_asked_about_before_publishing(
        self, editor_client: Client
    ) -> None:
        """The list's publish action names the open items and publishes only
        once they are confirmed."""
        article = ArticleFactory.create(
            body=BODY, status=Article.Status.IN_REVIEW, published_at=None
        )
        make_claim(article, "the vote was fair")
        changelist = reverse(CHANGELIST)
        chosen = {"action": "publish", "_selected_action": [article.pk]}
        asked = editor_client.post(changelist, chosen)
        assert asked.status_code == 200
        page = asked.content.decode()
        assert "Not reviewed: \u201cthe vote was fair\u201d" in page
        assert "Publish anyway" in page
        assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
        # Sent without the confirmation the page carries: asked again.
        again = editor_client.post(changelist, {**chosen, "apply": "1", "when": "now"})
        assert "Not reviewed: \u201cthe vote was fair\u201d" in again.content.decode()
        assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
        done = editor_client.post(
            changelist, {**chosen, "apply": "1", "when": "now", "confirm": "1"}
        )
        assert done.status_code == 302
        published = Article.objects.get(pk=article.pk)
        assert published.status == Article.Status.PUBLISHED
        assert not published.embargoed

    def test_several_stories_scheduled_at_once(self, editor_client: Client) -> None:
        first, second = in_review("First of two"), in_review("Second of two")
        at = timezone.now() + timedelta(hours=5)
        response = editor_client.post(
            reverse(CHANGELIST),
            {
                "action": "publish",
                "_selected_action": [first.pk, second.pk],
                "apply": "1",
                "when": "at",
                "publish_at": local(at),
            },
            follow=True,
        )
        assert any("Scheduled, going out at" in m for m in messages_of(response))
        for article in (first, second):
            article.refresh_from_db()
            assert article.embargoed
        calendar = editor_client.get(reverse("desk:calendar")).content.decode()
        assert "First of two" in calendar
        assert "Second of two" in calendar

    def test_a_past_time_is_a_form_error(self, editor_client: Client) -> None:
        article = in_review()
        response = editor_client.post(
            reverse(CHANGELIST),
            {
                "action": "publish",
                "_selected_action": [article.pk],
                "apply": "1",
                "when": "at",
                "publish_at": local(timezone.now() - timedelta(minutes=5)),
            },
        )
        assert response.status_code == 400
        assert "has passed" in response.content.decode()
        assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def change_form(article: Article, **changes: str) -> dict[str, str]:
    """The article page's form as sent, with ``changes``."""
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "section": article.section,
        "version": str(article.version),
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
        "_save": "Save",
        **changes,
    }


class TestScheduledNote:
    def test_a_note_scheduled_from_the_article_page_waits_for_its_time(
        self, editor_client: Client, client: Client
    ) -> None:
        article = ArticleFactory.create()
        at = timezone.now() + timedelta(seconds=3)
        note = "The polling stations closed at eight, not nine."
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            change_form(
                article,
                change_kind="clarification",
                change_note=note,
                change_at=local(at),
            ),
        )
        assert response.status_code == 302
        revision = article.revisions.get(change_kind="clarification")
        assert revision.publish_at == at.replace(microsecond=0)
        assert note in editor_client.get(reverse("desk:calendar")).content.decode()
        assert note not in client.get(article.get_absolute_url()).content.decode()
        until(revision.publish_at)
        assert note in client.get(article.get_absolute_url()).content.decode()

    @pytest.mark.parametrize(
        ("changes", "problem"),
        [
            (
                {"change_kind": "minor", "body": "A new text."},
                "Only a correction, update or clarification",
            ),
            ({"change_at": "past"}, "A scheduled time must be in the future"),
        ],
    )
    def test_a_schedule_that_cannot_be_kept_is_a_form_error(
        self, editor_client: Client, changes: dict[str, str], problem: str
    ) -> None:
        article = ArticleFactory.create()
        ahead = local(timezone.now() + timedelta(hours=1))
        if changes.get("change_at") == "past":
            changes = {"change_at": local(timezone.now() - timedelta(hours=1))}
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            change_form(
                article,
                **{
                    "change_kind": "correction",
                    "change_note": "Corrected.",
                    "change_at": ahead,
                    **changes,
                },
            ),
        )
        assert response.status_code == 200
        assert problem in response.content.decode()
        assert not article.revisions.filter(
            change_kind=ArticleRevision.ChangeKind.CORRECTION
        ).exists()
        assert Article.objects.get(pk=article.pk).body == article.body
