"""How the review queue shows a claim: badges in words and icons, why it is at
the top, its quote cut at a word, and its article linked to the workspace."""

from functools import cache

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.labels import status_badge
from claims.models import Claim

# One shape per anchor state: a link for anchored, a dashed link for needs
# check, a broken link for orphaned; always with its word.
_ANCHOR_ICONS = {  # fixed markup written here, so safe as it stands
    Claim.AnchorState.ANCHORED: SafeString(
        '<path d="M6 10l4-4M4.5 7.5l-1 1a2.5 2.5 0 003.5 3.5l1-1M11.5 8.5l1-1a2.5 2.5 0 00-3.5-3.5l-1 1" class="line"/>'
    ),
    Claim.AnchorState.NEEDS_CHECK: SafeString(
        '<path d="M6 10l4-4" class="line dashed"/><path d="M4.5 7.5l-1 1a2.5 2.5 0 003.5 3.5l1-1M11.5 8.5l1-1a2.5 2.5 0 00-3.5-3.5l-1 1" class="line"/>'
    ),
    Claim.AnchorState.ORPHANED: SafeString(
        '<path d="M4.5 7.5l-1 1a2.5 2.5 0 003.5 3.5M11.5 8.5l1-1a2.5 2.5 0 00-3.5-3.5M2 2l12 12" class="line"/>'
    ),
}
ANCHOR_WORDS = {
    Claim.AnchorState.ANCHORED: "In the text",
    Claim.AnchorState.NEEDS_CHECK: "Text changed",
    Claim.AnchorState.ORPHANED: "Text gone",
}
WHY_AT_TOP = {
    Claim.AnchorState.ORPHANED: "Its text is no longer in the article: re-attach it.",
    Claim.AnchorState.NEEDS_CHECK: "Its text was edited or moved: check it.",
}
QUOTE_WORDS = 12


def anchor_badge(state: str) -> SafeString:
    """The anchor state as an icon followed by its word."""
    anchor = Claim.AnchorState(state)
    return format_html(
        '<span class="anchor anchor-{}"><svg class="icon" viewBox="0 0 16 16" '
        'width="16" height="16" aria-hidden="true" focusable="false">{}</svg>'
        '<span class="anchor-word">{}</span></span>',
        state,
        _ANCHOR_ICONS[anchor],
        ANCHOR_WORDS[anchor],
    )


WORDS_CHANGED_WHY = (
    "Its words changed after it was reviewed: readers see it under review "
    "again until you review the new words."
)


def queue_status(claim: Claim) -> SafeString:
    """Status and anchor badges, and why the claim heads the queue, in words."""
    return _queue_badges(
        claim.status, claim.anchor_state, claim.words_changed_at is not None
    )


@cache
def _queue_badges(status: str, anchor_state: str, words_changed: bool) -> SafeString:
    # Twenty-four combinations of status, anchor state and changed words: each
    # one's markup is built once per process, not once per row of every page.
    why = WHY_AT_TOP.get(Claim.AnchorState(anchor_state))
    if words_changed:
        why = WORDS_CHANGED_WHY
    return format_html(
        '<span class="queue-badges">{}{}</span>{}',
        status_badge(status),
        anchor_badge(anchor_state),
        format_html('<span class="queue-why">{}</span>', why) if why else "",
    )


def select_checkbox(claim: Claim) -> SafeString:
    """The row's checkbox for the queue's actions, as the admin writes it."""
    return format_html(
        '<input type="checkbox" name="{}" value="{}" class="action-select" '
        'aria-label="{}">',
        ACTION_CHECKBOX_NAME,
        claim.pk,
        gettext("Select this object for an action - {}").format(claim),
    )


def short_quote(quote: str, words: int = QUOTE_WORDS) -> str:
    """The quote cut at a word boundary, with an ellipsis when cut."""
    return Truncator(quote).words(words, truncate="\u2026")


def article_link(claim: Claim) -> SafeString:
    """The claim's article, linked to the claim in the review workspace."""
    url = reverse("desk:workspace", args=[claim.article_id])
    return format_html(
        '<a href="{}?claim={}#note-{}">{}</a>',
        url,
        claim.pk,
        claim.pk,
        Truncator(claim.article.headline).words(8, truncate="\u2026"),
    )


def passage(claim: Claim, *, context: int) -> SafeString:
    """The claim's quote marked in its passage, with ``context`` characters
    either side; or, when the text no longer holds it, the quote alone."""
    text = claim.article.plain_text
    if text[claim.start : claim.end] != claim.quote:
        return format_html(
            '<p class="claim-orphaned">{}</p><blockquote>{}</blockquote>',
            _("The quoted text is no longer in the article:"),
            claim.quote,
        )
    low = max(0, claim.start - context)
    high = claim.end + context
    return format_html(
        '<blockquote class="claim-passage">{}{}<mark data-claim="{}" '
        'data-status="{}">{}</mark>{}{}</blockquote>',
        "\u2026" if low else "",
        text[low : claim.start],
        claim.pk,
        claim.status,
        claim.quote,
        text[claim.end : high],
        "\u2026" if high < len(text) else "",
    )
