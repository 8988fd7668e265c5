"""What a story's claims leave open before it is published, in the desk's words.

Registered with ``articles.services`` (``register_publish_check``) when the
app is ready: publishing unconfirmed names each item.
"""

from django.utils.text import Truncator

from articles.models import Article
from claims.models import Claim, Suggestion


def _quote(claim: Claim) -> str:
    return f"\u201c{Truncator(claim.quote).chars(60)}\u201d"


def open_items(article: Article) -> list[str]:
    """Unreviewed claims, claims whose words changed or need a check, and
    pending suggestions of the article."""
    claims = list(
        Claim.objects.filter(article=article, withdrawn_at__isnull=True)
        .exclude(
            status__in=[
                Claim.Status.VERIFIED,
                Claim.Status.DISPUTED,
                Claim.Status.CONTEXTUALIZED,
            ],
            words_changed_at__isnull=True,
            anchor_state=Claim.AnchorState.ANCHORED,
        )
        .only("pk", "quote", "status", "words_changed_at", "anchor_state")
        .order_by("start", "pk")
    )
    items = []
    for claim in claims:
        if claim.words_changed_at is not None:
            items.append(f"words changed since its review: {_quote(claim)}")
        elif claim.anchor_state != Claim.AnchorState.ANCHORED:
            items.append(f"{claim.get_anchor_state_display().lower()}: {_quote(claim)}")
        else:
            items.append(f"not reviewed: {_quote(claim)}")
    pending = Suggestion.objects.pending().filter(article=article).count()
    if pending:
        items.append(f"{pending} suggested claim(s) neither accepted nor rejected")
    return items
