"""What readers see of a claim: status words and icons, attribution, inline marks.

Every string an editor typed (quote, speaker, note, agency name) is escaped
here with ``format_html``; the icons are fixed SVG written in this module.
"""

from collections.abc import Iterable

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.rendering import Mark, render_with_claims
from claims.models import MEDIA_KINDS, Claim, Person

# Readers' words for each status, shown beside its icon.
STATUS_WORDS: dict[str, str] = {
    Claim.Status.UNREVIEWED: "Not reviewed",
    Claim.Status.VERIFIED: "Verified",
    Claim.Status.DISPUTED: "Disputed",
    Claim.Status.CONTEXTUALIZED: "Context added",
}

# One shape per status, so status never rests on colour alone.
_ICON_PATHS: dict[str, str] = {
    # a tick in a circle
    Claim.Status.VERIFIED: (
        '<circle cx="8" cy="8" r="7"/><path d="M4.5 8.5l2.3 2.3 4.7-5" class="stroke"/>'
    ),
    # an exclamation mark in a triangle
    Claim.Status.DISPUTED: (
        '<path d="M8 1.2 15.2 14.5H.8z"/>'
        '<path d="M8 5.5v4.5M8 11.6v1.2" class="stroke"/>'
    ),
    # an "i" in a circle
    Claim.Status.CONTEXTUALIZED: (
        '<circle cx="8" cy="8" r="7"/><path d="M8 7v5M8 4.2v1.3" class="stroke"/>'
    ),
    # an empty circle
    Claim.Status.UNREVIEWED: '<circle cx="8" cy="8" r="6" class="hollow"/>',
}


def status_word(status: str) -> str:
    """The status as readers read it: "Disputed", "Context added", "Verified"."""
    return STATUS_WORDS.get(status, status)


def status_icon(status: str) -> SafeString:
    """A small decorative SVG icon for a status (hidden from assistive technology)."""
    paths = _ICON_PATHS.get(status, _ICON_PATHS[Claim.Status.UNREVIEWED])
    return format_html(
        '<svg class="icon icon-{}" viewBox="0 0 16 16" width="16" height="16" '
        'aria-hidden="true" focusable="false">{}</svg>',
        status,
        mark_safe(paths),  # fixed markup from this module
    )


def status_badge(status: str) -> SafeString:
    """The status as an icon followed by its word."""
    return format_html(
        '<span class="status status-{}">{}<span class="status-word">{}</span></span>',
        status,
        status_icon(status),
        status_word(status),
    )


def _lower_article(name: str) -> str:
    # "A source in the Russian parliament" reads "quoting a source in …".
    first, _, rest = name.partition(" ")
    if first in {"A", "An", "The"} and rest:
        return f"{first.lower()} {rest}"
    return name


def person_phrase(person: Person) -> str:
    """A known person as readers meet them: "Kremlin spokesman Dmitry Peskov"."""
    return f"{person.role} {person.name}".strip()


def speaker_phrase(claim: Claim) -> str:
    """The claim's speaker for readers: a known person with their role, else
    the speaker as typed."""
    if claim.person_id is not None and claim.person is not None:
        return person_phrase(claim.person)
    return claim.speaker


def attribution(claim: Claim) -> str:
    """Who the claim is attributed to, as a phrase for readers.

    "According to Interfax"; "TASS, quoting a source in the Russian
    parliament"; "Kremlin spokesman Dmitry Peskov (The Kremlin)".
    """
    agency = claim.agency
    speaker = speaker_phrase(claim)
    if not speaker:
        return f"According to {_lower_article(agency.name)}"
    if agency.kind in MEDIA_KINDS:
        return f"{agency.name}, quoting {_lower_article(speaker)}"
    return f"{speaker} ({agency.name})"


def is_labelled(claim: Claim) -> bool:
    """Whether readers see a label and a note for the claim: reviewed and in the text."""
    return (
        claim.status != Claim.Status.UNREVIEWED
        and claim.anchor_state != Claim.AnchorState.ORPHANED
    )


def _label_link(claim: Claim) -> SafeString:
    return format_html(
        '<a class="claim-label claim-label-{status}" id="label-{pk}" '
        'href="#note-{pk}" data-claim="{pk}" aria-describedby="claim-{pk}">'
        '{icon}<span class="claim-label-word">{word}</span>'
        '<span class="visually-hidden"> claim: read the note</span></a>',
        status=claim.status,
        pk=claim.pk,
        icon=status_icon(claim.status),
        word=status_word(claim.status),
    )


def marked_body(body: str, claims: Iterable[Claim]) -> SafeString:
    """The article body with every anchored claim marked and reviewed ones labelled.

    Marks carry ``data-claim`` and ``data-status``; a reviewed claim is
    followed by a link to its note, which makes it reachable by keyboard.
    Orphaned claims are not marked: their text is no longer there.
    """
    by_pk = {claim.pk: claim for claim in claims}

    def after(mark: Mark) -> str:
        claim = by_pk[int(mark.attrs["data-claim"])]
        return _label_link(claim) if is_labelled(claim) else ""

    # The body is sanitized and mark attributes escaped by the renderer.
    return mark_safe(render_with_claims(body, by_pk.values(), after=after))
