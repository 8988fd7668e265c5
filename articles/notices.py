"""What the article services tell people and other systems: one call each.

Who a story belongs to is the user who created it and anyone who submitted
it for review.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from articles.models import Article, ArticleEvent, ArticleRevision
from notifications.models import Event, Kind
from notifications.services import (
    EDITOR_PERMISSION,
    Actor,
    Notice,
    holders_of,
    notify,
)

LABEL = "articles.article"


def people_of(article: Article) -> list[int | None]:
    """Ids of the story's reporters: its creator and whoever submitted it."""
    submitters = ArticleEvent.objects.filter(
        article=article, kind=ArticleEvent.Kind.SUBMITTED, actor__isnull=False
    ).values_list("actor_id", flat=True)
    return [article.created_by_id, *submitters]


def article_data(article: Article, **extra: Any) -> dict[str, Any]:
    """An article as a webhook's ``data`` tells of it."""
    return {
        "article": {
            "id": article.pk,
            "slug": article.slug,
            "headline": article.headline,
            "status": article.status,
            "published_at": (
                article.published_at.isoformat() if article.published_at else None
            ),
            "url": (
                f"{settings.SITE_URL}{article.get_absolute_url()}"
                if article.status == Article.Status.PUBLISHED
                else None
            ),
        },
        **extra,
    }


def _comment_to(  # noqa: PLR0913 - the step's event, notice and its words
    article: Article,
    event: str,
    kind: str,
    people: Iterable[int | None],
    title: str,
    *,
    actor: Actor,
    comment: str,
) -> None:
    """A hand-over step with a comment: who it concerns is told, with the
    comment, and subscribed systems."""
    notify(
        event,
        target=(LABEL, article.pk),
        actor=actor,
        notices=[Notice(kind, people, f"{title}: {article.headline}", comment)],
        data=lambda: article_data(article, comment=comment),
    )


def submitted(article: Article, *, actor: Actor, comment: str) -> None:
    """A story was submitted: the editors are told, and subscribed systems."""
    _comment_to(
        article,
        Event.ARTICLE_SUBMITTED,
        Kind.SUBMITTED,
        holders_of(EDITOR_PERMISSION),
        "Submitted for review",
        actor=actor,
        comment=comment,
    )


def sent_back(article: Article, *, actor: Actor, comment: str) -> None:
    """A story was sent back: its reporters are told why."""
    _comment_to(
        article,
        Event.ARTICLE_SENT_BACK,
        Kind.SENT_BACK,
        people_of(article),
        "Sent back to you",
        actor=actor,
        comment=comment,
    )


def published(article: Article, *, actor: Actor) -> None:
    """A story was published: subscribed systems are told."""
    notify(
        Event.ARTICLE_PUBLISHED,
        target=(LABEL, article.pk),
        actor=actor,
        data=lambda: article_data(article),
    )


def corrected(article: Article, revision: ArticleRevision, *, actor: Actor) -> None:
    """A published story's text was corrected, updated or clarified (not a
    minor change): subscribed systems are told, with the note readers see."""
    if revision.change_kind not in ArticleRevision.READER_KINDS:
        return
    notify(
        Event.ARTICLE_CORRECTED,
        target=(LABEL, article.pk),
        actor=actor,
        data=lambda: article_data(
            article,
            change={
                "kind": revision.change_kind,
                "note": revision.change_note,
                "revision": revision.number,
            },
        ),
    )
