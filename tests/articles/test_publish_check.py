"""Publishing looks first: open items are named and need a confirmation."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article
from articles.services import UnconfirmedPublish, publish_article
from claims.services import review_claim
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

BODY = "Officials said the vote was fair.\n\nKyiv said the vote was a sham."


@pytest.fixture
def in_review() -> Article:
    article = ArticleFactory.create(
        body=BODY, status=Article.Status.IN_REVIEW, published_at=None
    )
    make_claim(article, "the vote was fair")
    return article


def test_open_items_are_named_and_nothing_is_published(in_review: Article) -> None:
    with pytest.raises(UnconfirmedPublish) as refused:
        publish_article(in_review.pk, actor=None, confirmed=False)
    assert refused.value.unresolved == ["not reviewed: \u201cthe vote was fair\u201d"]
    assert Article.objects.get(pk=in_review.pk).status == Article.Status.IN_REVIEW


def test_nothing_open_publishes_at_once(in_review: Article) -> None:
    claim = in_review.claims.get()
    review_claim(claim.pk, status="verified", actor=None, expected_version=1)
    publish_article(in_review.pk, actor=None, confirmed=False)
    assert Article.objects.get(pk=in_review.pk).status == Article.Status.PUBLISHED


def test_the_api_answers_409_unless_confirmed(in_review: Article, editor: User) -> None:
    client = APIClient()
    client.force_authenticate(editor)
    url = f"/api/articles/{in_review.slug}/publish/"
    refused = client.post(url, {})
    assert refused.status_code == 409
    assert refused.json()["unresolved"] == [
        "not reviewed: \u201cthe vote was fair\u201d"
    ]
    assert refused.json()["article"]["status"] == "in_review"
    confirmed = client.post(url, {"confirm": True})
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "published"


def test_the_desk_asks_first(in_review: Article, editor: User) -> None:
    client = Client()
    client.force_login(editor)
    url = reverse("desk:handover", args=[in_review.pk])
    asked = client.post(url, {"step": "publish", "version": "1"})
    assert asked.status_code == 409
    page = asked.content.decode()
    assert "This story still has open items. Publish it anyway?" in page
    assert "Not reviewed: \u201cthe vote was fair\u201d" in page
    assert Article.objects.get(pk=in_review.pk).status == Article.Status.IN_REVIEW
    done = client.post(url, {"step": "publish", "version": "1", "confirm": "1"})
    assert done.status_code == 302
    assert Article.objects.get(pk=in_review.pk).status == Article.Status.PUBLISHED
