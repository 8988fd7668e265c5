"""A change of a published text scheduled ahead: held apart until its time,
shown nowhere public before it, made at it by the first read (or the task,
or an editor early), once, with the claims following it then."""

import threading
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from articles.editing import edit_article
from articles.models import Article, ArticleEvent, PendingChange
from articles.pending_edits import enqueue_at
from articles.scheduled_edits import cancel_change, make_change_now, make_due_changes
from claims.models import Claim
from partners.services import issue_key
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

NOTE = "The turnout was of the second round, not the first."
OLD = "Turnout reached 40 percent, officials said."
NEW = "Turnout reached 47 percent, officials said."


def until(moment: datetime) -> None:
    """Wait until ``moment`` has passed (the test checks what follows from it)."""
    while timezone.now() <= moment:
        time.sleep(0.1)


def story() -> Article:
    return ArticleFactory.create(
        headline="Turnout report zanzibar", body=f"{OLD}\n\nQueues were long."
    )


def schedule(article: Article, at: datetime, actor: User | None = None) -> None:
    edit_article(
        article.pk,
        actor=actor,
        body=f"{NEW}\n\nQueues were long.",
        headline="Turnout report zanzibar corrected",
        change_kind="correction",
        change_note=NOTE,
        change_at=at,
    )


PUBLIC = (
    "{page}",
    "/api/articles/{slug}/",
    "/api/articles/{slug}/ninjs/",
    "/api/articles/{slug}/annotations/",
    "/feeds/articles/",
    "/feeds/corrections/",
    "/search/?q=zanzibar",
    "/sitemap.xml",
)


def public(client: Client, article: Article) -> dict[str, str]:
    """What readers, anonymous API clients and aggregators are given."""
    paths = [
        p.format(page=article.get_absolute_url(), slug=article.slug) for p in PUBLIC
    ]
    return {path: client.get(path).content.decode() for path in paths}


def test_a_scheduled_text_is_nowhere_public_then_everywhere_at_its_time(
    client: Client, reporter: User
) -> None:
    """Before its time every output shows the old text and no note, though
    each was read (and cached); after it, the first read makes the change
    and every output shows it, with no command run."""
    article = story()
    claim = make_claim(article, "Queues were long")
    at = timezone.now() + timedelta(seconds=2)
    schedule(article, at, actor=reporter)
    held = Article.objects.get(pk=article.pk)
    assert held.body == article.body
    assert held.headline == article.headline
    assert held.version == article.version + 1
    assert held.updated_at == article.updated_at
    before = public(client, article)
    assert not [p for p, body in before.items() if "47 percent" in body or NOTE in body]
    assert "corrected" not in before["/search/?q=zanzibar"]
    until(at)
    after = public(client, article)
    assert not [
        p
        for p in ("/feeds/corrections/", article.get_absolute_url())
        if NOTE not in after[p]
    ]
    for path in (article.get_absolute_url(), f"/api/articles/{article.slug}/"):
        assert "47 percent" in after[path], path
    assert "corrected" in after["/feeds/articles/"]
    made = Article.objects.get(pk=article.pk)
    revision = made.revisions.order_by("-number").first()
    assert revision is not None
    assert revision.actor == reporter
    assert (revision.change_kind, revision.change_note) == ("correction", NOTE)
    assert PendingChange.objects.get().applied_at is not None
    # The claim followed the text when it changed, not before.
    claim.refresh_from_db()
    assert made.plain_text[claim.start : claim.end] == "Queues were long"


def test_a_partner_reading_first_after_the_time_is_given_the_change(
    client: Client, reporter: User
) -> None:
    """A partner's read is not served from the cache, yet the first read
    after the time may be a partner's: it is given the corrected text."""
    article = story()
    _, secret = issue_key(organisation="Wire", actor=None)
    headers = {"Authorization": f"Partner {secret}"}
    path = f"/api/articles/{article.slug}/ninjs/"
    at = timezone.now() + timedelta(seconds=1)
    schedule(article, at, actor=reporter)
    assert "47 percent" not in client.get(path, headers=headers).content.decode()
    until(at)
    assert "47 percent" in client.get(path, headers=headers).content.decode()


