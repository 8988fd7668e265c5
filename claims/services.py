"""State changes of claims: create, review, re-anchor, re-attach, change
attribution, withdraw; editing an article (which re-anchors its claims and
schedules detection); changing an agency's label; and the suggestions
detection makes: detect, accept, reject.

Each is one function and one transaction; the admin, the API and management
commands call these and only translate their errors.
"""

import enum
import logging
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Final

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, router, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

import detection
from articles.models import Article
from articles.services import (
    create_article,
)
from articles.signals import Placed
from claims import anchoring, matching, notices
from claims.edits import EditMap
from claims.group_review import apply_review, review_members
from claims.lessons import desk_lessons, record_decision
from claims.models import (
    VERIFIED_NOTE_LENGTH,
    Agency,
    AgencyLabelChange,
    Claim,
    ClaimGroup,
    Person,
    ReviewEvent,
    Suggestion,
)
from detection import speech
from newsroom.dependencies import affected, retire
from newsroom.validators import validate_text
from newsroom.writes import StaleVersion, service

Actor = AbstractUser | AnonymousUser | None

logger = logging.getLogger(__name__)

DETECTION_TASK = "claims.tasks.detect_article"


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


# The default of an optional argument whose None means "clear it".
UNCHANGED: Final = _Unchanged.UNCHANGED


class StaleReview(StaleVersion):
    """The claim changed since the caller read it; nothing was written."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        super().__init__(
            claim,
            f"This claim was changed by {last_changed_by(claim)} since you opened "
            f"it (its status is now {claim.get_status_display().lower()}). "
            "Nothing was saved; reload it and review again.",
        )


def last_changed_by(claim: Claim) -> str:
    """Who, or which edit, made the claim's latest change, for a stale-page message."""
    event = claim.events.select_related("actor").order_by("-version", "-pk").first()
    if event is None:
        return "someone else"
    if event.actor is not None:
        what = event.get_kind_display().lower()
        return f"{event.actor.get_username()} ({what})"
    if event.kind == ReviewEvent.Kind.ANCHOR:
        return "an edit of the article, which moved its passage"
    return f"the system ({event.get_kind_display().lower()})"


# What each permission a service checks lets a user do, in the words a
# refusal gives them.
PERMISSION_WORDS = {
    "articles.change_article": "edit articles",
    "claims.add_agency": "add agencies",
    "claims.add_claim": "add claims",
    "claims.change_agency": "change agencies",
    "claims.change_claim": "change claims",
    "claims.change_suggestion": "accept or reject suggested claims",
    "claims.review_claim": "review claims",
}


def _require(actor: Actor, permission: str) -> None:
    # None is the system itself (demo loading, data migrations).
    if actor is not None and not actor.has_perm(permission):
        doing = PERMISSION_WORDS.get(permission, "do this")
        raise PermissionDenied(f"You do not have permission to {doing}.")


def _user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def place_quote(
    text: str, quote: str, *, start: int | None = None, occurrence: int | None = None
) -> anchoring.Selectors:
    """Where a quote stands in a text, or a ValidationError on ``quote`` saying why not.

    The placement ``create_claim`` and ``reattach_claim`` make; a form asks
    it first so a refusal shows beside the field.
    """
    try:
        return anchoring.locate(text, quote, start=start, occurrence=occurrence)
    except anchoring.QuoteError as error:
        raise ValidationError({"quote": str(error)}) from error


