"""Which name a speaker's phrase is about and which only qualifies it:
"Ukraine's state nuclear operator Energoatom" is Energoatom, "Northmoor's
students' union" a body of its own, "Glencore's rival, Vale" another party.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detection.agencies import country_words, label_words, nouns_of
from detection.capitals import capital_country
from detection.cues import (
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    OTHER_PARTIES,
    PART_NOUNS,
)
from detection.names import name_beside, organisation_name
from detection.phrases import phrase_head

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detection.mentions import Mention

# The rank (see ``rank``) from which a mention only qualifies the phrase.
QUALIFIER = 2
_POSSESSIVE = 3


def another_party(mention: Mention, tokens: list[Token], offset: int) -> str | None:
    """The name of the party a phrase is about when ``mention`` only
    qualifies it: "Northmoor's students' union", "the Ontario Renters'
    Alliance" (a body of its own, by its name), "Glencore's rival, Vale"
    (another party, by the name beside it, or "" for none); None when the
    mention is the party."""
    head = phrase_head(tokens)
    if (
        rank(mention, tokens, offset)[0] == _POSSESSIVE
        and head.lemma_.lower() in OTHER_PARTIES
    ):
        return name_beside(head)
    if _owned_organisation(mention, tokens, offset):
        return organisation_name(head) or _bare_phrase(tokens)
    placed = _placed_body(mention, tokens, offset)
    if placed is not None:
        return organisation_name(placed) or ""
    return None


def _placed_body(mention: Mention, tokens: list[Token], offset: int) -> Token | None:
    """A thing further in the phrase that ``mention`` only places ("a
    strategist at one London bank", "two underwriters in the London market",
    "a lawyer at a British insurer"): another body or place, of a kind the
    agency holding the place's name is not."""
    head = phrase_head(tokens)
    inside = [t for t in tokens if mention.start <= t.idx + offset < mention.end]
    if not inside or head in inside:
        return None
    last = max(inside, key=lambda t: t.i)
    body = last.head
    if (
        last.dep_ not in ("compound", "amod", "nmod")
        or body in inside
        or body is head
        or body not in tokens
        or body.pos_ != "NOUN"
    ):
        return None
    agency = mention.agency
    place = bool(capital_country(last)) or (
        agency is not None
        and all(t.lower_ in country_words(agency) for t in inside if t.dep_ != "det")
    )
    # Its own label's words only: a government's kinds ("the bank" of a
    # central bank) are not the body a place's name stands before.
    words = mention.words() | (label_words(agency) if agency else set())
    return body if place and body.lemma_.lower() not in words | PART_NOUNS else None


def _owned_organisation(mention: Mention, tokens: list[Token], offset: int) -> bool:
    """Whether the phrase is an organisation that ``mention`` only qualifies:
    a possessive or a name's first word before a head that is a kind of body
    the mentioned agency is not ("the university's students' union", "the
    Ontario Renters' Alliance"; not "the ministry's office")."""
    head = phrase_head(tokens)
    lemma = head.lemma_.lower()
    # a name's last word, capitalised, whatever the parser tagged it
    # ("the Ardmore Rovers Supporters' Trust")
    body = (head.pos_ == "NOUN" and lemma in ORGANISATION_NOUNS) or (
        head.pos_ in ("PROPN", "NOUN") and head.text in ORGANISATION_WORDS
    )
    if not body or rank(mention, tokens, offset)[0] < QUALIFIER:
        return False
    # "The Daily Nation newspaper": a whole name before a common noun of its
    # kind is that name's, not a body of its own.
    inside = [
        t
        for t in tokens
        if mention.start <= t.idx + offset < mention.end and t.dep_ != "det"
    ]
    whole_name = len(inside) > 1 and all(
        t.dep_ == "compound" or t.head in inside for t in inside
    )
    if head.pos_ == "NOUN" and whole_name and inside[-1].i == head.i - 1:
        return False
    words = mention.words() | (nouns_of(mention.agency) if mention.agency else set())
    # "the AFC's disciplinary and ethics committee": a part of the body,
    # which speaks for it.
    return lemma not in words | PART_NOUNS


def _bare_phrase(tokens: list[Token]) -> str:
    words = "".join(t.text_with_ws for t in tokens).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE)


def rank(
    mention: Mention, tokens: list[Token], doc_offset: int
) -> tuple[int, int, int]:
    """How well a mention stands for the whole phrase: its head first, then an
    apposition to the head (a description at the head after it), then
    anything but a possessive, then order."""
    head = phrase_head(tokens)
    inside = [t for t in tokens if mention.start <= t.idx + doc_offset < mention.end]
    # A description at the head ("The main opposition party, Law and
    # Justice (PiS), said") ranks with the name set beside it, after it.
    described = int(head in inside and bool(mention.described))
    if head in inside and not described:
        rank = 0
    elif described or any(t.dep_ == "appos" and t.head == head for t in inside):
        rank = 1
    elif any(t.dep_ == "poss" for t in inside):
        rank = _POSSESSIVE
    else:
        rank = 2
    return rank, described, mention.start
