"""What is the signed-in reporter's own: stories sent back to them, with the
editor's comment, and stories of theirs in review.

A story is theirs if they created it or submitted it. Each list is one query,
whatever the number of stories.
"""

from typing import Any

from django.db.models import OuterRef, Subquery

from articles.models import Article, ArticleEvent

LISTED = 10


def _latest(field: str) -> Subquery:
    return Subquery(
        ArticleEvent.objects.filter(article=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def sent_back_to(user: Any) -> list[Article]:
    """The user's drafts whose latest step was a send-back, with its comment,
    who sent it back (``sent_back_by``) and when, newest first."""
    return list(
        Article.objects.belonging_to(user)
        .filter(status=Article.Status.DRAFT)
        .annotate(
            last_kind=_latest("kind"),
            sent_back_comment=_latest("comment"),
            sent_back_by=_latest("actor__username"),
            sent_back_at=_latest("created_at"),
        )
        .filter(last_kind=ArticleEvent.Kind.SENT_BACK)
        .only("headline", "slug", "status", "updated_at")
        .order_by("-sent_back_at", "-pk")[:LISTED]
    )


def in_review_for(user: Any) -> list[Article]:
    """The user's stories waiting for an editor, oldest first."""
    return list(
        Article.objects.belonging_to(user)
        .filter(status=Article.Status.IN_REVIEW)
        .only("headline", "slug", "status", "updated_at")
        .order_by("updated_at", "pk")[:LISTED]
    )
