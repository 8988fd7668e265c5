"""Which side of its frame a cue governs: the text after it ("X said that
...", "X said: ..."), before it ("..., X said.") or, for a quotation resumed
after a trailing cue, both; and a cue set off inside the sentence it
attributes ("The bank, he added, would ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.cues import NAMING_VERBS, TRAILING_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detection.parties import Frame


def govern(frame: Frame, verb: Token, own: bool) -> None:
    """Which side of the frame it governs: the text after it ("X said that
    ...", "X said: ..."), before it ("..., X said.") or, for a quotation
    resumed after a trailing cue, both."""
    sent, lemma = verb.sent, verb.lemma_.lower()
    after = verb.doc[frame.end + 1] if frame.end + 1 < sent.end else None
    before = verb.doc[frame.start - 1] if frame.start > sent.start else None
    ends = after is None or after.is_punct or _afterthought(verb, after)
    mark = before.text if before is not None and ends else ""
    if lemma in NAMING_VERBS or (after is not None and after.text == ":"):
        frame.right = True
    elif mark == "," and before is not None and _interjected(verb, after, before):
        # "His lawyers, he added, had filed the papers": what follows.
        frame.right = True
    elif mark in TRAILING_MARKS and verb.tag_ != "VBG" and own:
        frame.left = True
        # Only a quotation resumes after a trailing cue ("A," she said, "B.").
        frame.right = (
            after is not None
            and after.text == ","
            and after.i + 1 < sent.end
            and verb.doc[after.i + 1].text == '"'
        )
    elif mark in (",", '"') and lemma == "quote":
        frame.left = True
    else:
        frame.right = after is not None and not (
            after.is_sent_end or after.text in (".", "!", "?")
        )


def _afterthought(verb: Token, after: Token) -> bool:
    """Whether what follows the cue only tells what the speaker was doing
    ("..., Lasupu said as he mended a net", "..., says Roe, walking between
    the trees"): a clause of the verb's own, not what was said."""
    return any(
        c.dep_ == "advcl"
        and c.left_edge.i == after.i
        and (
            c.tag_ == "VBG"
            or any(m.dep_ == "mark" and m.lower_ in ("as", "while") for m in c.children)
        )
        for c in verb.children
    )


# Words after an interjected cue for it to be one ("The bank, he added, would
# ..."), not a trailing cue with an afterthought.
_MIN_REST_WORDS = 2


def _interjected(verb: Token, after: Token | None, before: Token) -> bool:
    """Whether a cue set off by commas inside the sentence it attributes
    follows no quotation and is itself followed by the rest of the clause."""
    if verb.dep_ != "parataxis" or after is None or after.text != ",":
        return False
    sent = verb.sent
    rest = verb.doc[after.i + 1 : sent.end]
    # From the sentence's start or a colon ("X rejected that: the company,
    # she said, had ...").
    start = max(
        (t.i + 1 for t in sent if t.text == ":" and t.i < before.i), default=sent.start
    )
    opening = verb.doc[start : before.i]
    words = [t for t in rest if not t.is_punct]
    # "The bank could not, she added, go back to ...": a verb left unfinished
    # before the cue is no clause of its own.
    unfinished = bool(words) and words[0].tag_ in ("VB", "VBN", "VBG")
    return (
        len(words) >= _MIN_REST_WORDS
        and not any(t.text == '"' for t in (*rest[:1], *opening))
        # a clause before it is what it attributes, as for a trailing cue
        and not any(
            t.pos_ == "VERB" or (t.pos_ == "AUX" and not unfinished) for t in opening
        )
    )
