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
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from articles.rendering import Mark, render_marked
from claims.labels import LABEL_PUNCTUATION, is_labelled, keep_together, label_link
from claims.models import Claim
from newsroom.parts import remembered

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
_KEPT_FILLINGS = 32

# A skeleton's pieces as steps: its HTML, then a status stand-in's primary
# key, or a run of labels' primary keys and the punctuation after them.
Step = tuple[str, str | None, tuple[str, ...] | None, str]


@dataclass(frozen=True)
class _Read:
    """A skeleton read once: its steps, and the steps each claim fills."""

    steps: tuple[Step, ...]
    where: dict[str, tuple[int, ...]]


@functools.lru_cache(maxsize=32)
def _read(pieces: Skeleton) -> _Read:
    steps = tuple(
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
    where: dict[str, list[int]] = {}
    for index, (_, status_pk, run, _) in enumerate(steps):
        for pk in (status_pk,) if status_pk is not None else run or ():
            where.setdefault(pk, []).append(index)
    return _Read(steps, {pk: tuple(found) for pk, found in where.items()})


def _step_text(
    step: Step, statuses: Mapping[str, str], labels: Mapping[str, str]
) -> str:
    html, status_pk, run, punctuation = step
    if status_pk is not None:
        return html + statuses[status_pk]
    if run is None:
        return html
    # The last label of the run holds the punctuation after it, on one line;
    # an unlabelled claim leaves nothing between.
    shown = [labels[pk] for pk in run if pk in labels]
    if shown and punctuation:
        shown[-1] = _together(shown[-1], punctuation)
    elif punctuation:
        shown.append(punctuation)
    return html + "".join(shown)


@dataclass(frozen=True)
class _Filled:
    """A skeleton as last filled: what with, and each step's text."""

    read: _Read
    statuses: dict[str, str]
    labels: dict[str, str]
    texts: list[str]


# The last filling of each skeleton in this process: filled again after a
# review, only the steps of the claims whose status or label changed are.
_filled: OrderedDict[int, _Filled] = OrderedDict()
_filled_lock = threading.Lock()


def _forget() -> None:
    with _filled_lock:
        _filled.clear()


remembered(_forget)


def _texts(read: _Read, statuses: dict[str, str], labels: dict[str, str]) -> list[str]:
    with _filled_lock:
        last = _filled.get(id(read))
    if last is None or last.read is not read:
        return [_step_text(step, statuses, labels) for step in read.steps]
    texts = list(last.texts)
    # The claims whose status or label is not what it was (compared as
    # sets of pairs: a thousand claims cost little).
    changed = {pk for pk, _ in statuses.items() ^ last.statuses.items()}
    changed.update(pk for pk, _ in labels.items() ^ last.labels.items())
    for index in {index for pk in changed for index in read.where.get(pk, ())}:
        texts[index] = _step_text(read.steps[index], statuses, labels)
    return texts


def fill(
    pieces: Skeleton, statuses: Mapping[str, str], labels: Mapping[str, str]
) -> SafeString:
    """A skeleton with each claim's status (by primary key as text), and its
    label (safe HTML) after each claim that has one."""
    read = _read(pieces)
    statuses, labels = dict(statuses), dict(labels)
    texts = _texts(read, statuses, labels)
    with _filled_lock:
        _filled[id(read)] = _Filled(read, statuses, labels, texts)
        _filled.move_to_end(id(read))
        while len(_filled) > _KEPT_FILLINGS:
            _filled.popitem(last=False)
    # The HTML pieces come from the renderer (sanitized body, escaped
    # attributes), statuses are fixed choice values and labels were made by
    # format_html.
    return SafeString("".join(texts) + (pieces[-1] or ""))


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
