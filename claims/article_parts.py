"""The parts of an article's reader page made per claim, kept by what they show.

A claim's note, its ClaimReview node and the label after its mark are kept
(``newsroom.caching.kept``) with the claim's own values, the article's, and
the version of ``attributions``, which every change to an agency or a person
replaces: the page rebuilt after a review renders that claim's parts and
reuses every other. The marked body is kept with the body and its claims'
places (``claims.marking``): a review fills in statuses and labels.

The claims are read as rows of a few plain values, not models (at a thousand
claims building the models cost more than the rest of the page); only the
claims whose parts must be rendered are read in full.
"""

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from articles.models import Article
from claims import marking, structured_data
from claims.labels import (
    agency_label,
    claim_sentence,
    quoted,
    status_badge,
    status_word,
)
from claims.marking import Skeleton
from claims.models import Claim, ReviewEvent
from newsroom.caching import ATTRIBUTIONS, kept, version
from newsroom.site import site_name

# What the page needs of each claim to mark it, and to know whether its kept
# parts still stand: every service that changes a claim bumps its version or
# its update time (re-anchoring writes the time; a new agency or person is a
# new version, so neither is read here). The time is read as the
# database's text: it is compared, never shown, and parsing a thousand of
# them cost more than the query.
CLAIM_FIELDS = (
    "id",
    "start",
    "end",
    "anchor_state",
    "status",
    "version",
)
# What the review log shows of each event.
LOG_FIELDS = (
    "id",
    "created_at",
    "kind",
    "old_status",
    "new_status",
    "claim_id",
    "claim__quote",
)
_PK, _START, _END, _ANCHOR, _STATUS = range(5)

Row = tuple[Any, ...]


class _Marked(NamedTuple):
    """What marking needs of a claim (``articles.rendering.MarkableClaim``)."""

    pk: Any
    start: int
    end: int
    status: str
    anchor_state: str


@dataclass(frozen=True)
class Parts:
    """What the article page shows of its claims, ready to insert.

    The notes and ClaimReview nodes are kept as the UTF-8 the page is sent
    in: a thousand of them are joined as bytes on each request rather than
    encoded again (encoding a page of curly quotes cost more than making it).
    """

    body: SafeString
    notes: list[bytes]
    reviews: list[bytes]

    def notes_html(self) -> SafeString:
        # Each note was made by note_item, which escapes what it shows.
        return SafeString(b"".join(self.notes).decode())


@functools.lru_cache(maxsize=64)
def digest(text: str) -> str:
    """A short digest of an article's text, for keys: the kept article's text
    comes back as the same string, whose hash Python keeps."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def claim_rows(article: Article) -> list[Row]:
    """The article's claims readers see, in text order, as rows of
    ``CLAIM_FIELDS`` and the time each was last changed."""
    return list(
        Claim.objects.filter(article=article, withdrawn_at__isnull=True)
        .order_by("start", "pk")
        .annotate(updated=Cast("updated_at", CharField()))
        .values_list(*CLAIM_FIELDS, "updated")
    )


def _labelled(row: Row) -> bool:
    status: str = row[_STATUS]
    anchor: str = row[_ANCHOR]
    return status != Claim.Status.UNREVIEWED and anchor != Claim.AnchorState.ORPHANED


def note_item(claim: Claim) -> SafeString:
    """A reviewed claim's note, as an item of the page's list of notes.

    Built here rather than by a template: a story's first page renders
    hundreds, and the template engine cost more than the rest of the page.
    """
    agency = claim.agency
    return format_html(
        '<li class="note note-{status}" id="note-{pk}" data-claim="{pk}" '
        'tabindex="-1">\n'
        '        <p class="note-status">{badge}</p>\n'
        '        <p class="note-claim">{sentence}</p>\n'
        '        <p class="attribution">{agency}: '
        '<span class="affiliation">{label}</span></p>\n'
        "        {note}\n"
        "        {disputed_by}\n"
        '        <p class="note-links">\n'
        '          <a href="#label-{pk}">Back to the text</a>\n'
        '          <a href="{url}">Permalink and history</a>\n'
        '          <a href="{agency_url}">All claims attributed to {in_text}</a>\n'
        "        </p>\n"
        "      </li>\n",
        status=claim.status,
        pk=claim.pk,
        badge=status_badge(claim.status),
        sentence=claim_sentence(claim),
        agency=agency.name,
        label=agency_label(agency),
        note=(
            format_html('<p class="note-text">{}</p>', claim.note) if claim.note else ""
        ),
        disputed_by=(
            format_html('<p class="disputed-by">Disputed by {}.</p>', claim.disputed_by)
            if claim.disputed_by
            else ""
        ),
        url=claim.get_absolute_url(),
        agency_url=agency.get_absolute_url(),
        in_text=agency.in_text,
    )


def _claim_parts(
    rows: Sequence[Row], article: Article, absolute: Callable[[str], str]
) -> dict[Any, tuple[bytes, bytes]]:
    """Each reviewed claim's note and ClaimReview JSON, by primary key."""
    noted = [row for row in rows if _labelled(row)]
    if not noted:
        return {}
    # Agencies and people are read only for the claims to render: what the
    # kept parts show of them is checked against one version, which any
    # change to an agency or a person replaces.
    attributions = version(ATTRIBUTIONS)
    # One string for what every claim's parts share: a thousand keys hash it
    # once, not its eight parts each.
    page = repr(
        (
            article.pk,
            article.slug,
            article.headline,
            digest(article.plain_text),
            absolute("/"),
            site_name(),
            translation.get_language(),
            attributions,
        )
    )
    materials = {row[_PK]: (page, row) for row in noted}

    def produce(pks: list[Any]) -> dict[Any, tuple[bytes, bytes]]:
        # One query for the claims to render, whatever their number. A claim
        # changed since its row was read renders as it now stands, kept with
        # its earlier values: no later read has them, as versions and update
        # times only grow.
        made: dict[Any, tuple[bytes, bytes]] = {}
        # Unordered: the default order joins the article, and costs more than
        # the rest of the query.
        claims = Claim.objects.filter(pk__in=pks).select_related(
            "agency", "person__agency"
        )
        for claim in claims.order_by():
            claim.article = article
            made[claim.pk] = (
                note_item(claim).encode(),
                structured_data.node_json(
                    structured_data.claim_review(claim, absolute)
                ).encode(),
            )
        return made

    return kept("claim-parts", materials, produce)


