"""Claims following their article's text: re-anchoring after an edit."""

from datetime import datetime
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone

from articles.models import Article
from articles.signals import Placed
from claims import anchoring, matching, notices
from claims.edits import EditMap
from claims.models import (
    Claim,
    ReviewEvent,
    Suggestion,
)
from claims.services.common import Actor, acting_user, schedule_detection
from newsroom.dependencies import retire

REANCHOR_FIELDS = [
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "version",
    "match_text",
    "words_changed_at",
]


def mark_words_changed(claim: Claim, old_quote: str, at: datetime) -> bool:
    """Mark a reviewed claim whose words are no longer those its verdict
    judged: readers see it under review again until the next review."""
    if (
        claim.status == Claim.Status.UNREVIEWED
        or claim.quote == old_quote
        or claim.anchor_state == Claim.AnchorState.ORPHANED
    ):
        return False
    if claim.words_changed_at is None:
        claim.words_changed_at = at
    return True


@transaction.atomic
def reanchor_claims(
    article: Article, previous_text: str | None = None
) -> list[anchoring.Reanchored]:
    """Re-anchor every claim of an article to its current plain text.

    Called by ``edit_article`` whenever the text changes, with the text before
    the edit. No claim is deleted; one that moved, changed its words or lost
    its place gets a history entry.
    """
    text = article.plain_text
    edits = EditMap(previous_text, text) if previous_text is not None else None
    changed: list[Claim] = []
    reworded: list[Claim] = []
    events: list[ReviewEvent] = []
    results = []
    now = timezone.now()
    for claim in (
        Claim.objects.select_for_update().filter(article=article).order_by("pk")
    ):
        result = anchoring.reanchor(text, claim.selectors, claim.anchor_state, edits)
        results.append(result)
        if result.selectors == claim.selectors and result.state == claim.anchor_state:
            continue
        old_quote, old_state = claim.quote, claim.anchor_state
        old_match_text = claim.match_text
        claim.set_selectors(result.selectors)
        claim.anchor_state = result.state
        if claim.match_text != old_match_text:
            reworded.append(claim)
        note = _describe(result)
        if mark_words_changed(claim, old_quote, now):
            note = f"{note} {UNDER_REVIEW_NOTE}"
        if result.moved:
            claim.version += 1
            events.append(anchor_event(claim, old_state, old_quote, note, at=now))
        changed.append(claim)
        notices.words_changed(claim, old_quote=old_quote, old_state=old_state)
    _write_anchors(changed)
    ReviewEvent.objects.bulk_create(events, batch_size=500)
    # New words may repeat other stories' claims, or no longer repeat them.
    for claim in reworded:
        matching.refresh_candidates(claim)
    retire(*changed)
    return results


def _write_anchors(claims: list[Claim]) -> None:
    """Write re-anchored selectors with one prepared UPDATE for all rows.

    ``bulk_update`` builds a CASE expression per field and row, which cost
    twenty times the matching itself on a thousand claims.
    """
    if not claims:
        return
    connection = connections[router.db_for_write(Claim)]
    quote = connection.ops.quote_name
    by_name = {field.name: field for field in Claim._meta.concrete_fields}
    fields = [by_name[name] for name in [*REANCHOR_FIELDS, "updated_at"]]
    columns = [field.column for field in fields if field.column]
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    # Names are the model's own, quoted; every value is a parameter.
    sql = f"UPDATE {quote(Claim._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
    now = timezone.now()
    for claim in claims:
        claim.updated_at = now
    rows = [
        [
            field.get_db_prep_save(getattr(claim, field.attname), connection)
            for field in fields
        ]
        + [claim.pk]
        for claim in claims
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def anchor_event(  # noqa: PLR0913 - the fields of the history entry it makes
    claim: Claim,
    old_state: str,
    old_quote: str,
    note: str,
    *,
    actor: Actor = None,
    at: Any = None,
) -> ReviewEvent:
    """The (unsaved) history entry for a claim whose anchor just changed."""
    return ReviewEvent(
        claim=claim,
        kind=ReviewEvent.Kind.ANCHOR,
        old_status=claim.status,
        new_status=claim.status,
        old_anchor_state=old_state,
        new_anchor_state=claim.anchor_state,
        old_quote=old_quote,
        new_quote=claim.quote,
        note=note,
        actor=acting_user(actor),
        version=claim.version,
        created_at=at or timezone.now(),
    )


UNDER_REVIEW_NOTE = (
    "Its words changed after it was reviewed: it is under review again, and the "
    "earlier verdict applied to the words before."
)


def _describe(result: anchoring.Reanchored) -> str:
    if result.state == anchoring.ORPHANED:
        return "The quoted text is no longer in the article."
    if result.method == "fuzzy":
        return "The quoted text was edited; the claim follows the closest passage and needs a check."
    if result.method == "move":
        return "The claim's passage moved, unchanged, to another place in the article."
    if result.state == anchoring.NEEDS_CHECK and result.method == "quote":
        return (
            "The claim's own passage was edited, moved or removed; it now points at "
            "the same words elsewhere in the article and needs a check."
        )
    return "The article was edited; the claim was found again at its quoted text."


def follow_text(article: Article, previous_text: str, **kwargs: Any) -> Placed:
    """The article's text changed (``articles.signals.text_changed``): its
    claims are re-anchored, its pending suggestions, which point into the
    old text, dropped and detection run again once the edit is committed.
    Decided suggestions stay as the record."""
    Suggestion.objects.pending().filter(article=article).delete()
    schedule_detection(article.pk)
    before = dict(Claim.objects.filter(article=article).values_list("pk", "start"))
    reanchor_claims(article, previous_text=previous_text)
    placed = Placed()
    for pk, start, state in Claim.objects.filter(article=article).values_list(
        "pk", "start", "anchor_state"
    ):
        if state == Claim.AnchorState.ORPHANED:
            placed.orphaned.append(pk)
        elif state == Claim.AnchorState.NEEDS_CHECK:
            placed.needs_check.append(pk)
        elif before.get(pk) != start:
            placed.moved.append(pk)
    return placed
