"""Publishing and unpublishing articles."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article
from articles.services import publish_article, unpublish_article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_editor_publishes_a_draft(editor: User) -> None:
    """Publishing sets the status and the publication time."""
    draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    publish_article(draft.pk, actor=editor)
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at is not None


def test_reporter_may_not_publish(reporter: User) -> None:
    """A reporter is refused and the draft stays a draft."""
    draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        publish_article(draft.pk, actor=reporter)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_unpublish_and_republish_keeps_first_date(editor: User) -> None:
    article = ArticleFactory.create()
    first = article.published_at
    unpublish_article(article.pk, actor=editor)
    with pytest.raises(ValidationError, match="not published"):
        unpublish_article(article.pk, actor=editor)
    publish_article(article.pk, actor=editor)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, first)
