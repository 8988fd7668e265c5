"""The review workspace's reading of one article: its claims in text order,
which need work, its pending suggestions, the desk's words for their state,
and the cards that show each with its forms."""

import dataclasses
from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html

from articles.rendering import Mark
from claims import selectors
from claims.models import Claim, Suggestion
from desk import repeats
from desk.admin.reviewing import ReviewForm
from desk.forms import ReattachForm, SuggestionAcceptForm

# Why a claim needs an editor, in words.
ANCHOR_WORDS = {
    Claim.AnchorState.ORPHANED: "Its text is no longer in the article: re-attach it.",
    Claim.AnchorState.NEEDS_CHECK: "Its text was edited or moved: check it.",
}


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


@dataclasses.dataclass
class Bound:
    """Forms posted back with their errors: a claim card's, a suggestion card's."""

    claims: dict[int, tuple[Any, Any]] = dataclasses.field(default_factory=dict)
    suggestions: dict[int, SuggestionAcceptForm] = dataclasses.field(
        default_factory=dict
    )


def suggestion_form(
    suggestion: Suggestion, agencies: list[tuple[int, str]], data: Any = None
) -> SuggestionAcceptForm:
    """A suggestion card's form, with the agency and speaker detection read."""
    return SuggestionAcceptForm(
        data,
        initial={"agency": suggestion.agency_id, "speaker": suggestion.speaker},
        agencies=agencies,
        auto_id=f"suggestion-{suggestion.pk}-%s",
    )


def suggestion_cards(
    suggestions: Sequence[Suggestion], bound: Bound
) -> list[dict[str, Any]]:
    """Each pending suggestion with its form, as posted back or fresh."""
    agencies = selectors.agency_choices() if suggestions else []
    return [
        {
            "suggestion": suggestion,
            "form": bound.suggestions.get(suggestion.pk)
            or suggestion_form(suggestion, agencies),
        }
        for suggestion in suggestions
    ]


def claim_cards(claims: Sequence[Claim], bound: Bound) -> list[dict[str, Any]]:
    """Each claim's card: why it needs work, its repeats, and its review and
    re-attach forms, as posted back or fresh at the claim's version."""
    candidates, spans = repeats.for_claims(claims)
    cards = []
    for number, claim in enumerate(claims, start=1):
        review_form, reattach_form = bound.claims.get(claim.pk, (None, None))
        cards.append(
            {
                "claim": claim,
                "number": number,
                "why": (
                    "Words changed since its review"
                    if claim.words_changed_at
                    else ANCHOR_WORDS.get(Claim.AnchorState(claim.anchor_state), "")
                ),
                "repeats": candidates.get(claim.pk, []),
                "elsewhere": spans.get(claim.pk, 0),
                "review_form": review_form
                or ReviewForm(
                    initial={
                        "version": claim.version,
                        "note": claim.note,
                        "disputed_by": claim.disputed_by,
                    },
                    auto_id=f"card-{claim.pk}-%s",
                ),
                "reattach_form": reattach_form
                or ReattachForm(
                    initial={"version": claim.version},
                    auto_id=f"reattach-{claim.pk}-%s",
                ),
            }
        )
    return cards
