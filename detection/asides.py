"""Asides set off by a pair of dashes (" - that means ... - "): words the
reporter or the speaker puts in between, which belong to the phrase around
them. A cue inside one, within the passage a cue before it governs ("X says
they'll file a complaint with the court - they call it the Tsets - by
Friday"), is part of that passage, not a frame of its own; inside a
speaker's phrase ("The organisers, a coalition called Casa - that means "a
home" - say"), it is not the speaker. Dashes arrive folded to "-"
(``detection.records.fold``); a hyphen inside a word is no dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detection.parties import Frame

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def is_dash(token: Token) -> bool:
    """Whether ``token`` is a dash set between spaces, not a hyphen."""
    return (
        token.text == "-"
        and token.i > 0
        and bool(token.doc[token.i - 1].whitespace_)
        and bool(token.whitespace_)
    )


def dash_asides(sent: Span) -> list[tuple[int, int]]:
    """The asides of a sentence, as the token indices of their two dashes."""
    dashes = [t.i for t in sent if is_dash(t)]
    return [(dashes[k], dashes[k + 1]) for k in range(0, len(dashes) - 1, 2)]


def outside_asides(sent: Span, frames: Sequence[Frame]) -> list[Frame]:
    """The frames less those inside an aside of the passage an earlier frame
    governs."""
    asides = dash_asides(sent)
    if not asides:
        return list(frames)
    return [
        frame
        for frame in frames
        if not any(
            first < frame.verb.i < last
            and any(o.right and o.end < first for o in frames if o is not frame)
            for first, last in asides
        )
    ]


def without_asides(tokens: Sequence[Token]) -> list[Token]:
    """A speaker's words less the asides among them."""
    if not tokens:
        return list(tokens)
    asides = dash_asides(tokens[0].sent)
    return [t for t in tokens if not any(a <= t.i <= b for a, b in asides)]
