"""The review workspace's reading of one article: its claims in text order,
which need work, and the words the desk uses for their state."""

from collections.abc import Sequence

from articles.models import Article
from claims.models import Claim

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
