"""Trailing cues the parser left without their speaker: '"A," the union's
official, Mark Roe, said.' when the parser took the speaker for an object
inside the quotation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.parties import Frame, Party

if TYPE_CHECKING:
    from spacy.tokens import Token

# The longest speaker's phrase read between a quotation and its cue.
_MAX_STRANDED_WORDS = 12


def stranded_frame(verb: Token) -> Frame | None:
    """'"A," the union's official, Mark Roe, said.': a trailing cue the
    parser left without a subject (it took the speaker for an object inside
    the quotation); the words between the closing mark and the cue speak."""
    sent = verb.sent
    after = verb.doc[verb.i + 1] if verb.i + 1 < sent.end else None
    if verb.tag_ != "VBD" or (after is not None and after.text not in ".!?"):
        return None
    words: list[Token] = []
    for token in reversed(verb.doc[sent.start : verb.i]):
        if token.text == '"':
            break
        words.insert(0, token)
    else:
        return None
    while words and words[0].is_punct:
        words.pop(0)
    if (
        not words
        or len(words) > _MAX_STRANDED_WORDS
        or any(t.pos_ in ("VERB", "AUX") for t in words)
        or not any(t.pos_ in ("NOUN", "PROPN") for t in words)
    ):
        return None
    frame = Frame(words[0].i, verb.i, verb, left=True)
    frame.parties = [Party(words, verb.text)]
    return frame
