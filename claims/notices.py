"""What the claim services tell people and other systems: one call each."""

from typing import Any

from articles import notices as article_notices
from articles.models import ArticleRevision
from articles.notices import article_data, people_of
from claims.models import Claim
from notifications.models import Event, Kind
from notifications.services import (
    EDITOR_PERMISSION,
    Actor,
    Notice,
    holders_of,
    notify,
)

LABEL = "claims.claim"
TOLD_TO_REPORTERS = (Claim.Status.DISPUTED, Claim.Status.CONTEXTUALIZED)


def claim_data(claim: Claim, **extra: Any) -> dict[str, Any]:
    """A claim as a webhook's ``data`` tells of it, with its article."""
    return {
        **article_data(claim.article),
        "claim": {
            "id": claim.pk,
            "quote": claim.quote,
            "status": claim.status,
            "note": claim.note,
            "disputed_by": claim.disputed_by,
            "agency": claim.agency.name if claim.agency_id else None,
            "speaker": claim.speaker,
            "anchor_state": claim.anchor_state,
            "version": claim.version,
        },
        **extra,
    }


def _short(quote: str) -> str:
    return quote if len(quote) <= 80 else f"{quote[:79]}…"  # noqa: PLR2004


def reviewed(
    claim: Claim, *, old_status: str, old_reviewer_id: int | None, actor: Actor
) -> None:
    """A claim was reviewed: its story's reporters hear of a dispute or a
    context note, the editor whose review it replaced hears it changed."""
    said = f"“{_short(claim.quote)}”"
    status = claim.get_status_display()
    told: list[Notice] = []
    if claim.status in TOLD_TO_REPORTERS:
        told.append(
            Notice(
                Kind.CLAIM_REVIEWED,
                people_of(claim.article),
                f"A claim on your story: {status}. {said}",
                claim.note,
            )
        )
    if old_status != Claim.Status.UNREVIEWED and old_reviewer_id is not None:
        told.append(
            Notice(
                Kind.REVIEW_CHANGED,
                [old_reviewer_id],
                f"Your review was changed to {status}: {said}",
                claim.note,
            )
        )
    notify(
        Event.CLAIM_REVIEWED,
        target=(LABEL, claim.pk),
        actor=actor,
        notices=told,
        data=lambda: claim_data(claim, old_status=old_status),
    )


def words_changed(claim: Claim, *, old_quote: str, old_state: str) -> None:
    """A reviewed claim's words changed, or its passage needs a check: the
    editor who reviewed it (or, with none, the editors) is told, and
    subscribed systems."""
    if claim.status == Claim.Status.UNREVIEWED:
        return
    if claim.quote == old_quote and not (
        old_state == Claim.AnchorState.ANCHORED
        and claim.anchor_state != Claim.AnchorState.ANCHORED
    ):
        return
    readers = (
        [claim.reviewed_by_id]
        if claim.reviewed_by_id
        else holders_of(EDITOR_PERMISSION)
    )
    notify(
        Event.CLAIM_TEXT_CHANGED,
        target=(LABEL, claim.pk),
        actor=None,
        notices=[
            Notice(
                Kind.WORDS_CHANGED,
                readers,
                f"The words of a reviewed claim ({claim.get_status_display()}) "
                f"changed: “{_short(claim.quote)}”",
                f"Before: “{old_quote}”" if old_quote != claim.quote else "",
            )
        ],
        data=lambda: claim_data(claim, old_quote=old_quote, old_anchor_state=old_state),
    )


def repeat_reviewed(entry: ArticleRevision, claim: Claim, *, actor: Actor) -> None:
    """A group's changed verdict reached a published story (through ``claim``,
    its member of the group) as a dated entry: its reporters are told, in the
    claim's words, and subscribed systems hear of the correction."""
    article = entry.article
    notify(
        Event.ARTICLE_CORRECTED,
        target=(article_notices.LABEL, article.pk),
        actor=actor,
        notices=[
            Notice(
                Kind.CLAIM_REVIEWED,
                people_of(article),
                f"A claim your story shares with other stories was reviewed "
                f"({claim.get_status_display()}): “{_short(claim.quote)}”",
                entry.change_note,
            )
        ],
        data=lambda: article_data(
            article,
            change={
                "kind": entry.change_kind,
                "note": entry.change_note,
                "revision": entry.number,
            },
        ),
    )
