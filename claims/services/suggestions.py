"""Suggested claims: detection run on a story, and the desk accepting or rejecting what it found."""

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

import detection
from articles.models import Article
from articles.services import (
    create_article,
)
from claims import anchoring
from claims.labels import country_name
from claims.lessons import desk_lessons, record_decision
from claims.models import (
    Agency,
    Claim,
    Person,
    Suggestion,
)
from claims.services.agencies import create_agency
from claims.services.claims import create_claim
from claims.services.common import (
    Actor,
    acting_user,
    locked,
    logger,
    require,
    schedule_detection,
)
from newsroom.writes import service


@service
def write_article(*, slug: str, actor: Actor, **fields: Any) -> Article:
    """Create a draft article (``articles.services.create_article``) and
    queue detection of its attributed passages once it commits."""
    article = create_article(slug=slug, actor=actor, **fields)
    schedule_detection(article.pk)
    return article


def agency_refs(agencies: Iterable[Agency]) -> list[detection.AgencyRef]:
    """The detector's view of agencies: slug, name, aliases, kind and the
    country's name (which of two ministries sharing an alias a story means)."""
    return [
        detection.AgencyRef(
            a.slug, a.name, tuple(a.aliases or ()), a.kind, country_name(a.country)
        )
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


def _suggestion(
    article: Article,
    item: detection.Detection,
    agency: Agency | None,
    people: list[Person],
) -> Suggestion:
    """One passage detection found, anchored as a claim would be."""
    selectors = anchoring.selectors_at(article.plain_text, item.start, item.end)
    return Suggestion(
        article=article,
        start=selectors.start,
        end=selectors.end,
        exact=selectors.exact,
        prefix=selectors.prefix,
        suffix=selectors.suffix,
        normalized=normalized_quote(item.quote),
        agency=agency,
        agency_name=(agency.name if agency else item.agency_name)[:300],
        speaker=item.speaker[:300],
        person=person_for(item.speaker, agency, people) if item.speaker else None,
        cue=item.cue[:100],
        source=item.source[:300],
        confidence=max(0.0, min(1.0, item.confidence)),
        is_direct_quote=item.is_direct_quote,
    )


@service
def detect_suggestions(article_id: int, *, actor: Actor = None) -> list[Suggestion]:
    """Run detection on an article and replace its pending suggestions.

    Passages already claimed (overlapping a claim in the text) and passages
    a reporter rejected (the same words, however the text moved since) are
    not suggested. Returns the new pending suggestions.
    """
    require(actor, "claims.change_suggestion")
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
    decided = set(
        article.suggestions.exclude(state=Suggestion.State.PENDING).values_list(
            "normalized", flat=True
        )
    )
    Suggestion.objects.pending().filter(article=article).delete()
    made = [
        _suggestion(article, item, by_slug.get(item.agency or ""), people)
        for item in found
        if normalized_quote(item.quote) not in decided
        and not _overlaps(item.start, item.end, claimed)
    ]
    return Suggestion.objects.bulk_create(made)


def normalized_quote(quote: str) -> str:
    """A quote as rejections remember it: quotes, dashes, spacing and case folded."""
    return " ".join(anchoring.normalize(quote).split()).casefold()


def _locked_pending(suggestion_id: int) -> Suggestion:
    suggestion = locked(Suggestion, suggestion_id, "article", "agency", "person")
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


def _accepted_agency(
    suggestion: Suggestion,
    agency: Agency | None,
    new_agency_name: str | None,
    actor: Actor,
) -> Agency:
    """The agency an accepted suggestion is attributed to: the one chosen, a
    new one named (unlabelled until an editor labels it), or the suggested one."""
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
    return agency


def _accepted_span(
    suggestion: Suggestion, text: str, start: int | None, end: int | None
) -> tuple[int, int]:
    """The passage accepted: the suggested one, or one moved within the text;
    the suggested one only while the text still reads as it did."""
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
    return start, end


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
    require(actor, "claims.change_suggestion")
    require(actor, "claims.add_claim")
    suggestion = _locked_pending(suggestion_id)
    article = suggestion.article
    text = article.plain_text
    agency = _accepted_agency(suggestion, agency, new_agency_name, actor)
    start, end = _accepted_span(suggestion, text, start, end)
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
    suggestion.decided_by = acting_user(actor)
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["state", "claim", "decided_by", "decided_at"])
    logger.info(
        "Suggestion %s accepted as claim %s by %s", suggestion.pk, claim.pk, actor
    )
    return claim


@service
def reject_suggestion(suggestion_id: int, *, actor: Actor) -> Suggestion:
    """Reject a pending suggestion: its words are not suggested for the article again."""
    require(actor, "claims.change_suggestion")
    suggestion = _locked_pending(suggestion_id)
    record_decision(suggestion, verdict=Suggestion.State.REJECTED, actor=actor)
    suggestion.state = Suggestion.State.REJECTED
    suggestion.decided_by = acting_user(actor)
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
    require(actor, "claims.change_suggestion")
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
