"""State changes of claims: create, review, re-anchor, re-attach.

Each is one function and one transaction; the admin, the API and management
commands call these and only translate their errors.
"""

from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router, transaction
from django.utils import timezone

from articles.models import Article
from claims import anchoring
from claims.models import Agency, Claim, ReviewEvent
from newsroom.validators import validate_text

Actor = AbstractUser | AnonymousUser | None


class StaleReview(Exception):
    """The claim changed since the caller read it; nothing was written."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        who = claim.reviewed_by.get_username() if claim.reviewed_by else "someone else"
        super().__init__(
            f"This claim was changed by {who} since you opened it (now version "
            f"{claim.version}, status {claim.get_status_display().lower()}). "
            "Nothing was saved; reload it and review again."
        )


def _require(actor: Actor, permission: str) -> None:
    # None is the system itself (demo loading, data migrations).
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to do this ({permission}).")


def _user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def create_claim(
    article: Article,
    *,
    quote: str,
    agency: Agency,
    speaker: str = "",
    start: int | None = None,
    occurrence: int | None = None,
    internal_note: str = "",
    actor: Actor = None,
) -> Claim:
    """Create a claim from its quote, placed in the article's plain text.

    A quote missing from the text, or occurring more than once without a
    position or occurrence, is refused with a ValidationError on ``quote``.
    """
    _require(actor, "claims.add_claim")
    try:
        selectors = anchoring.locate(
            article.plain_text, quote, start=start, occurrence=occurrence
        )
    except anchoring.QuoteError as error:
        raise ValidationError({"quote": str(error)}) from error
    claim = Claim(
        article=article,
        agency=agency,
        speaker=speaker.strip(),
        internal_note=internal_note,
        created_by=_user(actor),
    )
    claim.set_selectors(selectors)
    claim.full_clean(exclude=["article", "agency", "created_by"])
    claim.save()
    return claim


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
    unchanged = (
        status == claim.status
        and (
            status not in Claim.NOTE_REQUIRED
            or (note, disputed_by) == (claim.note, claim.disputed_by)
        )
        and claim.anchor_state != Claim.AnchorState.NEEDS_CHECK
    )
    if unchanged:
        raise ValidationError(
            {"status": f"The claim is already {claim.get_status_display().lower()}."}
        )


@transaction.atomic
def review_claim(
    claim_id: int,
    *,
    status: str,
    note: str = "",
    actor: Actor,
    expected_version: int,
    disputed_by: str = "",
    internal_note: str | None = None,
) -> Claim:
    """Set a claim's review status, log the change, and bump its version.

    Refuses (writing nothing) a stale ``expected_version`` with StaleReview, a
    missing note or an impossible transition with ValidationError, and an
    actor without the review permission with PermissionDenied. A review also
    clears a ``needs_check`` flag: the editor has looked at the passage.
    """
    _require(actor, "claims.review_claim")
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("reviewed_by")
        .get(pk=claim_id)
    )
    if claim.version != expected_version:
        raise StaleReview(claim)
    note, disputed_by = note.strip(), disputed_by.strip()
    if status == Claim.Status.UNREVIEWED:
        note, disputed_by = "", ""
    elif status != Claim.Status.DISPUTED:
        disputed_by = ""
    for field, value in (
        ("note", note),
        ("disputed_by", disputed_by),
        ("internal_note", internal_note or ""),
    ):
        try:
            validate_text(value)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error
    _check_transition(claim, status, note, disputed_by)
    old_status, old_anchor = claim.status, claim.anchor_state
    claim.status, claim.note, claim.disputed_by = status, note, disputed_by
    if internal_note is not None:
        claim.internal_note = internal_note
    if claim.anchor_state == Claim.AnchorState.NEEDS_CHECK:
        claim.anchor_state = Claim.AnchorState.ANCHORED
    claim.reviewed_by = _user(actor)
    claim.reviewed_at = timezone.now()
    claim.version += 1
    claim.save()
    ReviewEvent.objects.create(
        claim=claim,
        kind=ReviewEvent.Kind.REVIEW,
        old_status=old_status,
        new_status=status,
        old_anchor_state=old_anchor,
        new_anchor_state=claim.anchor_state,
        note=note,
        disputed_by=disputed_by,
        actor=claim.reviewed_by,
        version=claim.version,
        created_at=claim.reviewed_at,
    )
    return claim


REANCHOR_FIELDS = [
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "version",
]


@transaction.atomic
def reanchor_claims(
    article: Article, previous_text: str | None = None
) -> list[anchoring.Reanchored]:
    """Re-anchor every claim of an article to its current plain text.

    Called by ``Article.save`` whenever the text changes, with the text before
    the edit. No claim is deleted; one that moved, changed its words or lost
    its place gets a history entry.
    """
    text = article.plain_text
    edits = (
        anchoring.EditMap(previous_text, text) if previous_text is not None else None
    )
    changed: list[Claim] = []
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
        claim.set_selectors(result.selectors)
        claim.anchor_state = result.state
        if result.moved:
            claim.version += 1
            events.append(
                _anchor_event(claim, old_state, old_quote, _describe(result), at=now)
            )
        changed.append(claim)
    _write_anchors(changed)
    ReviewEvent.objects.bulk_create(events, batch_size=500)
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
    sql = f"UPDATE {quote(Claim._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
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


def _anchor_event(
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
        actor=_user(actor),
        version=claim.version,
        created_at=at or timezone.now(),
    )


def _describe(result: anchoring.Reanchored) -> str:
    if result.state == anchoring.ORPHANED:
        return "The quoted text is no longer in the article."
    if result.method == "fuzzy":
        return "The quoted text was edited; the claim follows the closest passage and needs a check."
    if result.state == anchoring.NEEDS_CHECK and result.method == "quote":
        return (
            "The claim's own passage was edited, moved or removed; it now points at "
            "the same words elsewhere in the article and needs a check."
        )
    return "The article was edited; the claim was found again at its quoted text."


@transaction.atomic
def reattach_claim(
    claim_id: int,
    *,
    quote: str,
    actor: Actor,
    expected_version: int,
    start: int | None = None,
    occurrence: int | None = None,
) -> Claim:
    """Point a claim at a passage of the current text and mark it anchored.

    How an editor re-attaches an orphaned claim or confirms a moved one.
    """
    _require(actor, "claims.change_claim")
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("article", "reviewed_by")
        .get(pk=claim_id)
    )
    if claim.version != expected_version:
        raise StaleReview(claim)
    try:
        selectors = anchoring.locate(
            claim.article.plain_text, quote, start=start, occurrence=occurrence
        )
    except anchoring.QuoteError as error:
        raise ValidationError({"quote": str(error)}) from error
    old_quote, old_state = claim.quote, claim.anchor_state
    claim.set_selectors(selectors)
    claim.anchor_state = Claim.AnchorState.ANCHORED
    claim.version += 1
    claim.save()
    _anchor_event(
        claim, old_state, old_quote, "Re-attached by an editor.", actor=actor
    ).save()
    return claim
