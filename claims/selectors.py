"""Reads of claims, agencies, reviews and suggestions, named for what they serve.

The surfaces (``reader``, ``api``, ``desk``) read the domain through these
functions rather than building querysets of their own, as they change it
through ``claims.services``: a page and an endpoint that show the same thing
read it the same way, with the same rows fetched at once. Each says what it
reads with, so that its callers' query budgets are its own. Reads a single
surface makes for its own layout (the search page, the agency index, the
article page's rows of plain values) stay with that surface.
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from articles.models import SEARCH_COLUMNS, Article, live_q, search_columns
from claims.models import (
    Agency,
    AgencyLabelChange,
    Claim,
    ReviewEvent,
    Suggestion,
)

# An article's fields a claim's row never shows: its text, and what search reads.
ARTICLE_TEXT = ("body", "plain_text", "standfirst", *SEARCH_COLUMNS)


def _without_text(prefix: str, *fields: str) -> list[str]:
    return [f"{prefix}{field}" for field in fields or ARTICLE_TEXT]


# Readers' pages and feeds


def agency_page_claims(agency: Agency) -> list[Claim]:
    """The public claims attributed to ``agency``, newest story first and in
    text order within it, each with its article (one query) and ``agency``
    set on it."""
    claims = list(
        Claim.objects.public()
        .filter(agency=agency)
        .select_related("article")
        .defer(*search_columns("article__"))
        .order_by("-article__published_at", "article_id", "start", "pk")
    )
    for claim in claims:
        claim.agency = agency
    return claims


def label_history(agency: Agency) -> list[AgencyLabelChange]:
    """The agency's label changes, latest label date first; the actor is not
    read (reviewers' names are not public)."""
    return list(agency.label_changes.order_by("-affiliation_date", "-created_at"))


def public_claims() -> QuerySet[Claim]:
    """Claims readers may see, each with its agency and article read at once."""
    return (
        Claim.objects.public()
        .select_related("agency", "article")
        .defer(*search_columns("article__"))
    )


def reviewed_public_claims() -> QuerySet[Claim]:
    """Reviewed claims still in the text of a story readers see, newest review
    first, with their agency, article and speaker's agency (not the
    article's text): one ClaimReview each."""
    return (
        Claim.objects.public()
        .exclude(status=Claim.Status.UNREVIEWED)
        .exclude(anchor_state=Claim.AnchorState.ORPHANED)
        .select_related("agency", "article", "person__agency")
        .defer(*_without_text("article__", "body", "plain_text", *SEARCH_COLUMNS))
        .order_by("-reviewed_at", "-pk")
    )


def public_review_events(shown: Q, length: int) -> QuerySet[ReviewEvent]:
    """The latest ``length`` events matching ``shown`` of public claims, and
    the withdrawals of claims in stories readers see (a withdrawn claim's one
    event still told), with claim, agency and article; not the actor."""
    return (
        ReviewEvent.objects.filter(
            shown,
            Q(claim__in=Claim.objects.public())
            | Q(live_q("claim__article__"), kind=ReviewEvent.Kind.WITHDRAWAL),
        )
        .select_related("claim__agency", "claim__article")
        .order_by("-created_at", "-pk")[:length]
    )


def sitemap_agencies() -> QuerySet[Agency]:
    """Every agency, by slug, with its slug alone read."""
    return Agency.objects.only("slug").order_by("slug")


def sitemap_claims() -> QuerySet[Claim]:
    """Every public claim, by primary key, with its last change alone read."""
    return Claim.objects.public().only("pk", "updated_at").order_by("pk")


# The API's reads


def visible_claims(*, member: bool, with_article: bool = True) -> QuerySet[Claim]:
    """The claims a client may see: members see all (with their reviewer),
    others published ones only; each with its agency, and its article but
    not the article's text unless ``with_article`` is false (the caller sets
    the article itself, a prefetch from it)."""
    related = ["agency", *(["article"] if with_article else [])]
    claims = Claim.objects.select_related(*related)
    if with_article:
        claims = claims.defer(*_without_text("article__"))
    if member:
        return claims.select_related("reviewed_by")
    return claims.public()


def agencies_counted(*, member: bool) -> QuerySet[Agency]:
    """Agencies with their claims counted by status (``count_total``,
    ``count_<status>``), among the claims a member, or a reader, may see."""
    visible = Q() if member else live_q("claims__article__")
    counts = {
        f"count_{value}": Count("claims", filter=visible & Q(claims__status=value))
        for value in Claim.Status.values
    }
    return Agency.objects.annotate(
        count_total=Count("claims", filter=visible), **counts
    )


def suggestions_read() -> QuerySet[Suggestion]:
    """Suggestions with the agency, person and decider they name read at once."""
    return Suggestion.objects.select_related("agency", "person", "decided_by")


def article_suggestions(
    article: Article, state: str | None = None
) -> QuerySet[Suggestion]:
    """The article's suggestions in text order, in ``state`` if given, with
    what they name read at once."""
    suggestions = article.suggestions.select_related(
        "agency", "person", "decided_by"
    ).order_by("start", "pk")
    return suggestions if state is None else suggestions.filter(state=state)


# The desk's reads


def review_queue() -> QuerySet[Claim]:
    """Claims needing a review, each with its article's headline (not its
    text) and its agency."""
    return (
        Claim.objects.needing_review()
        .select_related("article", "agency")
        .defer("search_document", *_without_text("article__"))
    )


def claims_in_order(article: Article) -> list[Claim]:
    """The article's claims (withdrawn ones left out) in text order, each read
    once with its agency and reviewer, and ``article`` set on each."""
    claims = list(
        Claim.objects.filter(article=article, withdrawn_at__isnull=True)
        .select_related("agency", "reviewed_by")
        .order_by("start", "pk")
    )
    for claim in claims:
        claim.article = article
    return claims


def claim_with_article(claim_id: int) -> QuerySet[Claim]:
    """The claim ``claim_id`` (a queryset of it), with its article and agency."""
    return Claim.objects.select_related("article", "agency").filter(pk=claim_id)


def pending_suggestions(article: Article) -> list[Suggestion]:
    """The article's pending suggestions whose words are still where detection
    found them, in text order, each read once with its agency."""
    text = article.plain_text
    return [
        suggestion
        for suggestion in Suggestion.objects.pending()
        .filter(article=article)
        .select_related("agency")
        .order_by("start", "pk")
        if text[suggestion.start : suggestion.end] == suggestion.exact
    ]


def agency_choices() -> list[tuple[int, str]]:
    """Every agency's primary key and name, by name."""
    return list(Agency.objects.order_by("name", "pk").values_list("pk", "name"))


def claims_waiting() -> dict[str, int]:
    """How many live claims are orphaned, need their place checked, or are
    anchored but unreviewed (one query)."""
    return Claim.objects.filter(withdrawn_at__isnull=True).aggregate(
        orphaned=Count("pk", filter=Q(anchor_state=Claim.AnchorState.ORPHANED)),
        needs_check=Count("pk", filter=Q(anchor_state=Claim.AnchorState.NEEDS_CHECK)),
        unreviewed=Count(
            "pk",
            filter=Q(status=Claim.Status.UNREVIEWED)
            & Q(anchor_state=Claim.AnchorState.ANCHORED),
        ),
    )


def unreviewed_claims() -> QuerySet[Claim]:
    """Live claims not yet reviewed (filter them by ``article=OuterRef(…)``)."""
    return Claim.objects.filter(
        withdrawn_at__isnull=True, status=Claim.Status.UNREVIEWED
    )


def recent_reviews(user: Any, length: int) -> list[ReviewEvent]:
    """The user's latest ``length`` reviews, newest first, with claim, article
    (not its text) and agency read at once."""
    return list(
        ReviewEvent.objects.filter(actor=user, kind=ReviewEvent.Kind.REVIEW)
        .select_related("claim__article", "claim__agency")
        .defer(*_without_text("claim__article__", "body", "plain_text", "standfirst"))
        .order_by("-created_at", "-pk")[:length]
    )


def stories_per_group(group_ids: Iterable[int]) -> Counter[int]:
    """For each group, how many stories its live claims are in (one query, none
    when there is no group)."""
    group_ids = set(group_ids)
    if not group_ids:
        return Counter()
    return Counter(
        dict(
            Claim.objects.filter(group_id__in=group_ids, withdrawn_at__isnull=True)
            .values_list("group_id")
            .annotate(stories=Count("article_id", distinct=True))
            .values_list("group_id", "stories")
        )
    )