def check_version(claim_id: int, expected_version: int) -> Claim:
    """Lock a claim until the transaction ends; StaleReview if it changed since read."""
    return _locked_claim(claim_id, expected_version)


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
    _require(actor, "claims.add_claim")
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
        created_by=_user(actor),
        created_at=at or timezone.now(),
    )
    claim.set_selectors(selectors)
    claim.full_clean(exclude=["article", "agency", "created_by"])
    claim.save()
    retire(claim)
    # Repeats of the claim in other stories, proposed for an editor to decide.
    matching.record_candidates(claim)
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
    _require(actor, "claims.review_claim")
    # A grouped claim's review is its group's: the group is locked first, so
    # two editors reviewing two members take their turns.
    _lock_group_of(claim_id)
    claim = _locked(Claim, claim_id, "reviewed_by")
    if claim.version != expected_version:
        raise StaleReview(claim)
    note, disputed_by = note.strip(), disputed_by.strip()
    if status == Claim.Status.UNREVIEWED:
        note, disputed_by = "", ""
    elif status != Claim.Status.DISPUTED:
        disputed_by = ""
    if status == claim.status == Claim.Status.VERIFIED and not note:
        note = claim.note  # re-verifying keeps what was checked
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
    old_status, old_reviewer_id = claim.status, claim.reviewed_by_id
    if internal_note is not None:
        claim.internal_note = internal_note
    apply_review(
        claim,
        status=status,
        note=note,
        disputed_by=disputed_by,
        reviewer=_user(actor),
        at=at or timezone.now(),
    )
    notices.reviewed(
        claim, old_status=old_status, old_reviewer_id=old_reviewer_id, actor=actor
    )
    if claim.group_id is not None:
        review_members(claim, old_status=old_status, actor=actor)
    return claim


def _lock_group_of(claim_id: int) -> int | None:
    """Lock the group of a claim, if it has one; its id."""
    group_id: int | None = (
        Claim.objects.filter(pk=claim_id).values_list("group_id", flat=True).first()
    )
    if group_id is not None:
        list(ClaimGroup.objects.select_for_update().filter(pk=group_id))
    return group_id


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


def _words_changed(claim: Claim, old_quote: str, at: datetime) -> bool:
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
        if _words_changed(claim, old_quote, now):
            note = f"{note} {UNDER_REVIEW_NOTE}"
        if result.moved:
            claim.version += 1
            events.append(_anchor_event(claim, old_state, old_quote, note, at=now))
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


