"""What waits for the desk: counts of claims and articles, and an editor's recent reviews.

Each figure is read with a fixed number of aggregate queries, whatever the
number of claims.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from articles.models import Article
from claims.models import Claim, ReviewEvent, Suggestion

RECENT_REVIEWS = 10
LISTED_ARTICLES = 10


@dataclass
class Waiting:
    """The dashboard's figures."""

    orphaned: int
    needs_check: int
    unreviewed: int
    in_review: int
    published_unreviewed: int
    suggestions: int
    in_review_articles: list[Article]
    published_unreviewed_articles: list[Article]


def waiting() -> Waiting:
    """Counts of what needs work, and the articles behind the article counts."""
    live = Claim.objects.filter(withdrawn_at__isnull=True)
    claims = live.aggregate(
        orphaned=Count("pk", filter=Q(anchor_state=Claim.AnchorState.ORPHANED)),
        needs_check=Count("pk", filter=Q(anchor_state=Claim.AnchorState.NEEDS_CHECK)),
        unreviewed=Count(
            "pk",
            filter=Q(status=Claim.Status.UNREVIEWED)
            & Q(anchor_state=Claim.AnchorState.ANCHORED),
        ),
    )
    unreviewed_claim = live.filter(
        article=OuterRef("pk"), status=Claim.Status.UNREVIEWED
    )
    headline_only = ("headline", "slug", "status", "updated_at", "published_at")
    in_review = Article.objects.filter(status=Article.Status.IN_REVIEW)
    published_unreviewed = Article.objects.filter(
        Exists(unreviewed_claim), status=Article.Status.PUBLISHED
    )
    articles = Article.objects.aggregate(
        in_review=Count("pk", filter=Q(status=Article.Status.IN_REVIEW)),
        published_unreviewed=Count(
            "pk",
            filter=Q(status=Article.Status.PUBLISHED) & Q(Exists(unreviewed_claim)),
        ),
    )
    return Waiting(
        suggestions=Suggestion.objects.pending().count(),
        in_review_articles=list(
            in_review.only(*headline_only).order_by("updated_at", "pk")[
                :LISTED_ARTICLES
            ]
        ),
        published_unreviewed_articles=list(
            published_unreviewed.only(*headline_only).order_by("-published_at", "pk")[
                :LISTED_ARTICLES
            ]
        ),
        **claims,
        **articles,
    )


def recent_reviews(user: Any) -> list[ReviewEvent]:
    """The user's latest reviews, newest first, with claim, article and agency read at once."""
    return list(
        ReviewEvent.objects.filter(actor=user, kind=ReviewEvent.Kind.REVIEW)
        .select_related("claim__article", "claim__agency")
        .defer(
            "claim__article__body",
            "claim__article__plain_text",
            "claim__article__standfirst",
        )
        .order_by("-created_at", "-pk")[:RECENT_REVIEWS]
    )
