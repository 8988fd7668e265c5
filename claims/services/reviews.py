"""Reviewing a claim: the verdict, its note, and the group it is shared with."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from claims import notices
from claims.group_review import apply_review, review_members
from claims.models import (
    VERIFIED_NOTE_LENGTH,
    Claim,
)
from claims.services.common import (
    Actor,
    StaleReview,
    acting_user,
    lock_group_of,
    locked,
    require,
)
from newsroom.validators import validate_text
from newsroom.writes import service


def _check_transition(claim: Claim, status: str, note: str, disputed_by: str) -> None:
    errors: dict[str, str] = {}
    if status not in Claim.Status.values:
        raise ValidationError(
            {
                "status": f"Unknown status “{status}”; use one of {', '.join(Claim.Status.values)}."
            }
        )
    if status in Claim.NOTE_REQUIRED and not note:
        errors["note"] = (
            "A note for readers is required to mark a claim disputed or contextualized."
        )
    if status == Claim.Status.DISPUTED and not disputed_by:
        errors["disputed_by"] = "Say who disputes the claim."
    if status == Claim.Status.VERIFIED and len(note) > VERIFIED_NOTE_LENGTH:
        errors["note"] = (
            f"Keep a verified claim's note to {VERIFIED_NOTE_LENGTH} characters "
            f"(it has {len(note)}): say in a sentence what was checked."
        )
    if errors:
        raise ValidationError(errors)
    if (
        status != Claim.Status.UNREVIEWED
        and claim.anchor_state == Claim.AnchorState.ORPHANED
    ):
        raise ValidationError(
            {
                "status": "This claim's text is no longer in the article; re-attach it before reviewing."
            }
        )
    # Verifying again without a note (a bulk action) keeps the note there is;
    # a new note for a verified claim is a change of its own.
    same_note = (note, disputed_by) == (claim.note, claim.disputed_by) or (
        status == Claim.Status.VERIFIED and not note
    )
    unchanged = (
        status == claim.status
        and same_note
        and claim.anchor_state != Claim.AnchorState.NEEDS_CHECK
        and claim.words_changed_at is None
    )
    if unchanged:
        raise ValidationError(
            {"status": f"The claim is already {claim.get_status_display().lower()}."}
        )


def _what_stands(
    claim: Claim, status: str, note: str, disputed_by: str, internal_note: str | None
) -> tuple[str, str]:
    """The note and who disputes, as the new status keeps them (none when
    unreviewed, no disputer unless disputed; re-verifying keeps what was
    checked), each refused if it is not clean text."""
    note, disputed_by = note.strip(), disputed_by.strip()
    if status == Claim.Status.UNREVIEWED:
        note, disputed_by = "", ""
    elif status != Claim.Status.DISPUTED:
        disputed_by = ""
    if status == claim.status == Claim.Status.VERIFIED and not note:
        note = claim.note
    for field, value in (
        ("note", note),
        ("disputed_by", disputed_by),
        ("internal_note", internal_note or ""),
    ):
        try:
            validate_text(value)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error
    return note, disputed_by


@service
def review_claim(  # noqa: PLR0913 - keyword-only, one per field the service sets
    claim_id: int,
    *,
    status: str,
    note: str = "",
    actor: Actor,
    expected_version: int,
    disputed_by: str = "",
    internal_note: str | None = None,
    at: datetime | None = None,
) -> Claim:
    """Set a claim's review status, log the change, and bump its version.

    A verified claim may carry a short note saying what was checked. ``at``
    dates a review imported from the past.

    Refuses (writing nothing) a stale ``expected_version`` with StaleReview, a
    missing note or an impossible transition with ValidationError, and an
    actor without the review permission with PermissionDenied. A review also
    clears a ``needs_check`` flag: the editor has looked at the passage.
    """
    require(actor, "claims.review_claim")
    # A grouped claim's review is its group's: the group is locked first, so
    # two editors reviewing two members take their turns.
    lock_group_of(claim_id)
    claim = locked(Claim, claim_id, "reviewed_by")
    if claim.version != expected_version:
        raise StaleReview(claim)
    note, disputed_by = _what_stands(claim, status, note, disputed_by, internal_note)
    _check_transition(claim, status, note, disputed_by)
    old_status, old_reviewer_id = claim.status, claim.reviewed_by_id
    if internal_note is not None:
        claim.internal_note = internal_note
    apply_review(
        claim,
        status=status,
        note=note,
        disputed_by=disputed_by,
        reviewer=acting_user(actor),
        at=at or timezone.now(),
    )
    notices.reviewed(
        claim, old_status=old_status, old_reviewer_id=old_reviewer_id, actor=actor
    )
    if claim.group_id is not None:
        review_members(claim, old_status=old_status, actor=actor)
    return claim
