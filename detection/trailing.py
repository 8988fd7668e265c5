"""Trailing cues the parser left without their speaker: '"A," the union's
official, Mark Roe, said.' when the parser took the speaker for an object
inside the quotation; "A rose to 1.3 million, its director, Jo Roe, told a
news conference" when it took the speaker for an apposition of the last
noun before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.parties import Frame, Party
from detection.repairs import trailing_read_as_relative

if TYPE_CHECKING:
    from spacy.tokens import Token

# The longest speaker's phrase read between a quotation and its cue.
_MAX_STRANDED_WORDS = 12


def stranded_frame(verb: Token) -> Frame | None:
    """'"A," the union's official, Mark Roe, said.': a trailing cue the
    parser left without a subject (it took the speaker for an object inside
    the quotation); the words between the closing mark and the cue speak."""
    return _after_a_quotation(verb) or apposed_speaker(verb)


def _after_a_quotation(verb: Token) -> Frame | None:
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


def apposed_speaker(verb: Token) -> Frame | None:
    """ "The council expects A to reach 1.3 million, its director, Jo Roe,
    told a news conference": the parser hung the speaker on "million" as an
    apposition. The apposition just before the cue, after a comma, speaks;
    the cue governs what came before it."""
    # The speaker's last word: before a comma (", its director, Jo Roe,
    # told"), or right before the cue ("..., the Children's Fund (UNICEF)
    # said").
    last = verb.i - 2 if verb.doc[verb.i - 1].text == "," else verb.i - 1
    if last < verb.sent.start:
        return None
    token = verb.doc[last]
    # The outermost apposition ending there ("its director, Jo Roe").
    speaker = None
    for t in (token, *token.ancestors):
        if t.right_edge.i != last:
            break
        if t.dep_ in ("appos", "npadvmod") and t.pos_ in ("NOUN", "PROPN"):
            speaker = t
    if speaker is None or verb.doc[speaker.left_edge.i - 1].text != ",":
        return None
    words = _with_the_title_before(speaker)
    if len(words) > _MAX_STRANDED_WORDS or not any(
        t.pos_ in ("NOUN", "PROPN") for t in words
    ):
        return None
    # "..., the bank's vice-president, Jo Roe, said policy was ...": a
    # cue with its clause after it governs that clause, not what came before.
    clause = [
        c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i > verb.i
    ]
    if clause:
        frame = Frame(words[0].i, verb.i, verb, right=True)
    else:
        end = max((t.i for t in verb.subtree if not t.is_punct), default=verb.i)
        frame = Frame(words[0].i, end, verb, left=True)
    frame.parties = [Party(words, verb.text)]
    return frame


def _with_the_title_before(speaker: Token) -> list[Token]:
    """The apposition's words, with the title set before it between commas
    when the parser made the title something else's (", the bank's
    vice-president, Jo Roe,": "vice-president" read as an object)."""
    words = list(speaker.subtree)
    doc, comma = speaker.doc, speaker.left_edge.i - 1
    if doc[comma].text != ",":
        return words
    start = comma
    while start > speaker.sent.start and doc[start - 1].text != ",":
        start -= 1
    title = list(doc[start:comma])
    if (
        start == speaker.sent.start
        or not any(t.pos_ == "NOUN" for t in title)
        or any(t.pos_ in ("VERB", "AUX", "NUM") for t in title)
    ):
        return words
    return [*title, *words]


def relative_speaker(verb: Token) -> Frame | None:
    """ "A will be held in Boa Vista, state news agency Agência Brasil
    reported": the cue the parser read as a relative clause of its speaker
    governs the sentence before the speaker's phrase."""
    head = trailing_read_as_relative(verb)
    if head is None:
        return None
    words = [t for t in verb.doc[head.left_edge.i : verb.i] if not t.is_punct]
    if not words or len(words) > _MAX_STRANDED_WORDS:
        return None
    end = max((t.i for t in verb.subtree if not t.is_punct), default=verb.i)
    frame = Frame(words[0].i, end, verb, left=True)
    frame.parties = [Party(words, verb.text)]
    return frame
