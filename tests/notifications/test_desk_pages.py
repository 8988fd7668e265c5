"""The desk's side: the dashboard's panels, the header's unread count, the
notification list and preferences, the article list's author and "mine",
and the webhook screens (editors only, the secret shown once, replay)."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail

from articles.models import Article
from articles.services import send_back_article, submit_article
from notifications.models import Kind, Notification, WebhookDelivery, WebhookEndpoint
from notifications.services import email_kinds, register_endpoint
from tests.admin.conftest import logged_in
from tests.factories import ArticleFactory, UserFactory
from tests.notifications.conftest import Receiver

pytestmark = pytest.mark.django_db

COMMENT = "The second source is missing: name them or cut the figure."


@pytest.fixture
def sent_back(reporter: User, editor: User) -> Article:
    story = ArticleFactory.create(
        headline="Grain exports fall",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=reporter,
    )
    submit_article(story.pk, actor=reporter)
    send_back_article(story.pk, actor=editor, comment=COMMENT)
    return story


@pytest.fixture
def in_review(reporter: User) -> Article:
    story = ArticleFactory.create(
        headline="Port reopens",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=reporter,
    )
    submit_article(story.pk, actor=reporter)
    return story


def test_the_reporters_dashboard_shows_what_is_theirs(
    reporter: User, sent_back: Article, in_review: Article
) -> None:
    """Sent back (with the comment), in review, and the notification, with the
    unread count in the header."""
    page = logged_in(reporter).get("/admin/").content.decode()
    panel = page.split('id="sent-back-heading"')[1].split("</section>")[0]
    assert "Grain exports fall" in panel
    assert COMMENT in panel
    assert "sent back by editor" in panel
    review = page.split('id="yours-in-review-heading"')[1].split("</section>")[0]
    assert "Port reopens" in review
    assert "Grain exports fall" not in review
    inbox = page.split('id="inbox-heading"')[1].split("</section>")[0]
    assert "Sent back to you: Grain exports fall" in inbox
    assert "(1 unread)" in page


def test_another_reporters_stories_are_not_listed(
    roles: None, sent_back: Article, in_review: Article
) -> None:
    other = UserFactory.create(role="Reporters")
    page = logged_in(other).get("/admin/").content.decode()
    for heading in ("sent-back-heading", "yours-in-review-heading", "inbox-heading"):
        section = page.split(f'id="{heading}"')[1].split("</section>")[0]
        assert "Grain exports fall" not in section
        assert "Port reopens" not in section
        assert "None." in section or "Nothing new." in section


def test_opening_a_notification_marks_it_read(
    reporter: User, sent_back: Article
) -> None:
    client = logged_in(reporter)
    note = Notification.objects.get(recipient=reporter)
    answer = client.get(f"/admin/desk/notifications/{note.pk}/open/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/admin/articles/article/{sent_back.pk}/change/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "unread)" not in client.get("/admin/").content.decode()


def test_nobody_opens_anothers_notification(
    editor: User, reporter: User, sent_back: Article
) -> None:
    note = Notification.objects.get(recipient=reporter)
    answer = logged_in(editor).get(f"/admin/desk/notifications/{note.pk}/open/")
    assert answer.status_code == 404
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_the_list_and_marking_all_read(editor: User, in_review: Article) -> None:
    client = logged_in(editor)
    page = client.get("/admin/desk/notifications/").content.decode()
    assert "Submitted for review: Port reopens" in page
    assert "1 unread." in page
    answer = client.post(
        "/admin/desk/notifications/read/", {"next": "https://elsewhere.example/"}
    )
    assert answer["Location"] == "/admin/desk/notifications/"
    assert not Notification.objects.filter(recipient=editor).unread().exists()


def test_preferences_choose_what_comes_by_email(
    editor: User, reporter: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = logged_in(editor)
    page = client.get("/admin/desk/notifications/preferences/").content.decode()
    assert "editor@newsroom.test" in page
    assert page.count('type="checkbox"') == len(Kind.values)
    answer = client.post(
        "/admin/desk/notifications/preferences/", {"by_email": [Kind.WORDS_CHANGED]}
    )
    assert answer.status_code == 302
    assert email_kinds(editor) == {Kind.WORDS_CHANGED}
    story = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        submit_article(story.pk, actor=reporter)
    assert Notification.objects.filter(recipient=editor).count() == 1
    assert mail.outbox == []
    refused = client.post(
        "/admin/desk/notifications/preferences/", {"by_email": ["everything"]}
    )
    assert refused.status_code == 200
    assert "not one of the available choices" in refused.content.decode()


def test_the_article_list_has_an_author_and_a_mine_filter(
    editor: User, reporter: User, sent_back: Article
) -> None:
    ArticleFactory.create(headline="Someone else's story", created_by=editor)
    client = logged_in(reporter)
    page = client.get("/admin/articles/article/").content.decode()
    assert "column-author" in page
    assert "Someone else&#x27;s story" in page
    mine = client.get("/admin/articles/article/?mine=1").content.decode()
    assert "Grain exports fall" in mine
    assert "Someone else&#x27;s story" not in mine


class TestWebhookScreens:
    def test_an_editor_registers_an_endpoint_and_sees_the_secret_once(
        self, editor: User, receiver: Receiver
    ) -> None:
        client = logged_in(editor)
        answer = client.post(
            "/admin/notifications/webhookendpoint/add/",
            {
                "url": receiver.url,
                "events": ["article.published", "claim.reviewed"],
                "description": "Chat",
            },
        )
        assert answer.status_code == 200
        endpoint = WebhookEndpoint.objects.get()
        assert endpoint.secret in answer.content.decode()
        assert endpoint.events == ["article.published", "claim.reviewed"]
        change = client.get(
            f"/admin/notifications/webhookendpoint/{endpoint.pk}/change/"
        )
        assert endpoint.secret not in change.content.decode()
        listing = client.get("/admin/notifications/webhookendpoint/")
        assert endpoint.secret not in listing.content.decode()

    def test_a_private_address_is_refused_beside_the_field(
        self, editor: User, receiver: Receiver, settings: Any
    ) -> None:
        settings.WEBHOOKS_ALLOW_PRIVATE = False
        answer = logged_in(editor).post(
            "/admin/notifications/webhookendpoint/add/",
            {"url": receiver.url, "events": ["article.published"]},
        )
        assert answer.status_code == 200
        assert "public addresses only" in answer.content.decode()
        assert not WebhookEndpoint.objects.exists()

    def test_reporters_do_not_see_webhooks(self, reporter: User) -> None:
        reporter_client = logged_in(reporter)
        for url in (
            "/admin/notifications/webhookendpoint/",
            "/admin/notifications/webhookendpoint/add/",
            "/admin/notifications/webhookdelivery/",
        ):
            assert reporter_client.get(url).status_code == 403, url
        assert "webhook" not in reporter_client.get("/admin/").content.decode().lower()

    def test_the_delivery_log_and_replay(
        self,
        editor: User,
        reporter: User,
        receiver: Receiver,
        settings: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        settings.WEBHOOK_RETRY_DELAYS = []
        register_endpoint(url=receiver.url, events=["article.submitted"], actor=editor)
        receiver.fail_next(500)
        story = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
        with django_capture_on_commit_callbacks(execute=True):
            submit_article(story.pk, actor=reporter)
        delivery = WebhookDelivery.objects.get()
        client = logged_in(editor)
        page = client.get(
            f"/admin/notifications/webhookdelivery/{delivery.pk}/change/"
        ).content.decode()
        assert "<td>500</td>" in page
        assert str(delivery.event_id) in page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/admin/notifications/webhookdelivery/",
                {"action": "replay", "_selected_action": [delivery.pk]},
            )
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("delivered", 2)