def _marked_body(article: Article, rows: Sequence[Row]) -> SafeString:
    """The body with every anchored claim marked and reviewed ones labelled
    (``claims.marking``): its skeleton kept while the body and its claims'
    places stay the same, filled with their statuses on each build."""
    claims = [
        _Marked(row[_PK], row[_START], row[_END], row[_STATUS], row[_ANCHOR])
        for row in rows
    ]
    where = marking.places(claims)

    def produce(pks: list[Any]) -> dict[Any, Skeleton]:
        return dict.fromkeys(pks, marking.skeleton(article.body, where))

    material = (digest(article.body), where)
    pieces = kept("marked-skeleton", {article.pk: material}, produce)[article.pk]
    return marking.fill(pieces, claims)


def _log_entry(event: dict[str, Any]) -> SafeString:
    """One event of the review log, as an item of its list (built here for the
    reason ``note_item`` is)."""
    created = timezone.localtime(event["created_at"])
    if event["kind"] == ReviewEvent.Kind.ANCHOR:
        change = "moved in the text"
    else:
        change = (
            f"{status_word(event['old_status'])} \u2192 "
            f"{status_word(event['new_status'])}"
        )
    return format_html(
        "<li>\n"
        '        <time datetime="{}">{}</time>\n'
        '        <a href="{}">{}</a>:\n'
        "        {}\n"
        "      </li>\n",
        formats.date_format(created, "Y-m-d\\TH:i:sO"),
        formats.date_format(created, "j M Y, H:i"),
        reverse("claims:detail", kwargs={"pk": event["claim_id"]}),
        quoted(Truncator(event["claim__quote"]).chars(70)),
        change,
    )


def review_log(article: Article, length: int) -> SafeString:
    """The article's last ``length`` review events, as its page lists them."""
    rows = list(
        ReviewEvent.objects.filter(
            claim__article=article, claim__withdrawn_at__isnull=True
        )
        .order_by("-created_at", "-pk")
        .values_list(*LOG_FIELDS)[:length]
    )
    # Each entry is made by format_html, which escapes what it shows.
    return SafeString(
        "".join(_log_entry(dict(zip(LOG_FIELDS, row, strict=True))) for row in rows)
    )


def article_parts(
    article: Article, rows: Sequence[Row], absolute: Callable[[str], str]
) -> Parts:
    """The marked body, the notes and the ClaimReview nodes of an article's claims."""
    made = _claim_parts(rows, article, absolute)
    # In text order, as the rows are.
    parts = [made[row[_PK]] for row in rows if row[_PK] in made]
    return Parts(
        body=_marked_body(article, rows),
        notes=[note for note, _ in parts],
        reviews=[review for _, review in parts],
    )