def _anchor_event(  # noqa: PLR0913 - the fields of the history entry it makes
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
    _require(actor, "claims.change_claim")
    claim = _locked_claim(claim_id, expected_version)
    selectors = place_quote(
        claim.article.plain_text, quote, start=start, occurrence=occurrence
    )
    old_quote, old_state = claim.quote, claim.anchor_state
    old_match_text = claim.match_text
    claim.set_selectors(selectors)
    claim.anchor_state = Claim.AnchorState.ANCHORED
    claim.version += 1
    note = "Re-attached by an editor."
    if _words_changed(claim, old_quote, timezone.now()):
        note = f"{note} {UNDER_REVIEW_NOTE}"
    claim.save()
    _anchor_event(claim, old_state, old_quote, note, actor=actor).save()
    retire(claim)
    if claim.match_text != old_match_text:
        matching.refresh_candidates(claim)
    # Other words under a verdict are news to its reviewer and to other
    # systems, whether an edit or an editor moved the claim there.
    notices.words_changed(claim, old_quote=old_quote, old_state=old_state)
    return claim


def _locked[M: models.Model](model: type[M], pk: int, *related: str) -> M:
    """Lock a row until the transaction ends, then read it with its related rows.

    Locking and joining in one statement loses the row when a concurrent
    writer changed one of its foreign keys: PostgreSQL re-checks the updated
    row against the joined rows it read before waiting, finds the old agency,
    and returns nothing. Locked first, the row is read whole and current.
    """
    model._default_manager.select_for_update().filter(pk=pk).values_list(
        "pk", flat=True
    ).get()
    return model._default_manager.select_related(*related).get(pk=pk)


def _locked_claim(claim_id: int, expected_version: int) -> Claim:
    claim = _locked(Claim, claim_id, "agency", "article", "reviewed_by", "person")
    if claim.version != expected_version:
        raise StaleReview(claim)
    return claim


@service
def change_attribution(  # noqa: PLR0913 - keyword-only, one per field the service sets
    claim_id: int,
    *,
    agency: Agency | None = None,
    speaker: str | None = None,
    person: "Person | _Unchanged | None" = UNCHANGED,
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
    _require(actor, "claims.change_claim")
    if expected_version is None:
        if (
            agency is not None
            or speaker is not None
            or person is not UNCHANGED
            or attribution_kind is not None
            or reporting_verb is not None
        ):
            raise ValidationError(
                {
                    "version": "Send the claim's version to change its agency, "
                    "speaker or how it is quoted."
                }
            )
        claim = _locked(Claim, claim_id, "agency", "article", "reviewed_by", "person")
    else:
        claim = _locked_claim(claim_id, expected_version)
    # The pages it is on now: a new agency or speaker takes it off them.
    leaving = affected([claim])
    old_person = claim.person.slug if claim.person is not None else ""
    if person is UNCHANGED:
        person = claim.person
    old = {
        "agency": claim.agency.slug,
        "speaker": claim.speaker,
        "person": old_person,
        "attribution_kind": claim.attribution_kind,
        "reporting_verb": claim.reporting_verb,
    }
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
        try:
            validate_text(internal_note)
        except ValidationError as error:
            raise ValidationError({"internal_note": error.messages}) from error
        claim.internal_note = internal_note
        fields.append("internal_note")
    if new != old:
        if agency is not None:
            claim.agency = agency
        claim.speaker = new["speaker"]
        claim.person = person
        claim.attribution_kind = new["attribution_kind"]
        claim.reporting_verb = new["reporting_verb"]
        claim.version += 1
        fields += [
            "agency",
            "speaker",
            "person",
            "attribution_kind",
            "reporting_verb",
            "version",
        ]
        ReviewEvent.objects.create(
            claim=claim,
            kind=ReviewEvent.Kind.ATTRIBUTION,
            old_status=claim.status,
            new_status=claim.status,
            old_anchor_state=claim.anchor_state,
            new_anchor_state=claim.anchor_state,
            old_values={k: v for k, v in old.items() if new[k] != v},
            new_values={k: v for k, v in new.items() if old[k] != v},
            actor=_user(actor),
            version=claim.version,
        )
    if len(fields) > 1:
        claim.save(update_fields=fields)
        retire(claim, also=leaving)
    if (new["agency"], new["person"]) != (old["agency"], old["person"]):
        # Another source: other claims may repeat it, and the old ones no more.
        matching.refresh_candidates(claim)
    return claim


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
    _require(actor, "claims.review_claim")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say why the claim is withdrawn."})
    try:
        validate_text(note)
    except ValidationError as error:
        raise ValidationError({"note": error.messages}) from error
    claim = _locked_claim(claim_id, expected_version)
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
        actor=_user(actor),
        version=claim.version,
        created_at=claim.withdrawn_at,
    )
    return claim


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


LABEL_FIELDS = (
    "state_affiliation",
    "affiliation_label",
    "affiliation_source",
    "affiliation_date",
)


def _record_label(agency: Agency, actor: Actor) -> AgencyLabelChange:
    return AgencyLabelChange.objects.create(
        agency=agency,
        state_affiliation=agency.state_affiliation,
        affiliation_label=agency.affiliation_label,
        affiliation_source=agency.affiliation_source,
        affiliation_date=agency.affiliation_date,
        actor=_user(actor),
    )


def _check_label_sourced(actor: Actor, fields: dict[str, Any]) -> None:
    """A label a person gives an agency names its source and date.

    Readers are told who calls an agency state-controlled, and since when; the
    system itself (demo loading, imports) may carry labels without them.
    """
    if actor is None:
        return
    labelled = fields.get("state_affiliation", Agency.Affiliation.UNKNOWN) != (
        Agency.Affiliation.UNKNOWN
    ) or bool(fields.get("affiliation_label"))
    if not labelled:
        return
    errors = {}
    if not (fields.get("affiliation_source") or "").strip():
        errors["affiliation_source"] = "Say where the label comes from."
    if not fields.get("affiliation_date"):
        errors["affiliation_date"] = "Give the date the label holds from."
    if errors:
        raise ValidationError(errors)


@service
def create_agency(*, actor: Actor, **fields: Any) -> Agency:
    """Create an agency; its first label, if it has one, starts its label history.

    Reporters may add agencies but not label them: an agency created with a
    label by an actor who may not change agencies is refused (PermissionDenied),
    so its affiliation stays unknown until an editor labels it.
    """
    _require(actor, "claims.add_agency")
    labelled = fields.get("state_affiliation", Agency.Affiliation.UNKNOWN) != (
        Agency.Affiliation.UNKNOWN
    ) or any(fields.get(name) for name in LABEL_FIELDS[1:])
    if labelled:
        if actor is not None and not actor.has_perm("claims.change_agency"):
            given = [
                name
                for name in LABEL_FIELDS
                if fields.get(name) not in (None, "", Agency.Affiliation.UNKNOWN)
            ]
            raise PermissionDenied(
                "Only editors label agencies: send the agency without "
                f"{', '.join(given)}. Its affiliation stays unknown until an "
                "editor labels it."
            )
        _check_label_sourced(actor, fields)
    agency = Agency(**fields)
    agency.full_clean()
    agency.save()
    retire(agency)
    if agency.state_affiliation != Agency.Affiliation.UNKNOWN or (
        agency.affiliation_label
    ):
        _record_label(agency, actor)
    return agency


@service
def change_agency_label(  # noqa: PLR0913 - keyword-only, one per field the service sets
    agency_id: int,
    *,
    actor: Actor,
    state_affiliation: str,
    affiliation_label: str = "",
    affiliation_source: str = "",
    affiliation_date: date | None = None,
) -> Agency:
    """Change the state-affiliation label readers see, keeping the old one in history."""
    _require(actor, "claims.change_agency")
    agency = Agency.objects.select_for_update().get(pk=agency_id)
    new = {
        "state_affiliation": state_affiliation,
        "affiliation_label": (affiliation_label or "").strip(),
        "affiliation_source": (affiliation_source or "").strip(),
        "affiliation_date": affiliation_date,
    }
    if all(getattr(agency, name) == value for name, value in new.items()):
        return agency
    _check_label_sourced(actor, new)
    for name, value in new.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save(update_fields=list(LABEL_FIELDS))
    retire(agency, _record_label(agency, actor))
    return agency


@service
def change_agency(agency_id: int, *, actor: Actor, **fields: Any) -> Agency:
    """Change an agency's details; a change of its label goes through
    ``change_agency_label`` so the old one stays in its history."""
    _require(actor, "claims.change_agency")
    agency = Agency.objects.select_for_update().get(pk=agency_id)
    label = {name: fields.pop(name) for name in LABEL_FIELDS if name in fields}
    if fields:
        # A new slug leaves the pages at the old one.
        leaving = affected([agency])
        for name, value in fields.items():
            setattr(agency, name, value)
        agency.full_clean()
        agency.save(update_fields=list(fields))
        retire(agency, also=leaving)
    if label:
        current = {name: getattr(agency, name) for name in LABEL_FIELDS}
        agency = change_agency_label(agency.pk, actor=actor, **{**current, **label})
    return agency


# --- suggestions ----------------------------------------------------------


def schedule_detection(article_id: int) -> None:
    """Run detection on the article in the background once the current
    transaction commits; a failure to enqueue is logged, never raised, so
    it cannot undo the change that asked for it."""

    def enqueue() -> None:
        try:
            # Looked up by path: the task calls this module's services, and
            # the two modules must not import each other.
            task: Task[[int], int] = import_string(DETECTION_TASK)
            task.enqueue(article_id)
        except Exception:
            logger.exception("Could not enqueue detection for article %s", article_id)

    transaction.on_commit(enqueue)


@service
def write_article(*, slug: str, actor: Actor, **fields: Any) -> Article:
    """Create a draft article (``articles.services.create_article``) and
    queue detection of its attributed passages once it commits."""
    article = create_article(slug=slug, actor=actor, **fields)
    schedule_detection(article.pk)
    return article


def agency_refs(agencies: Iterable[Agency]) -> list[detection.AgencyRef]:
    """The detector's view of agencies: slug, name, aliases, kind."""
    return [
        detection.AgencyRef(a.slug, a.name, tuple(a.aliases or ()), a.kind)
        for a in agencies
    ]


def person_refs(people: Iterable[Person]) -> list[detection.PersonRef]:
    """The detector's view of people, each with the slug of their agency."""
    return [
        detection.PersonRef(p.name, tuple(p.aliases or ()), p.role, p.agency.slug)
        for p in people
    ]


def _words_in(label: str, text: str) -> bool:
    return bool(label) and bool(
        re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text, flags=re.IGNORECASE)
    )


