"""The parts of an article's reader page made per claim, kept by what they show.

A claim's note, ClaimReview node and label are kept (``newsroom.parts``)
with the claim's own values, the article's, and the version any change to
an agency or a person replaces: the page rebuilt after a change renders the
parts of the claims it touched and reuses every other. The marked body is
kept with its claims' places and statuses, beside a skeleton kept with the
places alone, which a review fills (``claims.marking``); the review log's
entries in each process. Claims are read as rows of plain values, not
models (at a thousand the models cost more than the rest of the page); only
those whose parts must be rendered are read in full.
"""

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.safestring import SafeString

from articles.models import Article
from claims import appearances, marking
from claims.labels import (
    label_link,
)
from claims.models import UNDER_REVIEW, Agency, Claim, Person
from newsroom.caching import ATTRIBUTIONS, generations
from newsroom.parts import is_bypassed, kept, remembered
from newsroom.site import site_name
from newsroom.statements import Statement
from reader import structured_data
from reader.notes import note_item

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
    "group_id",
    "words_changed_at",
)
# Where each of CLAIM_FIELDS sits in a row.
_PK = CLAIM_FIELDS.index("id")
_START = CLAIM_FIELDS.index("start")
_END = CLAIM_FIELDS.index("end")
_ANCHOR = CLAIM_FIELDS.index("anchor_state")
_STATUS = CLAIM_FIELDS.index("status")
_VERSION = CLAIM_FIELDS.index("version")
_GROUP = CLAIM_FIELDS.index("group_id")
_WORDS_CHANGED = CLAIM_FIELDS.index("words_changed_at")


Row = tuple[Any, ...]


def _reader_status(row: Row) -> str:
    """The status readers see (``Claim.reader_status``) from a row."""
    return UNDER_REVIEW if row[_WORDS_CHANGED] is not None else str(row[_STATUS])


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


_CLAIM_ROWS = Statement(
    Claim,
    lambda article_id: (
        Claim.objects.filter(article_id=article_id, withdrawn_at__isnull=True)
        .order_by("start", "pk")
        .annotate(updated=Cast("updated_at", CharField()))
        .values_list(*CLAIM_FIELDS, "updated")
    ),
)


def claim_rows(article: Article) -> list[Row]:
    """The article's claims readers see, in text order, as rows of
    ``CLAIM_FIELDS`` and the time each was last changed."""
    return _CLAIM_ROWS.rows(article.pk)


# Read once: an enum member looked up per row costs more than the row.
_UNREVIEWED = str(Claim.Status.UNREVIEWED)
_ORPHANED = str(Claim.AnchorState.ORPHANED)


def _labelled(row: Row) -> bool:
    return bool(row[_STATUS] != _UNREVIEWED and row[_ANCHOR] != _ORPHANED)


def _attributions(
    claims: Sequence[Claim], token: str
) -> tuple[dict[Any, Agency], dict[Any, Person]]:
    """The agencies and people of ``claims``, kept until any agency or person
    changes (``token``): a review reads neither again."""
    wanted = {
        ("agency", claim.agency_id): ("agency", claim.agency_id, token)
        for claim in claims
    }
    wanted.update(
        (("person", claim.person_id), ("person", claim.person_id, token))
        for claim in claims
        if claim.person_id is not None
    )

    def produce(items: list[tuple[str, Any]]) -> dict[tuple[str, Any], Agency | Person]:
        made: dict[tuple[str, Any], Agency | Person] = {}
        agency_ids = [pk for kind, pk in items if kind == "agency"]
        person_ids = [pk for kind, pk in items if kind == "person"]
        if agency_ids:
            made.update(
                (("agency", agency.pk), agency)
                for agency in Agency.objects.filter(pk__in=agency_ids).order_by()
            )
        if person_ids:
            made.update(
                (("person", person.pk), person)
                for person in Person.objects.filter(pk__in=person_ids)
                .select_related("agency")
                .order_by()
            )
        return made

    found = kept("attribution", wanted, produce)
    agencies = {
        pk: value for (_, pk), value in found.items() if isinstance(value, Agency)
    }
    persons = {
        pk: value for (_, pk), value in found.items() if isinstance(value, Person)
    }
    return agencies, persons


def _claim_parts(
    rows: Sequence[Row], article: Article, absolute: Callable[[str], str]
) -> dict[Any, tuple[bytes, bytes, str]]:
    """Each reviewed claim's note, ClaimReview JSON and label, by primary key."""
    noted = [row for row in rows if _labelled(row)]
    if not noted:
        return {}
    # Agencies and people are read only for the claims to render: what the
    # kept parts show of them is checked against one version, which any
    # change to an agency or a person replaces.
    (attributions,) = generations([ATTRIBUTIONS])
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
    # Where else each grouped claim appears: one query, whatever the groups' size.
    groups = appearances.by_group(row[_GROUP] for row in noted)
    made, fresh = _unchanged_parts(article.pk, page, groups, noted)
    made.update(_rendered(fresh, article, absolute, (page, groups, attributions)))
    if not is_bypassed():
        with _last_lock:
            _last_parts[article.pk] = (page, groups, frozenset(noted), made)
            _last_parts.move_to_end(article.pk)
            while len(_last_parts) > _LAST_PARTS:
                _last_parts.popitem(last=False)
    return made


