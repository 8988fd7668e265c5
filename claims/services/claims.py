"""A claim's life: made, re-attached to other words, re-attributed, withdrawn."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from claims import matching, notices
from claims.models import (
    Agency,
    Claim,
    Person,
    ReviewEvent,
)
from claims.services.anchors import UNDER_REVIEW_NOTE, anchor_event, mark_words_changed
from claims.services.common import (
    UNCHANGED,
    Actor,
    Unchanged,
    acting_user,
    locked,
    locked_claim,
    place_quote,
    require,
)
from detection import speech
from newsroom.dependencies import affected, retire
from newsroom.validators import checked_text, validate_text
from newsroom.writes import service


@service
def create_claim(  # noqa: PLR0913 - keyword-only, one per field the service sets
    article: Article,
    *,
    quote: str,
    agency: Agency,
    speaker: str = "",
    person: Person | None = None,
    start: int | None = None,
    occurrence: int | None = None,
    internal_note: str = "",
    actor: Actor = None,
    attribution_kind: str | None = None,
    reporting_verb: str | None = None,
    at: datetime | None = None,
) -> Claim:
    """Create a claim from its quote, placed in the article's plain text.

    A quote missing from the text, or occurring more than once without a
    position or occurrence, is refused with a ValidationError on ``quote``.
    A ``person`` names the known speaker; without a typed ``speaker`` the
    claim takes the person's name.
    Unless given, ``attribution_kind`` is read from the text (a passage
    enclosed in quotation marks is a direct quote, anything else reported
    speech) and so is ``reporting_verb`` ("reported", "said"). ``at`` dates
    a claim imported from the past.
    """
    require(actor, "claims.add_claim")
    if person is not None and not speaker.strip():
        speaker = person.name
    selectors = place_quote(
        article.plain_text, quote, start=start, occurrence=occurrence
    )
    text = article.plain_text
    if attribution_kind is None:
        attribution_kind = (
            Claim.AttributionKind.DIRECT
            if speech.is_direct_quote(text, selectors.start, selectors.end)
            else Claim.AttributionKind.REPORTED
        )
    if reporting_verb is None:
        reporting_verb = speech.reporting_verb(text, selectors.start, selectors.end)
    claim = Claim(
        article=article,
        agency=agency,
        speaker=speaker.strip(),
        person=person,
        attribution_kind=attribution_kind,
        reporting_verb=reporting_verb.strip(),
        internal_note=internal_note,
        created_by=acting_user(actor),
        created_at=at or timezone.now(),
    )
    claim.set_selectors(selectors)
    claim.full_clean(exclude=["article", "agency", "created_by"])
    claim.save()
    retire(claim)
    # Repeats of the claim in other stories, proposed for an editor to decide.
    matching.record_candidates(claim)
    return claim


@service
def reattach_claim(  # noqa: PLR0913 - keyword-only, one per field the service sets
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
    require(actor, "claims.change_claim")
    claim = locked_claim(claim_id, expected_version)
    selectors = place_quote(
        claim.article.plain_text, quote, start=start, occurrence=occurrence
    )
    old_quote, old_state = claim.quote, claim.anchor_state
    old_match_text = claim.match_text
    claim.set_selectors(selectors)
    claim.anchor_state = Claim.AnchorState.ANCHORED
    claim.version += 1
    note = "Re-attached by an editor."
    if mark_words_changed(claim, old_quote, timezone.now()):
        note = f"{note} {UNDER_REVIEW_NOTE}"
    claim.save()
    anchor_event(claim, old_state, old_quote, note, actor=actor).save()
    retire(claim)
    if claim.match_text != old_match_text:
        matching.refresh_candidates(claim)
    # Other words under a verdict are news to its reviewer and to other
    # systems, whether an edit or an editor moved the claim there.
    notices.words_changed(claim, old_quote=old_quote, old_state=old_state)
    return claim


@service
def change_attribution(  # noqa: PLR0913 - keyword-only, one per field the service sets
    claim_id: int,
    *,
    agency: Agency | None = None,
    speaker: str | None = None,
    person: "Person | Unchanged | None" = UNCHANGED,
    expected_version: int | None,
    actor: Actor,
    internal_note: str | None = None,
    attribution_kind: str | None = None,
    reporting_verb: str | None = None,
) -> Claim:
    """Attribute a claim to another agency, speaker or person, or say whether
    it is a direct quote or reported speech and how it is introduced; log old
    and new, bump the version.

    ``None`` leaves agency and speaker as they are; ``person`` is left as it
    is unless given (a Person, or None to clear it). Changing the agency,
    speaker or person needs the version the caller read, and a stale one is
    refused with StaleReview; a change of the internal note alone needs none
    and is saved without a new version, since readers never see it; no
    change writes nothing.
    """
    require(actor, "claims.change_claim")
    attributing = person is not UNCHANGED or any(
        value is not None
        for value in (agency, speaker, attribution_kind, reporting_verb)
    )
    claim = _locked_for_attribution(claim_id, expected_version, attributing)
    # The pages it is on now: a new agency or speaker takes it off them.
    leaving = affected([claim])
    if person is UNCHANGED:
        person = claim.person
    old = _attribution_of(claim)
    new = {
        "agency": agency.slug if agency is not None else claim.agency.slug,
        "speaker": (speaker if speaker is not None else claim.speaker).strip(),
        "person": person.slug if person is not None else "",
        "attribution_kind": attribution_kind or claim.attribution_kind,
        "reporting_verb": (
            reporting_verb if reporting_verb is not None else claim.reporting_verb
        ).strip(),
    }
    _check_attribution(new)
    fields = ["updated_at"]
    if internal_note is not None and internal_note != claim.internal_note:
        claim.internal_note = checked_text(internal_note, "internal_note")
        fields.append("internal_note")
    if new != old:
        claim.agency = agency if agency is not None else claim.agency
        claim.person = person
        fields += _attribute(claim, old, new, actor)
    if len(fields) > 1:
        claim.save(update_fields=fields)
        retire(claim, also=leaving)
    if (new["agency"], new["person"]) != (old["agency"], old["person"]):
        # Another source: other claims may repeat it, and the old ones no more.
        matching.refresh_candidates(claim)
    return claim


def _locked_for_attribution(
    claim_id: int, expected_version: int | None, attributing: bool
) -> Claim:
    """The claim, locked; a change of who said it or how needs the version
    the caller read (an internal note alone does not)."""
    if expected_version is not None:
        return locked_claim(claim_id, expected_version)
    if attributing:
        raise ValidationError(
            {
                "version": "Send the claim's version to change its agency, "
                "speaker or how it is quoted."
            }
        )
    return locked(Claim, claim_id, "agency", "article", "reviewed_by", "person")


def _attribution_of(claim: Claim) -> dict[str, str]:
    return {
        "agency": claim.agency.slug,
        "speaker": claim.speaker,
        "person": claim.person.slug if claim.person is not None else "",
        "attribution_kind": claim.attribution_kind,
        "reporting_verb": claim.reporting_verb,
    }


def _attribute(
    claim: Claim, old: dict[str, str], new: dict[str, str], actor: Actor
) -> list[str]:
    """Set the new speaker and wording (agency and person are set by the
    caller), bump the version and log old and new; the fields to save."""
    claim.speaker = new["speaker"]
    claim.attribution_kind = new["attribution_kind"]
    claim.reporting_verb = new["reporting_verb"]
    claim.version += 1
    ReviewEvent.objects.create(
        claim=claim,
        kind=ReviewEvent.Kind.ATTRIBUTION,
        old_status=claim.status,
        new_status=claim.status,
        old_anchor_state=claim.anchor_state,
        new_anchor_state=claim.anchor_state,
        old_values={k: v for k, v in old.items() if new[k] != v},
        new_values={k: v for k, v in new.items() if old[k] != v},
        actor=acting_user(actor),
        version=claim.version,
    )
    return [
        "agency",
        "speaker",
        "person",
        "attribution_kind",
        "reporting_verb",
        "version",
    ]


def _check_attribution(new: dict[str, str]) -> None:
    """Refuse a speaker or reporting verb too long to store, or an unknown kind."""
    for field, limit in (("speaker", 300), ("reporting_verb", 40)):
        try:
            validate_text(new[field])
            if len(new[field]) > limit:
                raise ValidationError(f"Keep it to {limit} characters.")
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error
    if new["attribution_kind"] not in Claim.AttributionKind.values:
        raise ValidationError(
            {
                "attribution_kind": f"Unknown attribution “{new['attribution_kind']}”; "
                f"use one of {', '.join(Claim.AttributionKind.values)}."
            }
        )


@service
def withdraw_claim(
    claim_id: int, *, note: str, expected_version: int, actor: Actor
) -> Claim:
    """Withdraw a claim: it leaves every public page and export, its history stays.

    A claim is never deleted once it has a history; withdrawing is how it goes.
    """
    require(actor, "claims.review_claim")
    note = checked_text(note, "note", missing="Say why the claim is withdrawn.")
    claim = locked_claim(claim_id, expected_version)
    if claim.withdrawn_at is not None:
        raise ValidationError({"status": "The claim is already withdrawn."})
    claim.withdrawn_at = timezone.now()
    claim.version += 1
    claim.save(update_fields=["withdrawn_at", "version", "updated_at"])
    retire(claim)
    ReviewEvent.objects.create(
        claim=claim,
        kind=ReviewEvent.Kind.WITHDRAWAL,
        old_status=claim.status,
        new_status=claim.status,
        old_anchor_state=claim.anchor_state,
        new_anchor_state=claim.anchor_state,
        note=note,
        actor=acting_user(actor),
        version=claim.version,
        created_at=claim.withdrawn_at,
    )
    return claim
