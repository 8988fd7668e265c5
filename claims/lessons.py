"""What the desk's decisions on suggestions teach detection.

Every accept and reject is kept as a ``SuggestionDecision`` (with what was
changed: span, agency, speaker); ``desk_lessons`` hands them all to the
detector as plain data (``detection.lessons``).
"""

from typing import Any

from claims.models import Agency, Suggestion, SuggestionDecision
from detection.lessons import Decision, Lessons


def record_decision(  # noqa: PLR0913 - keyword-only, one per value the desk chose
    suggestion: Suggestion,
    *,
    verdict: str,
    actor: Any,
    agency: Agency | None = None,
    speaker: str = "",
    start: int | None = None,
    end: int | None = None,
) -> SuggestionDecision:
    """Keep the desk's answer to ``suggestion`` beside what it proposed."""
    return SuggestionDecision.objects.create(
        suggestion=suggestion,
        article_id=suggestion.article_id,
        verdict=verdict,
        cue=suggestion.cue,
        source=suggestion.source,
        suggested_agency=suggestion.agency,
        agency=agency,
        suggested_speaker=suggestion.speaker,
        speaker=speaker,
        suggested_start=suggestion.start,
        suggested_end=suggestion.end,
        start=start,
        end=end,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def desk_lessons() -> Lessons:
    """Every decision the desk made, as the detector reads them."""
    rows = SuggestionDecision.objects.values_list(
        "verdict", "cue", "source", "suggested_agency__slug", "agency__slug"
    ).order_by("decided_at", "pk")
    return Lessons.learn(
        Decision(verdict, cue, source, suggested, chosen)
        for verdict, cue, source, suggested, chosen in rows
    )
