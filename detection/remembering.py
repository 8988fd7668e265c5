"""Keeping a resolved party as a source the story's later references
("the ministry", "its spokesman", "he", a surname) can point to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from detection.agencies import nouns_of
from detection.cues import (
    CHAIN_PARTICIPLES,
    HONORIFICS,
    POST_NOMINALS,
    PRONOUNS,
    TITLES,
)
from detection.mentions import Mention, Registry
from detection.parties import Frame, Party
from detection.phrases import phrase_head, speaker_words
from detection.resolution import gender_of, tokens_in
from detection.wording import words_of

if TYPE_CHECKING:
    from spacy.tokens import Token


def remember(party: Party, registry: Registry, doc_offset: int) -> None:
    """Keep a resolved party as a source later references can point to."""
    if not party.tokens:
        return
    if party.agency is None and not party.name:
        # An unnamed person who spoke ("one engineer said") is whom a "he"
        # after it continues.
        first = min(party.tokens, key=lambda t: t.i)
        if party.role == "speaker" and first.lower_ not in PRONOUNS:
            registry.strangers.append(first.idx + doc_offset)
        return
    tokens = sorted(party.tokens, key=lambda t: t.i)
    # What a clause says of it is not what it is: "the bank, which lent
    # money for the plant" is no plant.
    clause = tokens_in(tokens, ("relcl", "acl"))
    # Nor are those it carries: "PTI, quoting district officials" is no district.
    clause |= {
        t.i
        for chain in tokens
        if chain.lemma_.lower() in CHAIN_PARTICIPLES and chain.tag_ == "VBG"
        for t in chain.subtree
    }
    mention = Mention(
        tokens[0].idx + doc_offset,
        tokens[-1].idx + len(tokens[-1]) + doc_offset,
        party.agency,
        party.name,
        frozenset(
            t.lemma_.lower() for t in tokens if t.pos_ == "NOUN" and t.i not in clause
        ),
        unknown=party.agency is None,
    )
    registry.references.append(mention)
    inside_mention = [
        (m.start, m.end) for m in registry.mentions_in(mention.start, mention.end)
    ]
    head = phrase_head(tokens).idx + doc_offset
    if party.role == "speaker":
        registry.last_speaker = mention
        # A person, unless the phrase is an agency's name with a clause
        # ("Austal, which builds patrol vessels") or the name of one the
        # newsroom does not know ("the tenants' union Living Rent").
        head_word = phrase_head(tokens).text
        if (
            tokens[0].lower_ not in ("it", "they")
            and speaker_words(party, party.agency)
            and not any(a <= head < b for a, b in inside_mention)
            and not (party.agency is None and head_word in party.name.split())
        ):
            registry.last_person = mention
            registry.persons.append(mention)
            mention.person = True
            mention.gender = gender_of(t.lower_ for t in tokens)
    if party.agency is None:
        _remember_unknown_surnames(party, tokens, registry)
        return
    # Names said of someone else (in a clause or after a preposition: "a
    # yard in Western Australia") are not the speaker's.
    aside = tokens_in(tokens, ("relcl", "acl", "prep"))
    # "Energy Minister Dorin Cebotari": "Cebotari" again is his, not
    # "Energy" of the "Energy Policy Centre"
    for token in _name_words(tokens, aside, nouns_of(party.agency)):
        position = token.idx + doc_offset
        if not any(a <= position < b for a, b in inside_mention):
            registry.surnames.setdefault(token.lower_, party.agency)


def _name_words(
    tokens: list[Token], aside: set[int], besides: Iterable[str]
) -> Iterator[Token]:
    """The words of a person's name in a speaker's phrase, by which the story
    may call them later: capitalised proper nouns, not in ``aside``, not
    ``besides``, nor a title, an honorific ("Dr") or letters after the name
    ("KC")."""
    besides = set(besides)
    for token in tokens:
        if (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.i not in aside
            and token.lower_ not in besides
            and token.lower_ not in TITLES
            and token.lower_.rstrip(".") not in HONORIFICS | POST_NOMINALS
        ):
            yield token


def _remember_unknown_surnames(
    party: Party, tokens: list[Token], registry: Registry
) -> None:
    """The names of a person the story gives an organisation it does not know
    ("Lena Brandt, a threat researcher at Kestrel Intelligence"): whom "Brandt
    said" is later."""
    # What is said of them ("a threat researcher at ..."), not their name
    # set beside what they are ("The player's agent, Marco Salvi").
    aside = tokens_in(tokens, ("relcl", "acl", "prep")) | {
        t.i
        for token in tokens
        if token.dep_ == "appos" and token.pos_ != "PROPN"
        for t in token.subtree
    }
    # The organisation's own words where the phrase writes its name, not
    # wherever they stand: "Marco Salvi of Salvi Sports Management" is Salvi.
    named = _where_named(tokens, party.name)
    besides = () if named else words_of(party.name)
    for token in _name_words(tokens, aside | named, besides):
        registry.unknown_surnames.setdefault(token.lower_, party.name)


def _where_named(tokens: list[Token], name: str) -> set[int]:
    """The tokens where the phrase writes ``name`` word for word."""
    words = name.split()
    found: set[int] = set()
    for start in range(len(tokens) - len(words) + 1):
        run = tokens[start : start + len(words)]
        if [t.text for t in run] == words:
            found.update(t.i for t in run)
    return found


def remember_carried(frame: Frame, registry: Registry, doc_offset: int) -> None:
    """An unnamed speaker an outlet carried ("two traders told Reuters") is
    that outlet's for the references after it ("one of the traders said")."""
    channel = next(
        (p for p in frame.parties if p.role == "channel" and p.agency is not None),
        None,
    )
    speaker = next((p for p in frame.parties if p.role == "speaker"), None)
    if (
        channel is None
        or speaker is None
        or not speaker.tokens
        or speaker.agency is not None
        or speaker.name
    ):
        return
    tokens = sorted(speaker.tokens, key=lambda t: t.i)
    nouns = frozenset(t.lemma_.lower() for t in tokens if t.pos_ == "NOUN")
    if not nouns:
        return
    carried = Mention(
        tokens[0].idx + doc_offset,
        tokens[-1].idx + len(tokens[-1]) + doc_offset,
        channel.agency,
        channel.name,
        nouns,
    )
    registry.references.append(carried)
    if phrase_head(tokens).tag_ == "NNS":
        registry.last_carried = carried
    else:
        # "Abenov's wife, Aigerim, told AFP ... 'We came to Britain,' she
        # said": the person the outlet carried goes on speaking through it.
        carried.person = True
        carried.gender = gender_of(t.lower_ for t in tokens)
        registry.persons.append(carried)
