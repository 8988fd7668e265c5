"""A claim's possible repeats and group, as its admin page shows them."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.matching import matches_for
from claims.models import Claim, ClaimMatch


def repeats(claim: Claim) -> SafeString:
    """Each possible repeat or group member: kind, score, decision, its story
    (linked to the workspace where the desk decides)."""
    found = matches_for(claim)
    if not found:
        return format_html("{}", "No possible repeat in other stories.")
    rows = (
        (
            ClaimMatch.State(match.status).label,
            ClaimMatch.Kind(match.kind).label,
            f"score {match.score:.2f}" if match.score is not None else "via the group",
            reverse("desk:workspace", args=[match.claim.article_id])
            + f"?claim={match.claim.pk}#note-{match.claim.pk}",
            match.claim.article.headline,
            f" (differs in {', '.join(match.differs)})" if match.differs else "",
        )
        for match in found
    )
    return format_html(
        '<ul class="claim-repeats">{}</ul>',
        format_html_join("", '<li>{}: {}, {}, in <a href="{}">{}</a>{}</li>', rows),
    )