def test_while_a_change_waits_another_text_edit_is_refused_naming_it(
    reporter: User,
) -> None:
    article = story()
    schedule(article, timezone.now() + timedelta(hours=1), actor=reporter)
    with pytest.raises(ValidationError) as refused:
        edit_article(article.pk, actor=None, byline="Someone else", change_kind="minor")
    message = refused.value.message_dict["byline"][0]
    assert "correction of body, headline scheduled by reporter" in message
    assert "Cancel it, or make it now" in message
    assert Article.objects.get(pk=article.pk).byline == article.byline
    # A note alone still may be added.
    edit_article(article.pk, actor=None, change_kind="update", change_note="Noted.")
    assert article.revisions.filter(change_note="Noted.").exists()


def test_one_change_waits_per_article_as_the_database_holds() -> None:
    article = story()
    schedule(article, timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError):
        schedule(article, timezone.now() + timedelta(hours=2))
    assert PendingChange.objects.count() == 1


def test_a_drafts_text_cannot_be_scheduled() -> None:
    """A draft is not public: its text is saved at once, and its publication
    is what may be scheduled."""
    article = ArticleFactory.create(status="draft", published_at=None)
    with pytest.raises(ValidationError) as refused:
        schedule(article, timezone.now() + timedelta(hours=1))
    assert (
        "schedule its publication instead" in refused.value.message_dict["change_at"][0]
    )
    assert not PendingChange.objects.exists()


def test_a_change_whose_values_are_bad_is_refused_now() -> None:
    article = story()
    with pytest.raises(ValidationError) as refused:
        edit_article(
            article.pk,
            actor=None,
            headline="x" * 301,
            change_kind="correction",
            change_note=NOTE,
            change_at=timezone.now() + timedelta(hours=1),
        )
    assert "headline" in refused.value.message_dict
    assert not PendingChange.objects.exists()


def test_a_cancelled_change_is_never_made(client: Client, editor: User) -> None:
    article = story()
    at = timezone.now() + timedelta(seconds=1)
    schedule(article, at)
    pending = cancel_change(
        PendingChange.objects.get().pk, actor=editor, reason="Wrong figure"
    )
    assert pending.cancelled_at is not None
    assert pending.closed_by == editor
    event = article.events.get(kind=ArticleEvent.Kind.CHANGE_CANCELLED)
    assert event.actor == editor
    assert event.comment.startswith("Wrong figure")
    until(at)
    assert "47 percent" not in client.get(article.get_absolute_url()).content.decode()
    assert make_due_changes() == 0
    # The text is free to change again.
    edit_article(article.pk, actor=None, byline="Desk", change_kind="minor")


