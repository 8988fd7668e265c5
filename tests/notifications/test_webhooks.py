"""Signed webhooks against a real HTTP receiver: signature, retries, choice of
events, the address check, the database queue's growing delays, replay."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from asgiref.local import Local
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.editing import edit_article
from articles.models import Article
from articles.services import publish_article, send_back_article, submit_article
from claims.models import Claim
from claims.services import reattach_claim, review_claim
from notifications import webhooks
from notifications.models import WebhookDelivery, WebhookEndpoint
from notifications.services import (
    attempt_delivery,
    change_endpoint,
    register_endpoint,
    replay_delivery,
)
from tests.factories import ArticleFactory, make_claim
from tests.notifications.conftest import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reporter: User) -> Article:
    return ArticleFactory.create(
        status=Article.Status.DRAFT, published_at=None, created_by=reporter
    )


def endpoint_for(receiver: Receiver, editor: User, *events: str) -> WebhookEndpoint:
    return register_endpoint(url=receiver.url, events=list(events), actor=editor)


class TestDelivery:
    def test_a_delivery_is_signed_and_its_signature_verifies(
        self,
        receiver: Receiver,
        editor: User,
        reporter: User,
        draft: Article,
        django_capture_on_commit_callbacks: pytest.FixtureRequest,
    ) -> None:
        """The body is signed with the endpoint's secret; the event id is in the
        header and the body."""
        endpoint = endpoint_for(receiver, editor, "article.submitted")
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            submit_article(draft.pk, actor=reporter, comment="Ready for a look")
        [request] = receiver.requests
        signature = request.headers["X-Newsroom-Signature"]
        assert signature.startswith("sha256=")
        assert webhooks.verify(endpoint.secret, request.body, signature)
        assert not webhooks.verify("another secret", request.body, signature)
        body = request.json
        assert request.headers["X-Newsroom-Event-Id"] == body["id"]
        assert request.headers["X-Newsroom-Event"] == "article.submitted"
        assert body["event"] == "article.submitted"
        assert body["actor"] == "reporter"
        assert body["data"]["article"]["slug"] == draft.slug
        assert body["data"]["comment"] == "Ready for a look"
        delivery = WebhookDelivery.objects.get()
        assert str(delivery.event_id) == body["id"]
        assert delivery.status == "delivered"
        assert delivery.attempts == 1

    def test_a_receiver_that_fails_twice_gets_the_delivery_on_the_third_attempt(
        self,
        receiver: Receiver,
        editor: User,
        reporter: User,
        draft: Article,
        django_capture_on_commit_callbacks: pytest.FixtureRequest,
    ) -> None:
        """Two failures, then success: three attempts logged, one event id."""
        endpoint_for(receiver, editor, "article.submitted")
        receiver.fail_next(500, 503)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            submit_article(draft.pk, actor=reporter)
        assert len(receiver.requests) == 3
        assert len({r.headers["X-Newsroom-Event-Id"] for r in receiver.requests}) == 1
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "delivered"
        assert delivery.attempts == 3
        assert [entry["status_code"] for entry in delivery.log] == [500, 503, 200]
        assert all(entry["at"] for entry in delivery.log)

    def test_events_not_chosen_are_not_sent(
        self,
        receiver: Receiver,
        editor: User,
        reporter: User,
        draft: Article,
        django_capture_on_commit_callbacks: pytest.FixtureRequest,
    ) -> None:
        """An endpoint for publication hears nothing of a submission or a send-back."""
        endpoint_for(receiver, editor, "article.published")
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            submit_article(draft.pk, actor=reporter)
            send_back_article(draft.pk, actor=editor, comment="Source the figure.")
        assert receiver.requests == []
        assert not WebhookDelivery.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            publish_article(draft.pk, actor=editor)
        assert [r.json["event"] for r in receiver.requests] == ["article.published"]

    def test_claim_and_correction_events(
        self,
        receiver: Receiver,
        editor: User,
        django_capture_on_commit_callbacks: pytest.FixtureRequest,
    ) -> None:
        """A review, a correction and the reviewed words it changes are each sent."""
        endpoint_for(
            receiver,
            editor,
            "claim.reviewed",
            "article.corrected",
            "claim.text_changed",
        )
        article = ArticleFactory.create(
            body="Exports reached 120,000 tonnes, the ministry said."
        )
        claim = make_claim(article, "Exports reached 120,000 tonnes")
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            review_claim(claim.pk, status="verified", actor=editor, expected_version=1)
            edit_article(
                article.pk,
                actor=editor,
                body="Exports reached 102,000 tonnes, the ministry said.",
                change_kind="correction",
                change_note="The figure was 102,000 tonnes.",
            )
        events = [r.json["event"] for r in receiver.requests]
        assert sorted(events) == [
            "article.corrected",
            "claim.reviewed",
            "claim.text_changed",
        ]
        by_event = {r.json["event"]: r.json["data"] for r in receiver.requests}
        assert by_event["claim.reviewed"]["claim"]["status"] == "verified"
        assert by_event["article.corrected"]["change"]["kind"] == "correction"
        changed = by_event["claim.text_changed"]
        assert changed["old_quote"] == "Exports reached 120,000 tonnes"
        assert Claim.objects.get().quote != changed["old_quote"]

    def test_a_reviewed_claim_reattached_to_other_words_is_sent(
        self,
        receiver: Receiver,
        editor: User,
        django_capture_on_commit_callbacks: pytest.FixtureRequest,
    ) -> None:
        """Re-attaching a verified claim to other words sends claim.text_changed
        with the words before; re-attaching to the same words sends nothing."""
        endpoint_for(receiver, editor, "claim.text_changed")
        article = ArticleFactory.create(
            body="Exports reached 120,000 tonnes, the ministry said. "
            "Imports fell to 40,000 tonnes."
        )
        claim = make_claim(article, "Exports reached 120,000 tonnes")
        claim = review_claim(
            claim.pk, status="verified", actor=editor, expected_version=1
        )
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            claim = reattach_claim(
                claim.pk,
                quote="Exports reached 120,000 tonnes",
                actor=editor,
                expected_version=claim.version,
            )
        assert receiver.requests == []
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            reattach_claim(
                claim.pk,
                quote="Imports fell to 40,000 tonnes",
                actor=editor,
                expected_version=claim.version,
            )
        [request] = receiver.requests
        assert request.headers["X-Newsroom-Event"] == "claim.text_changed"
        data = request.json["data"]
        assert data["old_quote"] == "Exports reached 120,000 tonnes"
        assert data["claim"]["quote"] == "Imports fell to 40,000 tonnes"
        assert WebhookDelivery.objects.get().status == "delivered"


class TestAddressCheck:
    def test_a_private_address_is_refused_at_registration(
        self, receiver: Receiver, editor: User, settings: pytest.FixtureRequest
    ) -> None:
        """With WEBHOOKS_ALLOW_PRIVATE off, loopback and private networks are refused."""
        settings.WEBHOOKS_ALLOW_PRIVATE = False  # type: ignore[attr-defined]
        for url in (
            receiver.url,
            "http://10.1.2.3/hook",
            "http://[::1]:8080/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://localhost/hook",
        ):
            with pytest.raises(ValidationError) as refused:
                register_endpoint(url=url, events=["article.published"], actor=editor)
            assert "public addresses only" in str(refused.value), url
        assert not WebhookEndpoint.objects.exists()

    def test_a_private_address_is_refused_at_delivery(
        self,
        receiver: Receiver,
        editor: User,
        reporter: User,
        draft: Article,
        settings: pytest.FixtureRequest,
        django_capture_on_commit_callbacks: pytest.FixtureRequest,
    ) -> None:
        """An endpoint registered while allowed is not called once it is not."""
        endpoint_for(receiver, editor, "article.submitted")
        settings.WEBHOOKS_ALLOW_PRIVATE = False  # type: ignore[attr-defined]
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            submit_article(draft.pk, actor=reporter)
        assert receiver.requests == []
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "failed"
        assert "public addresses only" in delivery.log[0]["error"]

    def test_bad_urls_and_events_are_refused(self, editor: User) -> None:
        with pytest.raises(ValidationError, match="http"):
            register_endpoint(
                url="ftp://example.org/", events=["article.published"], actor=editor
            )
        with pytest.raises(ValidationError, match=r"Unknown events: article\.deleted"):
            register_endpoint(
                url="http://127.0.0.1:9/", events=["article.deleted"], actor=editor
            )
        with pytest.raises(ValidationError, match="at least one"):
            register_endpoint(url="http://127.0.0.1:9/", events=[], actor=editor)

    def test_a_reporter_may_not_register(
        self, receiver: Receiver, reporter: User
    ) -> None:
        with pytest.raises(PermissionDenied):
            register_endpoint(
                url=receiver.url, events=["article.published"], actor=reporter
            )


@pytest.fixture
def database_queue() -> Iterator[None]:
    """Tasks go to the database queue, as in production (see test_suggestions)."""
    saved = dict(task_backends.__dict__)
    task_backends.__dict__.pop("settings", None)
    task_backends.__dict__["_settings"] = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    task_backends.__dict__["_connections"] = Local(task_backends.thread_critical)
    yield
    task_backends.__dict__.clear()
    task_backends.__dict__.update(saved)


def work_queue() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def pass_time() -> None:
    """Bring every waiting task's time forward to now: time passes, no sleep."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_retries_after_growing_delays(
    database_queue: None, receiver: Receiver, editor: User, reporter: User
) -> None:
    """Each retry is queued to run later than the last; none runs before its time."""
    draft = ArticleFactory.create(
        status=Article.Status.DRAFT, published_at=None, created_by=reporter
    )
    endpoint_for(receiver, editor, "article.submitted")
    receiver.fail_next(500, 500)
    submit_article(draft.pk, actor=reporter)
    waits = []
    for attempt in (1, 2, 3):
        if attempt > 1:
            work_queue()  # its time has not come: nothing is sent
            assert len(receiver.requests) == attempt - 1
            task = DBTaskResult.objects.get(status="READY")
            waits.append(task.run_after - timezone.now())
            pass_time()
        work_queue()
        assert len(receiver.requests) == attempt
    assert waits[0] > timedelta(seconds=5)
    assert waits[1] > waits[0] + timedelta(seconds=30)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)