def person_for(
    speaker: str, agency: Agency | None, people: Iterable[Person]
) -> Person | None:
    """The known person a speaker phrase names: by name or alias, else by
    surname when the person speaks for the same agency."""
    people = list(people)
    for person in people:
        if any(_words_in(label, speaker) for label in (person.name, *person.aliases)):
            return person
    for person in people:
        surname = person.name.split()[-1] if person.name.split() else ""
        if _words_in(surname, speaker) and (
            agency is None or person.agency_id == agency.pk
        ):
            return person
    return None


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


@service
def detect_suggestions(article_id: int, *, actor: Actor = None) -> list[Suggestion]:
    """Run detection on an article and replace its pending suggestions.

    Passages already claimed (overlapping a claim in the text) and passages
    a reporter rejected (the same words, however the text moved since) are
    not suggested. Returns the new pending suggestions.
    """
    _require(actor, "claims.change_suggestion")
    article = Article.objects.get(pk=article_id)
    text = article.plain_text
    agencies = list(Agency.objects.all())
    people = list(Person.objects.select_related("agency"))
    # Parse before taking the article's lock: an edit meanwhile is not held up.
    found = detection.detect(
        text, agency_refs(agencies), person_refs(people), lessons=desk_lessons()
    )
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.plain_text != text:
        # Edited while detecting; that edit queued a detection of its own.
        return []
    by_slug = {agency.slug: agency for agency in agencies}
    claimed = [
        (start, end)
        for start, end in Claim.objects.filter(
            article=article, withdrawn_at__isnull=True
        )
        .exclude(anchor_state=Claim.AnchorState.ORPHANED)
        .values_list("start", "end")
    ]
    decided = article.suggestions.exclude(state=Suggestion.State.PENDING)
    rejected = set(
        decided.filter(state=Suggestion.State.REJECTED).values_list(
            "normalized", flat=True
        )
    )
    accepted = set(
        decided.filter(state=Suggestion.State.ACCEPTED).values_list(
            "normalized", flat=True
        )
    )
    Suggestion.objects.pending().filter(article=article).delete()
    made = []
    for item in found:
        normalized = normalized_quote(item.quote)
        if normalized in rejected or normalized in accepted:
            continue
        if _overlaps(item.start, item.end, claimed):
            continue
        agency = by_slug.get(item.agency or "")
        selectors = anchoring.selectors_at(text, item.start, item.end)
        made.append(
            Suggestion(
                article=article,
                start=selectors.start,
                end=selectors.end,
                exact=selectors.exact,
                prefix=selectors.prefix,
                suffix=selectors.suffix,
                normalized=normalized,
                agency=agency,
                agency_name=(agency.name if agency else item.agency_name)[:300],
                speaker=item.speaker[:300],
                person=person_for(item.speaker, agency, people)
                if item.speaker
                else None,
                cue=item.cue[:100],
                source=item.source[:300],
                confidence=max(0.0, min(1.0, item.confidence)),
                is_direct_quote=item.is_direct_quote,
            )
        )
    return Suggestion.objects.bulk_create(made)