def test_an_editor_makes_a_change_now_saying_why(
    client: Client, editor: User, reporter: User
) -> None:
    article = story()
    schedule(article, timezone.now() + timedelta(hours=1), actor=reporter)
    pending = PendingChange.objects.get()
    with pytest.raises(ValidationError) as refused:
        make_change_now(pending.pk, actor=editor, reason=" ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        make_change_now(pending.pk, actor=reporter, reason="Now")
    make_change_now(pending.pk, actor=editor, reason="The agency confirmed it")
    assert "47 percent" in client.get(article.get_absolute_url()).content.decode()
    early = article.events.get(kind=ArticleEvent.Kind.CHANGE_APPLIED_EARLY)
    assert early.actor == editor
    assert early.comment.startswith("The agency confirmed it (was scheduled for")
    assert article.revisions.order_by("-number").first().actor == reporter  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        make_change_now(pending.pk, actor=editor, reason="Again")


def test_a_change_is_made_once_however_often_it_is_asked() -> None:
    article = story()
    at = timezone.now() + timedelta(seconds=1)
    schedule(article, at)
    until(at)
    assert make_due_changes() == 1
    assert make_due_changes() == 0
    assert article.revisions.filter(change_note=NOTE).count() == 1


def test_the_task_queue_is_asked_for_the_time_only_when_it_can_wait(
    settings: Settings,
) -> None:
    """The immediate backend would run the task at once: it is not asked. A
    queue that can wait is asked for the change's time."""
    from django.tasks import default_task_backend  # noqa: PLC0415

    at = timezone.now() + timedelta(hours=1)
    enqueue_at(at)  # immediate: nothing runs, nothing raised
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    enqueue_at(at)
    results = default_task_backend.results  # type: ignore[attr-defined]
    assert [r.task.run_after for r in results] == [at]
    assert results[0].task.name == "make_due_changes"


def test_the_task_makes_nothing_before_the_time() -> None:
    from articles.tasks import make_due_changes as task  # noqa: PLC0415

    article = story()
    at = timezone.now() + timedelta(seconds=1)
    schedule(article, at)
    assert task.call() == 0
    assert Article.objects.get(pk=article.pk).body == article.body
    until(at)
    assert task.call() == 1


@pytest.mark.django_db(transaction=True)
def test_two_processes_making_due_changes_at_once_make_each_once() -> None:
    """Two workers (threads with connections of their own) ask together: each
    change is made once, by one of them."""
    articles = [story() for _ in range(3)]
    at = timezone.now() + timedelta(seconds=1)
    for article in articles:
        schedule(article, at)
    until(at)
    made: list[int] = []
    start = threading.Barrier(2)

    def work() -> None:
        start.wait()
        try:
            made.append(make_due_changes())
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(made) == 3
    for article in articles:
        assert article.revisions.filter(change_note=NOTE).count() == 1
    assert not PendingChange.objects.open().exists()


def test_claims_stay_on_the_old_text_until_the_change_is_made() -> None:
    article = story()
    claim = make_claim(article, "Turnout reached 40 percent")
    schedule(article, timezone.now() + timedelta(hours=1))
    claim.refresh_from_db()
    assert claim.anchor_state == Claim.AnchorState.ANCHORED
    make_change_now(PendingChange.objects.get().pk, actor=None, reason="Confirmed")
    claim.refresh_from_db()
    assert claim.anchor_state != Claim.AnchorState.ANCHORED


def test_subscribed_systems_are_told_when_the_change_is_made_not_before(
    editor: User,
) -> None:
    """No webhook tells of the new text while it waits; one ``article.corrected``
    does when it is made, with its note."""
    from notifications.models import WebhookDelivery  # noqa: PLC0415
    from notifications.services import register_endpoint  # noqa: PLC0415

    register_endpoint(
        url="http://127.0.0.1:9/hook", events=["article.corrected"], actor=editor
    )
    article = story()
    schedule(article, timezone.now() + timedelta(hours=1))
    assert not WebhookDelivery.objects.exists()
    make_change_now(PendingChange.objects.get().pk, actor=editor, reason="Confirmed")
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.event == "article.corrected"
    assert delivery.payload["data"]["change"]["note"] == NOTE


def test_the_api_makes_a_change_now_or_cancels_it(editor: User, reporter: User) -> None:
    from rest_framework.test import APIClient  # noqa: PLC0415

    article = story()
    schedule(article, timezone.now() + timedelta(hours=1), actor=reporter)
    base = f"/api/articles/{article.slug}/scheduled-change/"
    as_reporter, as_editor = APIClient(), APIClient()
    as_reporter.force_authenticate(reporter)
    as_editor.force_authenticate(editor)
    assert APIClient().post(base + "make-now/", {}).status_code in (401, 403)
    assert as_reporter.post(base + "make-now/", {"reason": "Now"}).status_code == 403
    refused = as_editor.post(base + "make-now/", {"reason": ""}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    made = as_editor.post(base + "make-now/", {"reason": "Confirmed"}, format="json")
    assert made.status_code == 200
    assert "47 percent" in made.json()["body"]
    assert made.json()["scheduled_change"] is None
    nothing = as_editor.post(base + "cancel/", {}, format="json")
    assert nothing.status_code == 400
    assert "No change of this article's text is scheduled" in str(nothing.json())
