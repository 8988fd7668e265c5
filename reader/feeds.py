"""Atom feeds for readers: published articles, their corrections and updates,
and changes to claim reviews."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.models import (
    READER_KINDS,
    Article,
    ArticleRevision,
    live_q,
    revision_live_q,
    search_columns,
)
from claims import selectors
from claims.labels import attribution, capfirst, quoted
from claims.models import ReviewEvent
from newsroom.site import site_name
from reader import review_log

FEED_LENGTH = 50
# A quote longer than this is cut short in an entry's title.
TITLE_QUOTE_LENGTH = 80


class SiteFeed(Feed[Any, None]):
    """An Atom feed of the site, titled and authored in the site's name.

    The name is read per request, not at import, so ``SITE_NAME`` set for a
    deployment (or a test) reaches every feed.
    """

    feed_type = Atom1Feed
    link = reverse_lazy("articles:index")
    # What the feed holds, after the site's name in its title.
    topic = ""
    # The feed's URL name: each feed needs its own Atom id, and all link to
    # the index.
    url_name = ""

    def title(self) -> str:
        return f"{site_name()}: {self.topic}"

    def author_name(self) -> str:
        # RFC 4287 wants an author for every entry; the site stands for
        # entries that name none.
        return site_name()

    def feed_guid(self) -> str:
        return f"{settings.SITE_URL}{reverse(self.url_name)}"


class ArticlesFeed(SiteFeed):
    """The latest published articles."""

    topic = "latest stories"
    url_name = "articles:feed"
    subtitle = "Stories with every attributed claim marked, and our standards notes."

    def items(self) -> QuerySet[Article]:
        # An entry is updated when readers were told of a change: its latest
        # correction, update or clarification, in the same query.
        return (
            Article.objects.published()
            .annotate(
                last_change=Max(
                    Coalesce("revisions__publish_at", "revisions__created_at"),
                    filter=Q(revisions__change_kind__in=READER_KINDS)
                    & revision_live_q("revisions__"),
                )
            )
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        # Atom summaries are HTML to feed readers: escape what editors typed.
        return escape(item.standfirst)

    def item_author_name(self, item: Article) -> str | None:
        # No byline: the feed's author stands for the entry (RFC 4287 4.2.1).
        return item.byline or None

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        # Not ``updated_at``: a review or a minor fix is not news to readers,
        # and an imported story keeps its own date.
        last_change: datetime | None = getattr(item, "last_change", None)
        return last_change or item.published_at


class CorrectionsFeed(SiteFeed):
    """Corrections, updates and clarifications of published articles, newest first."""

    topic = "corrections and updates"
    url_name = "articles:corrections-feed"
    subtitle = "Every correction, update and clarification of a published story."

    def items(self) -> QuerySet[ArticleRevision]:
        # Editors' names are not public: the actor is never read here.
        return (
            ArticleRevision.objects.filter(
                live_q("article__"),
                revision_live_q(),
                change_kind__in=READER_KINDS,
            )
            .select_related("article")
            .defer(*search_columns("article__"))
            .order_by(Coalesce("publish_at", "created_at").desc(), "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: ArticleRevision) -> str:
        return f"{item.get_change_kind_display()}: {item.article.headline}"

    def item_description(self, item: ArticleRevision) -> str:
        return escape(item.change_note)

    def item_link(self, item: ArticleRevision) -> str:
        return f"{item.article.get_absolute_url()}#corrections-heading"

    def item_guid(self, item: ArticleRevision) -> str:
        # One stable Atom id per revision of the article.
        return f"{settings.SITE_URL}{item.article.get_absolute_url()}#r{item.number}"

    def item_guid_is_permalink(self, item: ArticleRevision) -> bool:
        return False

    def item_pubdate(self, item: ArticleRevision) -> datetime:
        return item.shown_at

    def item_updateddate(self, item: ArticleRevision) -> datetime:
        # Atom requires an entry's <updated>; a revision never changes.
        return item.shown_at


class ClaimReviewsFeed(SiteFeed):
    """What the standards desk changed about claims in published stories, and when."""

    topic = "claim reviews and corrections"
    url_name = "articles:reviews-feed"

    def author_name(self) -> str:
        return f"{site_name()} standards desk"

    subtitle = (
        "Each time a verdict on a claim in a published story is given or "
        "changed, and each correction of a claim's words or attribution."
    )

    def items(self) -> QuerySet[ReviewEvent]:
        # Reviewers' names are not public: the actor is never read here. A
        # withdrawn claim's withdrawal is the one event of it still told.
        return selectors.public_review_events(review_log.PUBLIC_EVENTS, FEED_LENGTH)

    def item_title(self, item: ReviewEvent) -> str:
        change = review_log.of_event(item) or ""
        words = review_log.claim_words(
            item.claim.quote, item.claim.attribution_kind, TITLE_QUOTE_LENGTH
        )
        return f"{capfirst(change)}: {words}"

    def item_description(self, item: ReviewEvent) -> str:
        parts = [
            f"{attribution(item.claim)}, in {quoted(item.claim.article.headline)}."
        ]
        if item.kind == ReviewEvent.Kind.REVIEW:
            if item.note:
                parts.append(item.note)
            if item.disputed_by:
                parts.append(f"Disputed by {item.disputed_by}.")
        return escape(" ".join(parts))

    def item_link(self, item: ReviewEvent) -> str:
        if item.claim.withdrawn_at is not None:
            # A withdrawn claim has no page of its own: the story stands for it.
            return f"{item.claim.article.get_absolute_url()}#log-heading"
        return reverse("claims:detail", kwargs={"pk": item.claim_id})

    def item_guid(self, item: ReviewEvent) -> str:
        # Atom ids are absolute and stable: one per version of the claim.
        claim = reverse("claims:detail", kwargs={"pk": item.claim_id})
        return f"{settings.SITE_URL}{claim}#v{item.version}"

    def item_guid_is_permalink(self, item: ReviewEvent) -> bool:
        return False

    def item_pubdate(self, item: ReviewEvent) -> datetime:
        return item.created_at

    def item_updateddate(self, item: ReviewEvent) -> datetime:
        # Events are append-only: an entry is last updated when it is made.
        return item.created_at