def normalized_quote(quote: str) -> str:
    """A quote as rejections remember it: quotes, dashes, spacing and case folded."""
    return " ".join(anchoring.normalize(quote).split()).casefold()


def _locked_pending(suggestion_id: int) -> Suggestion:
    suggestion = _locked(Suggestion, suggestion_id, "article", "agency", "person")
    if suggestion.state != Suggestion.State.PENDING:
        raise ValidationError(
            {
                "state": f"This suggestion was already {suggestion.get_state_display().lower()}."
            }
        )
    return suggestion


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "agency"
    slug, number = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@service
def accept_suggestion(  # noqa: PLR0913 - keyword-only, one per field the service sets
    suggestion_id: int,
    *,
    actor: Actor,
    agency: Agency | None = None,
    speaker: str | None = None,
    start: int | None = None,
    end: int | None = None,
    new_agency_name: str | None = None,
) -> Claim:
    """Make a pending suggestion a claim, through ``create_claim``.

    The agency and speaker may be changed first and the span moved
    (``start``/``end`` in the article's plain text). ``new_agency_name``
    creates an agency of that name, its state affiliation ``unknown`` until an
    editor labels it; a suggestion with no known agency needs one of the two.
    """
    _require(actor, "claims.change_suggestion")
    _require(actor, "claims.add_claim")
    suggestion = _locked_pending(suggestion_id)
    article = suggestion.article
    text = article.plain_text
    if new_agency_name is not None and new_agency_name.strip():
        if agency is not None:
            raise ValidationError(
                {"new_agency_name": "Choose an agency or name a new one, not both."}
            )
        name = new_agency_name.strip()
        agency = Agency.objects.filter(name__iexact=name).first() or create_agency(
            actor=actor,
            name=name,
            slug=_unique_slug(name),
            state_affiliation=Agency.Affiliation.UNKNOWN,
        )
    agency = agency or suggestion.agency
    if agency is None:
        raise ValidationError(
            {
                "agency": f"“{suggestion.agency_name or 'The source'}” is not an agency "
                "the newsroom knows: choose one, or create it with a new agency name."
            }
        )
    start = suggestion.start if start is None else start
    end = suggestion.end if end is None else end
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            {
                "end": f"The passage must lie within the text (0-{len(text)}), start before end."
            }
        )
    if (start, end) == (suggestion.start, suggestion.end) and text[
        start:end
    ] != suggestion.exact:
        raise ValidationError(
            {
                "state": "The article changed since this suggestion was made; run detection again."
            }
        )
    speaker = suggestion.speaker if speaker is None else speaker.strip()
    person = suggestion.person
    if person is None or speaker != suggestion.speaker:
        person = person_for(speaker, agency, Person.objects.all()) if speaker else None
    quote = text[start:end]
    claim = create_claim(
        article,
        quote=quote,
        agency=agency,
        speaker=speaker,
        person=person,
        start=start,
        actor=actor,
    )
    record_decision(
        suggestion,
        verdict=Suggestion.State.ACCEPTED,
        actor=actor,
        agency=agency,
        speaker=speaker,
        start=start,
        end=end,
    )
    suggestion.state = Suggestion.State.ACCEPTED
    suggestion.claim = claim
    suggestion.decided_by = _user(actor)
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["state", "claim", "decided_by", "decided_at"])
    logger.info(
        "Suggestion %s accepted as claim %s by %s", suggestion.pk, claim.pk, actor
    )
    return claim


