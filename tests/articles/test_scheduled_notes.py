"""A scheduled note alone: the text readers see stays as it is and the note
appears at its time in every output. (A scheduled change of the text is
held apart until its time: tests/articles/test_scheduled_text.py.)"""

import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from articles.editing import edit_article
from articles.models import Article, ArticleRevision
from articles.scheduled_edits import make_due_changes
from articles.services import unpublish_article
from notifications.models import WebhookDelivery
from notifications.services import register_endpoint
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOTE = "The count was of the first round, not the second."


def until(moment: datetime) -> None:
    """Wait until ``moment`` has passed (the test checks what follows from it)."""
    while timezone.now() <= moment:
        time.sleep(0.2)


def outputs(client: Client, article: Article) -> dict[str, str]:
    """What readers, anonymous API clients and aggregators are given."""
    return {
        path: client.get(path).content.decode()
        for path in (
            article.get_absolute_url(),
            f"/api/articles/{article.slug}/ninjs/",
            "/feeds/corrections/",
        )
    }


def test_a_scheduled_note_appears_everywhere_at_its_time(client: Client) -> None:
    """Before the time no output shows the note, and the ninjs document is
    the story's first version; after it every one does, the text unchanged."""
    article = ArticleFactory.create()
    before_text = article.body
    at = timezone.now() + timedelta(seconds=3)
    edit_article(
        article.pk,
        actor=None,
        change_kind="clarification",
        change_note=NOTE,
        change_at=at,
    )
    revision = article.revisions.get()
    assert (revision.body, revision.publish_at) == (before_text, at)
    ninjs = f"/api/articles/{article.slug}/ninjs/"
    before = outputs(client, article)
    assert not [path for path, body in before.items() if NOTE in body]
    assert client.get(ninjs).json()["version"] == "1"
    until(at)
    after = outputs(client, article)
    assert not [path for path, body in after.items() if NOTE not in body]
    assert client.get(ninjs).json()["version"] == "2"
    assert Article.objects.get(pk=article.pk).body == before_text


def test_a_note_needs_a_reader_kind_and_a_note_to_be_scheduled() -> None:
    article = ArticleFactory.create()
    with pytest.raises(ValidationError) as refused:
        edit_article(
            article.pk,
            actor=None,
            change_kind="minor",
            change_at=timezone.now() + timedelta(hours=1),
        )
    assert "change_at" in refused.value.message_dict
    assert not article.revisions.exists()


def test_the_api_holds_a_scheduled_text_change_and_refuses_another(
    editor: User,
) -> None:
    """A text change with ``change_at`` is held (the answer shows it to the
    newsroom, the text unchanged); a further text change is a 400 naming it."""
    article = ArticleFactory.create()
    client = APIClient()
    client.force_authenticate(editor)
    ahead = (timezone.now() + timedelta(hours=2)).isoformat()
    url = f"/api/articles/{article.slug}/"
    held = client.patch(
        url,
        {
            "body": "Another text.",
            "change_kind": "correction",
            "change_note": NOTE,
            "change_at": ahead,
        },
        format="json",
    )
    assert held.status_code == 200
    answer = held.json()
    assert answer["body"] == article.body
    assert answer["scheduled_change"]["values"] == {"body": "Another text."}
    assert answer["scheduled_change"]["scheduled_by"] == editor.username
    refused = client.patch(url, {"body": "A third text."}, format="json")
    assert refused.status_code == 400
    assert "scheduled by editor" in refused.json()["body"][0]
    assert APIClient().get(url).json()["scheduled_change"] is None
    scheduled = client.patch(
        url,
        {"change_kind": "update", "change_note": NOTE, "change_at": ahead},
        format="json",
    )
    assert scheduled.status_code == 200
    revision = article.revisions.get()
    assert revision.change_kind == ArticleRevision.ChangeKind.UPDATE
    assert revision.publish_at is not None
    assert Article.objects.get(pk=article.pk).body == article.body


def note_a_partner_waits_for(editor: User, kind: str) -> tuple[Article, datetime]:
    """A story with a note of ``kind`` scheduled a second ahead by ``editor``,
    a partner subscribed to ``article.corrected``; the story and the time."""
    register_endpoint(
        url="http://127.0.0.1:9/hook", events=["article.corrected"], actor=editor
    )
    article = ArticleFactory.create()
    at = timezone.now() + timedelta(seconds=1)
    edit_article(
        article.pk, actor=editor, change_kind=kind, change_note=NOTE, change_at=at
    )
    return article, at


def test_subscribed_systems_are_told_of_a_scheduled_note_at_its_time_not_before(
    client: Client, editor: User
) -> None:
    """No ``article.corrected`` webhook while the note waits: a partner must
    not carry it before readers see it. The first read after its time tells
    them, once, as the editor who scheduled it."""
    article, at = note_a_partner_waits_for(editor, "correction")
    client.get(article.get_absolute_url())
    assert not WebhookDelivery.objects.exists()
    until(at)
    client.get(article.get_absolute_url())
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.payload["data"]["change"] == {
        "kind": "correction",
        "note": NOTE,
        "revision": 1,
    }
    assert delivery.payload["actor"] == editor.username
    make_due_changes()
    assert WebhookDelivery.objects.count() == 1


def test_a_scheduled_note_of_a_story_taken_down_is_told_to_no_one(
    editor: User,
) -> None:
    article, at = note_a_partner_waits_for(editor, "update")
    unpublish_article(article.pk, actor=editor)
    until(at)
    make_due_changes()
    assert not WebhookDelivery.objects.exists()
    assert ArticleRevision.objects.get(article=article).announced_at is not None
