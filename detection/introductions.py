"""Colon introductions: "The sports minister, Rodrigo Camacho, spoke to
reporters: "...", "The INS has updated its figures: 1,341 cases", "The
ministry's statement was blunt: ...". A sentence whose subject is a source
(``looks_like_source``) and whose main clause ends in a colon gives what
follows the colon to that source, whatever its verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detection.asides import is_dash
from detection.cues import (
    ALL_KIND_NOUNS,
    DOCUMENT_NOUNS,
    MANNER_OF_SAYING,
    ORGANISATION_NOUNS,
    PRONOUNS,
    TITLES,
)
from detection.parties import Frame, Party

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words after the colon for it to introduce something.
_MIN_CONTENT_WORDS = 2


def looks_like_source(subject: Token) -> bool:
    """Whether a subject can be a source: a name, a person set beside a
    name ("the minister, Rodrigo Camacho"), an organisation or its title
    ("the ministry", "the spokesman"), someone's document ("the ministry's
    statement"), or a pronoun for someone met before."""
    lemma = subject.lemma_.lower()
    following = subject.nbor() if subject.i + 1 < len(subject.doc) else None
    if subject.is_upper and following is not None and following.text == "-":
        return False  # a dateline: "PRAGUE - Shortly after ..."
    acronym = subject.is_upper and len(subject) > 1  # tagged a noun at times
    if subject.pos_ == "PROPN" or acronym or subject.lower_ in PRONOUNS - {"we", "i"}:
        return True
    if any(
        c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in subject.children
    ):
        return True
    if lemma in DOCUMENT_NOUNS:
        return any(c.dep_ == "poss" for c in subject.children)
    return lemma in ORGANISATION_NOUNS | ALL_KIND_NOUNS | TITLES


def colon_frame(verb: Token, regions: Sequence[tuple[int, int]]) -> Frame | None:
    """The frame of a sentence introducing what follows its colon."""
    if (
        verb.pos_ == "NOUN"
        and (
            verb.dep_ == "ROOT"
            # "The latest numbers from X: 41 vessels are ...", the parser making
            # the document the subject of the clause after the colon
            or (
                verb.dep_ == "nsubj"
                and verb.head.i > verb.i
                and any(t.text == ":" for t in verb.doc[verb.i : verb.head.i])
            )
        )
    ):
        return _document_colon(verb, regions)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    sent = verb.sent
    colon = next(
        (t for t in sent if t.text == ":" and t.i > verb.i), None
    ) or _lone_dash(verb)
    if colon is None or any(a <= colon.idx < b for a, b in regions):
        return None
    # The parser may hang the introducing clause on the one after the
    # colon ("X put it bluntly: "We are done ...""): it introduces it still.
    if verb.dep_ != "ROOT" and not (verb.dep_ == "ccomp" and verb.head.i > colon.i):
        return None
    after = [t for t in verb.doc[colon.i + 1 : sent.end] if not t.is_punct]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (
        subject is None
        or len(after) < _MIN_CONTENT_WORDS
        or not looks_like_source(subject)
        or any(t.text in (".", ";", '"') for t in verb.doc[verb.i : colon.i])
        or not _introduces(verb, subject)
    ):
        return None
    speaker = list(subject.subtree)
    frame = Frame(speaker[0].i, colon.i, verb, right=True)
    frame.parties = [Party(speaker, verb.text)]
    return frame


def _introduces(verb: Token, subject: Token) -> bool:
    """Whether the clause before the colon introduces words: any verb but
    "be", which does only of a document ("The ministry's statement was
    ...:") or in the manner of saying ("The minister was blunt:"); not "It
    is not the first maker to recall products: two other brands ...", the
    story's own voice."""
    if verb.lemma_ != "be":
        return True
    return subject.lemma_.lower() in DOCUMENT_NOUNS or any(
        c.dep_ in ("acomp", "attr") and c.lower_ in MANNER_OF_SAYING
        for c in verb.children
    )


def _lone_dash(verb: Token) -> Token | None:
    """A dash that introduces as a colon does ("The commission's conclusion
    was blunt - the safeguards were ..."): the sentence's only spaced dash,
    after a copula and what it says of the source."""
    said = [c.i for c in verb.children if c.dep_ == "acomp"]
    if verb.lemma_ != "be" or not said:
        return None
    dashes = [t for t in verb.sent if t.text == "-" and is_dash(t)]
    if len(dashes) != 1 or dashes[0].i < min(said):
        return None
    return dashes[0]


def _document_colon(noun: Token, regions: Sequence[tuple[int, int]]) -> Frame | None:
    """A source's document, with no verb, before a colon: "X's second
    bulletin, with 71 per cent counted: A 52.3 per cent, B 47.7 per cent"."""
    # "X's second bulletin", "the latest numbers from X"
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
        (
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
            for g in c.children
            if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.is_upper)
        ),
        None,
    )
    colon = next((t for t in noun.sent if t.text == ":" and t.i > noun.i), None)
    if (
        owner is None
        or colon is None
        or noun.lemma_.lower() not in DOCUMENT_NOUNS
        or any(a <= colon.idx < b for a, b in regions)
        or len([t for t in noun.doc[colon.i + 1 : noun.sent.end] if not t.is_punct])
        < _MIN_CONTENT_WORDS
    ):
        return None
    speaker = [t for t in owner.subtree if t.dep_ != "case"]
    frame = Frame(owner.left_edge.i, colon.i, noun, right=True)
    frame.parties = [Party(speaker, noun.text)]
    return frame