def test_a_failed_delivery_is_replayed_with_its_event_id(
    receiver: Receiver,
    editor: User,
    reporter: User,
    draft: Article,
    settings: pytest.FixtureRequest,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    """Once the retries are spent the delivery fails; a replay sends it again."""
    settings.WEBHOOK_RETRY_DELAYS = [0]  # type: ignore[attr-defined]
    endpoint_for(receiver, editor, "article.submitted")
    receiver.fail_next(500, 500)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        submit_article(draft.pk, actor=reporter)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        replay_delivery(delivery.pk, actor=editor)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert len({r.headers["X-Newsroom-Event-Id"] for r in receiver.requests}) == 1
    assert delivery.log[2] == {**delivery.log[2], "replay": True, "by": "editor"}


def test_a_paused_endpoint_is_not_called(
    receiver: Receiver,
    editor: User,
    reporter: User,
    draft: Article,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    """Pausing an endpoint stops its deliveries, even those already written."""
    endpoint = endpoint_for(receiver, editor, "article.submitted")
    submit_article(draft.pk, actor=reporter)  # written; its task waits for the commit
    change_endpoint(endpoint.pk, actor=editor, events=endpoint.events, active=False)
    delivery = WebhookDelivery.objects.get()
    attempt_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.log[0]["error"] == "The endpoint is paused."
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        send_back_article(draft.pk, actor=editor, comment="Not yet.")
        submit_article(draft.pk, actor=reporter)
    assert receiver.requests == []
    assert WebhookDelivery.objects.count() == 1