@service
def reject_suggestion(suggestion_id: int, *, actor: Actor) -> Suggestion:
    """Reject a pending suggestion: its words are not suggested for the article again."""
    _require(actor, "claims.change_suggestion")
    suggestion = _locked_pending(suggestion_id)
    record_decision(suggestion, verdict=Suggestion.State.REJECTED, actor=actor)
    suggestion.state = Suggestion.State.REJECTED
    suggestion.decided_by = _user(actor)
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    logger.info("Suggestion %s rejected by %s", suggestion.pk, actor)
    return suggestion


@service
def accept_confident(
    article_id: int, *, actor: Actor, threshold: float = 0.85
) -> list[Claim]:
    """Accept every pending suggestion of the article at or above ``threshold``
    confidence whose agency the newsroom knows; the rest stay pending."""
    _require(actor, "claims.change_suggestion")
    if not 0 <= threshold <= 1:
        raise ValidationError({"threshold": "Give a confidence between 0 and 1."})
    ids = list(
        Suggestion.objects.pending()
        .filter(article_id=article_id, confidence__gte=threshold, agency__isnull=False)
        .order_by("start", "pk")
        .values_list("pk", flat=True)
    )
    claims = []
    taken: list[tuple[int, int]] = []
    for pk in ids:
        suggestion = Suggestion.objects.get(pk=pk)
        # Two suggestions over the same words make one claim, not two.
        if _overlaps(suggestion.start, suggestion.end, taken):
            continue
        claims.append(accept_suggestion(pk, actor=actor))
        taken.append((suggestion.start, suggestion.end))
    return claims