# Each article's claims' parts as this process last made them, with what
# they were made of: after a review, only the rows that changed are looked
# up and rendered (rows compared as sets: a thousand cost little). Worth
# little beside the parts this process holds (``bench/layers.py``: without
# it the page after a review took 1.02-1.22x as long, CPU 0.90-1.07x), much
# without them (2.7x at 1,000 claims with neither, 1.3x with them alone).
_LAST_PARTS = 64
_last_parts: OrderedDict[Any, tuple[str, Any, frozenset[Row], dict[Any, Any]]] = (
    OrderedDict()
)
_last_lock = threading.Lock()


def _forget() -> None:
    with _last_lock:
        _last_parts.clear()


remembered(_forget)


def _unchanged_parts(
    pk: Any, page: str, groups: Any, noted: Sequence[Row]
) -> tuple[dict[Any, tuple[bytes, bytes, str]], list[Row]]:
    """The parts last made of rows as they stand, and the rows left to make."""
    with _last_lock:
        last = None if is_bypassed() else _last_parts.get(pk)
    if last is None or last[0] != page or last[1] != groups:
        return {}, list(noted)
    rows = set(noted)
    made = dict(last[3])
    for row in last[2] - rows:
        made.pop(row[_PK], None)
    changed = rows - last[2]
    return made, [row for row in noted if row in changed]


def _rendered(
    noted: Sequence[Row],
    article: Article,
    absolute: Callable[[str], str],
    shared: tuple[str, Any, str],
) -> dict[Any, tuple[bytes, bytes, str]]:
    """The parts of ``noted`` rows, kept by what they are made of; ``shared``
    is what every claim's parts share, the groups, and the attributions' version."""
    if not noted:
        return {}
    page, groups, attributions = shared
    elsewhere = {
        row[_PK]: appearances.elsewhere(row[_PK], article.pk, row[_GROUP], groups)
        for row in noted
    }
    materials = {row[_PK]: (page, row, elsewhere[row[_PK]]) for row in noted}

    def produce(pks: list[Any]) -> dict[Any, tuple[bytes, bytes, str]]:
        # One query for the claims to render, whatever their number. A claim
        # changed since its row was read renders as it now stands, kept under
        # its earlier version: a key no later read names, as versions and
        # update times only grow.
        made: dict[Any, tuple[bytes, bytes, str]] = {}
        # Unordered: the default order joins the article, and costs more than
        # the rest of the query.
        claims = list(Claim.objects.filter(pk__in=pks).order_by())
        agencies, persons = _attributions(claims, attributions)
        for claim in claims:
            # Read by the model as usual should one have gone meanwhile.
            if claim.agency_id in agencies:
                claim.agency = agencies[claim.agency_id]
            if claim.person_id in persons:
                claim.person = persons[claim.person_id]
            claim.article = article
            claim.appearances = elsewhere.get(claim.pk, ())  # type: ignore[attr-defined]
            # A verdict whose words changed has no ClaimReview until reviewed.
            review = (
                structured_data.node_json(
                    structured_data.claim_review(claim, absolute)
                ).encode()
                if structured_data.reviewed([claim])
                else b""
            )
            made[claim.pk] = (note_item(claim).encode(), review, str(label_link(claim)))
        return made

    return kept("claim-parts", materials, produce)


def _marked_body(
    article: Article, rows: Sequence[Row], labels: dict[str, str]
) -> SafeString:
    """The body with every anchored claim marked and reviewed ones labelled.

    Marked by ``claims.marking``, kept while the body and its claims' places
    and statuses stay the same; after a review it is filled from the
    skeleton kept while the body and the places stay the same (without it
    the page after a review took 1.3x as long at 9 and 100 claims, 3.3x at
    1,000: ``bench/layers.py``).
    """
    anchored = [row for row in rows if row[_ANCHOR] != _ORPHANED]
    body = digest(article.body)
    places = tuple([(row[_PK], row[_START], row[_END]) for row in anchored])
    statuses = tuple([_reader_status(row) for row in anchored])

    def fill(pks: list[Any]) -> dict[Any, str]:
        pieces = kept(
            "marked-skeleton",
            {article.pk: (body, places)},
            lambda pks: dict.fromkeys(pks, marking.skeleton(article.body, places)),
        )[article.pk]
        by_pk = dict(zip((str(pk) for pk, _, _ in places), statuses, strict=True))
        return dict.fromkeys(pks, marking.fill(pieces, by_pk, labels))

    marked = kept("marked-body", {article.pk: (body, places, statuses)}, fill)
    # Safe as marked_body's output is: the HTML pieces come from the renderer
    # (sanitized body, escaped attributes), statuses are fixed choice values
    # and labels were made by format_html.
    return SafeString(marked[article.pk])


def article_parts(
    article: Article, rows: Sequence[Row], absolute: Callable[[str], str]
) -> Parts:
    """The marked body, the notes and the ClaimReview nodes of an article's claims."""
    made = _claim_parts(rows, article, absolute)
    # In text order, as the rows are.
    parts = [made[row[_PK]] for row in rows if row[_PK] in made]
    labels = {str(pk): label for pk, (_, _, label) in made.items()}
    return Parts(
        body=_marked_body(article, rows, labels),
        notes=[note for note, _, _ in parts],
        reviews=[review for _, review, _ in parts if review],
    )
