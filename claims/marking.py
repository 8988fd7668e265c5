"""The article body with its claims marked: the one implementation.

The body is marked once with stand-ins where each claim's status and label
go (a *skeleton*, which depends only on the body and the claims' places),
then the stand-ins are filled with the statuses readers see and the labels.
The article page keeps the skeleton, so a review fills in one status and
one label instead of marking the body again; the desk marks and fills at
once.
"""

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.utils.safestring import SafeString

from articles.rendering import Mark, render_marked
from claims.labels import LABEL_PUNCTUATION, is_labelled, keep_together, label_link
from claims.models import Claim

# Stand-ins in a skeleton for what a review changes: a claim's status (in
# its marks' data-status), and a run of labels (marks ending at one place)
# with the punctuation after them. CommonMark replaces U+0000 in a body, so
# the character cannot come from the text.
_STAND_IN = re.compile(f"\x00S([0-9]+)\x00|((?:\x00L[0-9]+\x00)+)({LABEL_PUNCTUATION})")
_PKS = re.compile("[0-9]+")

Skeleton = tuple[str | None, ...]
Place = tuple[Any, int, int]


def skeleton(
    body: str,
    places: Iterable[Place],
    *,
    more: Sequence[Mark] = (),
    after_more: Callable[[Mark], str] | None = None,
) -> Skeleton:
    """The body marked at ``places`` (primary key, start, end), cut at its
    stand-ins as ``re.split`` cuts it: every fourth piece from the first is
    HTML; after each come a status stand-in's primary key, a run of label
    stand-ins, and the punctuation after the run (each None where it does
    not apply). ``more`` marks are drawn as they are, each followed by what
    ``after_more`` returns (safe HTML)."""
    marks = [
        Mark(
            start,
            end,
            {
                "id": f"claim-{pk}",
                "data-claim": str(pk),
                "data-status": f"\x00S{pk}\x00",
            },
        )
        for pk, start, end in places
    ]

    def after(mark: Mark) -> str:
        if "data-claim" not in mark.attrs:
            return after_more(mark) if after_more else ""
        return f"\x00L{mark.attrs['data-claim']}\x00"

    return tuple(_STAND_IN.split(render_marked(body, [*marks, *more], after=after)))


# Each label with the punctuation after it, as ``keep_together`` joins them:
# a body filled again after a review joins the same pairs as before.
_together = functools.lru_cache(maxsize=8192)(keep_together)

# A skeleton's pieces as steps: its HTML, then a status stand-in's primary
# key, or a run of labels' primary keys and the punctuation after them.
Step = tuple[str, str | None, tuple[str, ...] | None, str]


@functools.lru_cache(maxsize=32)
def _steps(pieces: Skeleton) -> tuple[Step, ...]:
    """A skeleton read once: a body filled again after each review is not
    parsed again."""
    return tuple(
        (
            pieces[index] or "",
            pieces[index + 1],
            None
            if pieces[index + 2] is None
            else tuple(_PKS.findall(pieces[index + 2] or "")),
            pieces[index + 3] or "",
        )
        for index in range(0, len(pieces) - 1, 4)
    )


def fill(
    pieces: Skeleton, statuses: Mapping[str, str], labels: Mapping[str, str]
) -> SafeString:
    """A skeleton with each claim's status (by primary key as text), and its
    label (safe HTML) after each claim that has one."""
    out: list[str] = []
    for html, status_pk, run, punctuation in _steps(pieces):
        out.append(html)
        if status_pk is not None:
            out.append(statuses[status_pk])
        elif run is not None:
            # The last label of the run holds the punctuation after it, on
            # one line; an unlabelled claim leaves nothing between.
            shown = [labels[pk] for pk in run if pk in labels]
            if shown and punctuation:
                shown[-1] = _together(shown[-1], punctuation)
            elif punctuation:
                shown.append(punctuation)
            out.extend(shown)
    out.append(pieces[-1] or "")
    # The HTML pieces come from the renderer (sanitized body, escaped
    # attributes), statuses are fixed choice values and labels were made by
    # format_html.
    return SafeString("".join(out))


def marked_body(
    body: str,
    claims: Iterable[Claim],
    *,
    more: Sequence[Mark] = (),
    after_more: Callable[[Mark], str] | None = None,
) -> SafeString:
    """The article body with every anchored claim marked and reviewed ones labelled.

    Marks carry ``data-claim`` and ``data-status`` (the status readers see);
    a reviewed claim is followed by a link to its note, which makes it
    reachable by keyboard. Orphaned claims are not marked: their text is no
    longer there. ``more`` marks (the desk's pending suggestions) are drawn
    in the same pass, each followed by what ``after_more`` returns (safe HTML).
    """
    anchored = [
        claim for claim in claims if claim.anchor_state != Claim.AnchorState.ORPHANED
    ]
    pieces = skeleton(
        body,
        [(claim.pk, claim.start, claim.end) for claim in anchored],
        more=more,
        after_more=after_more,
    )
    return fill(
        pieces,
        {str(claim.pk): claim.reader_status for claim in anchored},
        {str(claim.pk): label_link(claim) for claim in anchored if is_labelled(claim)},
    )
