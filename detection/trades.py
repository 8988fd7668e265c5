"""People named only by their trade, who speak for an organisation the
story names: "Firefighters say" is the Fire Service, "Prosecutors said" the
Prosecutor's Office, "The weather service issued a warning. The forecasters
said ..." the weather service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.agencies import name_words
from detection.cues import CROWD_NOUNS, LAY_PEOPLE, ORGANISATION_NOUNS, PEOPLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detection.mentions import Mention, Registry
    from detection.records import AgencyRef

# The shortest word of a name a trade can begin with ("fire" of "firefighter").
_SHORTEST_STEM = 4
# ... and the shortest rest after it ("fighter"; not the "r" of "trader").
_SHORTEST_REST = 3


def trade_source(registry: Registry, head: Token, offset: int) -> Mention | None:
    """The source people named by their trade (``head``) speak for: one the
    story names whose name holds their trade, the nearest before them (or
    the first after); failing that, for "the forecasters", the source the
    sentence before was about."""
    if not _people(head):
        return None
    trade = head.lemma_.lower()
    position = head.idx + offset
    fitting = [
        m
        for m in registry.mentions_in(0, len(head.doc.text) + offset + 1)
        if m.agency is not None and not m.person and _holds(trade, m.agency)
    ]
    before = [m for m in fitting if m.end <= position]
    if before:
        return max(before, key=lambda m: m.end)
    after = [m for m in fitting if m.start > position]
    if after:
        return min(after, key=lambda m: m.start)
    if plural_staff(head):
        return previous_subject(registry, head, offset)
    return None


def _people(head: Token) -> bool:
    """A plural of people, bare or definite: "firefighters", "the
    prosecutors"; not of organisations, nor "some", "two" or "many"."""
    return (
        head.tag_ == "NNS"
        and head.lemma_.lower() not in ORGANISATION_NOUNS | PEOPLE_NOUNS
        and all(
            c.dep_ == "det" and c.lower_ == "the"
            for c in head.children
            if c.dep_ in ("det", "nummod", "amod", "quantmod", "poss")
        )
    )


def _holds(trade: str, agency: AgencyRef) -> bool:
    """Whether an agency's name holds the trade: "prosecutor" of the
    Prosecutor's Office, "firefighter" a word of its own after the "fire"
    of the Fire Service (not "trader" after "trade")."""
    return any(
        trade == word
        or (
            len(word) >= _SHORTEST_STEM
            and trade.startswith(word)
            and len(trade) - len(word) >= _SHORTEST_REST
        )
        for word in name_words(agency)
    )


# Plurals of no organisation's staff: organisations, and people named by
# what they do in private life or in public ("the residents", "the
# organisers").
_NOT_STAFF = ORGANISATION_NOUNS | LAY_PEOPLE | CROWD_NOUNS


def plural_staff(head: Token) -> bool:
    """ "the forecasters": a definite plural of people, not of organisations."""
    return (
        head.tag_ == "NNS"
        and head.lemma_.lower() not in _NOT_STAFF
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        and len(list(head.children)) == 1
    )


def previous_subject(registry: Registry, head: Token, offset: int) -> Mention | None:
    """The known source the sentence before ``head``'s was about."""
    sent = head.sent
    if sent.start == 0:
        return None
    before = head.doc[sent.start - 1].sent
    first, last = before.start_char + offset, sent.start_char + offset
    topic = max((p for p in registry.subjects if first <= p < last), default=None)
    if topic is None:
        return None
    found = [m for m in registry.mentions_in(first, last) if m.start <= topic < m.end]
    return found[0] if found and not found[0].person else None
