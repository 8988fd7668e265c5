"""What an article edit did to its claims, in words for the editor who saved it.

Each claim links to its card in the review workspace (the desk's page).
"""

from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from claims.labels import status_word
from claims.models import Claim


def touched_claims_warning(result: Any) -> SafeString | None:
    """A warning listing every claim the edit orphaned or left needing a check.

    Reviewed claims come first (readers may be reading their labels), each
    with why it needs work and a link to it in the review workspace. None when
    the edit touched no claim. ``result`` is ``articles.editing.EditResult``.
    """
    why = dict.fromkeys(result.orphaned, "its text is no longer in the article")
    why.update(
        dict.fromkeys(result.needs_check, "its text was edited or moved: check it")
    )
    if not why:
        return None
    claims = sorted(
        Claim.objects.filter(pk__in=why)
        .select_related("agency")
        .only("pk", "quote", "status", "start", "article_id", "agency__name"),
        key=lambda claim: (claim.status == Claim.Status.UNREVIEWED, claim.start),
    )
    items = format_html_join(
        "",
        '<li><a href="{}?claim={}#note-{}">“{}”</a> ({}, {}): {}</li>',
        (
            (
                reverse("desk:workspace", args=[claim.article_id]),
                claim.pk,
                claim.pk,
                Truncator(claim.quote).words(12),
                claim.agency.name,
                status_word(claim.status),
                why[claim.pk],
            )
            for claim in claims
        ),
    )
    count = len(claims)
    return format_html(
        "{} claim{} need{} work after this edit:<ul>{}</ul>",
        count,
        "" if count == 1 else "s",
        "s" if count == 1 else "",
        items,
    )
