"""What waits for the desk: counts of claims and articles, and an editor's recent reviews.

Each figure is read with a fixed number of aggregate queries, whatever the
number of claims.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from articles.models import Article
from claims import selectors
from claims.models import ReviewEvent, Suggestion

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
    claims = selectors.claims_waiting()
    unreviewed_claim = selectors.unreviewed_claims().filter(article=OuterRef("pk"))
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
    return selectors.recent_reviews(user, RECENT_REVIEWS)
