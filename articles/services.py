"""State changes of articles: publishing and unpublishing."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article

Actor = AbstractUser | AnonymousUser | None


def _require_publisher(actor: Actor) -> None:
    # None is the system itself (demo loading, commands).
    if actor is not None and not actor.has_perm("articles.publish_article"):
        raise PermissionDenied(
            "You do not have permission to publish or unpublish articles."
        )


@transaction.atomic
def publish_article(article_id: int, *, actor: Actor) -> Article:
    """Publish an article; the first publication sets its publication time."""
    _require_publisher(actor)
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError({"status": "The article is already published."})
    article.status = Article.Status.PUBLISHED
    article.published_at = article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def unpublish_article(article_id: int, *, actor: Actor) -> Article:
    """Return an article to draft: it disappears from every public page."""
    _require_publisher(actor)
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.status == Article.Status.DRAFT:
        raise ValidationError({"status": "The article is not published."})
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article
