"""The review workspace's reading of one article: its claims in text order,
which need work, its pending suggestions, and the desk's words for their state."""

from collections.abc import Sequence

from django.utils.html import format_html

from articles.models import Article
from articles.rendering import Mark
from claims.models import Claim, Suggestion

ACTIONS = {
    "verify": Claim.Status.VERIFIED,
    "dispute": Claim.Status.DISPUTED,
    "contextualize": Claim.Status.CONTEXTUALIZED,
    "reopen": Claim.Status.UNREVIEWED,
}

# Why a claim needs an editor, in words.
ANCHOR_WORDS = {
    Claim.AnchorState.ORPHANED: "Its text is no longer in the article: re-attach it.",
    Claim.AnchorState.NEEDS_CHECK: "Its text was edited or moved: check it.",
}


def claims_in_order(article: Article) -> list[Claim]:
    """The article's claims (withdrawn ones left out) in text order, each read once."""
    claims = list(
        Claim.objects.filter(article=article, withdrawn_at__isnull=True)
        .select_related("agency", "reviewed_by")
        .order_by("start", "pk")
    )
    for claim in claims:
        claim.article = article
    return claims


def needs_work(claim: Claim) -> bool:
    """Unreviewed, moved or orphaned: an editor has something to do."""
    return (
        claim.status == Claim.Status.UNREVIEWED
        or claim.anchor_state != Claim.AnchorState.ANCHORED
    )


def next_to_work(claims: Sequence[Claim], after: int | None = None) -> Claim | None:
    """The first claim needing work after the given one (wrapping round), else None."""
    if not claims:
        return None
    pks = [claim.pk for claim in claims]
    begin = pks.index(after) + 1 if after in pks else 0
    for claim in [*claims[begin:], *claims[:begin]]:
        if needs_work(claim) and claim.pk != after:
            return claim
    return None


def pending_suggestions(article: Article) -> list[Suggestion]:
    """The article's pending suggestions whose words are still where detection
    found them, in text order, each read once."""
    text = article.plain_text
    return [
        suggestion
        for suggestion in Suggestion.objects.pending()
        .filter(article=article)
        .select_related("agency")
        .order_by("start", "pk")
        if text[suggestion.start : suggestion.end] == suggestion.exact
    ]


def suggestion_marks(suggestions: Sequence[Suggestion]) -> list[Mark]:
    """Marks for suggested passages, told apart from claims by their class."""
    return [
        Mark(
            suggestion.start,
            suggestion.end,
            {
                "class": "desk-suggested",
                "data-suggestion": str(suggestion.pk),
                "id": f"suggested-{suggestion.pk}",
            },
        )
        for suggestion in suggestions
    ]


def suggestion_label(mark: Mark) -> str:
    """The word after a suggested passage: "suggested", linking to its card."""
    return str(
        format_html(
            '<a class="desk-suggested-label" href="#suggestion-{}">suggested</a>',
            mark.attrs["data-suggestion"],
        )
    )
