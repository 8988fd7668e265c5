"""A speaker's phrase: its head, its words as the speaker's name, and what
in it is no one's or someone else's (a dateline; a document's publisher)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detection.cues import (
    DOCUMENT_NOUNS,
    KIND_NOUNS,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    PUBLISHING_VERBS,
)
from detection.names import name_run
from detection.parties import Party
from detection.records import AgencyRef

if TYPE_CHECKING:
    from spacy.tokens import Token


def phrase_head(tokens: list[Token]) -> Token:
    """The phrase's head; of a phrase the parser split in two ("the tenants'
    union | Living Rent"), the second part's, the name."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return roots[-1] if roots else tokens[0]


def as_written(tokens: list[Token]) -> str:
    """The phrase's words as the story writes them, a space where words
    between were left out ("chief economist[,] Marta Roe")."""
    # not the sentence's full stop, when the phrase is what it hangs on
    while tokens and tokens[-1].text in (".", "!", "?", ";", ":"):
        tokens = tokens[:-1]
    words = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        gap = following is not None and following.i != token.i + 1
        words.append(
            token.text + (" " if gap and not token.whitespace_ else token.whitespace_)
        )
    return "".join(words).strip(" ,")


def _bare(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip().casefold())


def speaker_words(party: Party | None, agency: AgencyRef | None) -> str:
    """The speaker as written, when it is a person: never the agency's own
    name ("Interfax") nor an organisation described ("the ministry")."""
    if party is None or not party.tokens:
        return ""
    tokens = sorted(party.tokens, key=lambda t: t.i)
    words = as_written(tokens)
    head = phrase_head(tokens)
    # An organisation, or a document ("the report"), is no person.
    organisation = (
        head.lemma_.lower() in ORGANISATION_NOUNS | DOCUMENT_NOUNS
        or any(head.lemma_.lower() in nouns for nouns in KIND_NOUNS.values())
        or head.text in ORGANISATION_WORDS
    )
    if organisation:
        return ""
    if agency is not None and _bare(words) in {
        _bare(label) for label in (agency.name, *agency.aliases)
    }:
        return ""
    if agency is None and party.name and _bare(words) == _bare(party.name):
        return ""  # an organisation the newsroom does not know, by its name
    return words


def published_by(token: Token) -> bool:
    """Whether ``token`` is a document's "published by X", "seen by X": the
    source it names is the phrase's, not someone else's."""
    return (
        token.head.lemma_.lower() in DOCUMENT_NOUNS
        and token.lemma_.lower() in PUBLISHING_VERBS
        and any(c.dep_ == "agent" for c in token.children)
    )


def seen_before(token: Token) -> bool:
    """Whether ``token`` is "seen by X" of a document the story met before
    ("the report, seen by Reuters"): its source was named there; the outlet
    only saw it."""
    return token.lemma_.lower() == "see" and any(
        c.lower_ == "the" for c in token.head.children
    )


def data_of(head: Token) -> str:
    """The name whose data or report the phrase is ("Refinitiv data",
    "Kpler's figures"): its publisher."""
    if head.lemma_.lower() not in DOCUMENT_NOUNS:
        return ""
    owner = next(
        (
            c
            for c in head.children
            if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.i < head.i
        ),
        None,
    )
    return name_run(owner).removesuffix("'s").strip() if owner is not None else ""


def after_dateline(tokens: list[Token]) -> list[Token]:
    """The phrase without a dateline before it ("NAKURU, Kenya, Dec 3 - A
    Kenyan court"): the place a story was filed from is no one's name."""
    first = tokens[0]
    if not (first.is_upper and len(first) > 1) or first.i != first.sent.start:
        return tokens
    dash = _dateline_dash(tokens)
    if dash is None or dash == tokens[-1]:
        return tokens
    return [t for t in tokens if t.i > dash.i]


def in_dateline(token: Token) -> bool:
    """Whether ``token`` is in the dateline opening its sentence ("UNITED
    NATIONS, March 18 - The Security Council ...")."""
    sent = token.sent
    first = sent[0]
    if not (first.is_upper and len(first) > 1):
        return False
    dash = _dateline_dash(list(sent))
    return dash is not None and token.i < dash.i


def _dateline_dash(tokens: list[Token]) -> Token | None:
    # a dash set apart by spaces, not a hyphen inside a word ("anti-doping")
    return next(
        (
            t
            for t in tokens
            if t.text in ("-", "\u2014", "\u2013") and t.doc[t.i - 1].whitespace_
        ),
        None,
    )
