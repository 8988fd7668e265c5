"""Whom each sentence is about, noted as detection walks the story, for the
references after it: an organisation as a sentence's subject (known or not,
"Ordo Media is still publishing"), one named in passing ("At Mugda Medical
College Hospital, ..."), a person nobody names ("a waiter recalled ..."),
and a document that names its source ("a report published by X").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.cues import (
    KIND_NOUNS,
    ORGANISATION_NOUNS,
    PLACE_NOUNS,
    PUBLISHED_RESEARCH,
)
from detection.documents import documents_in
from detection.mentions import Mention, Registry
from detection.names import organisation_name
from detection.parties import Party
from detection.phrases import in_dateline
from detection.places import note_places
from detection.resolution import resolve

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def note_sentence(sent: Span, registry: Registry, offset: int) -> None:
    """What a sentence is about: its subjects, its country, its documents."""
    note_subjects(sent, registry, offset)
    note_places(sent, registry, offset)
    note_documents(sent, registry, offset)
    note_appositions(sent, registry, offset)


def note_appositions(sent: Span, registry: Registry, offset: int) -> None:
    """What the story calls a known agency beside its name ("the
    Information Commissioner's Office, Britain's data protection
    regulator"): "the regulator" after it is that agency."""
    for token in sent:
        if token.dep_ != "appos" or token.pos_ != "NOUN":
            continue
        head = token.head.idx + offset
        for mention in registry.mentions_in(head, head + len(token.head)):
            if mention.agency is not None:
                mention.nouns |= {token.lemma_.lower()}


def note_subjects(sent: Span, registry: Registry, offset: int) -> None:
    """Whom a sentence is about (its subject), for the pronouns after it:
    where a known organisation is, one the newsroom does not know by its
    name ("Ordo Media is still publishing"), and a person nobody names ("a
    waiter recalled ..."), whom "he" then continues rather than anyone else."""
    for token in sent:
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if token.head.dep_ == "ROOT":
            registry.note_subject(token.idx + offset)
            # "a store manager ..., the manager": someone unnamed, again.
            lemma = token.lemma_.lower()
            if _someone(token) or (
                token.pos_ == "NOUN" and lemma in registry.stranger_nouns
            ):
                registry.strangers.append(token.idx + offset)
                registry.stranger_nouns.add(lemma)
        if token.pos_ == "PROPN":
            _organisation(token, registry, offset, subject=True)
        elif token.tag_ == "NNS" and token.head.dep_ == "ROOT":
            # "Volunteers from the Sudan Doctors Network have ...": people of
            # an organisation, whom the sentence is about.
            _people_of(token, registry, offset)
        elif token.head.dep_ == "ROOT":
            _described_organisation(token, registry, offset)
    # "At Mugda Medical College Hospital, ...": named where it is no
    # subject, for "the hospital" after it.
    for token in sent:
        if token.pos_ == "PROPN" and token.dep_ in ("pobj", "dobj", "appos"):
            _organisation(token, registry, offset, subject=False)
        elif token.tag_ == "NNS" and token.dep_ in ("pobj", "dobj"):
            # "I spoke to volunteers from Utopia 56 ... They say ...": the
            # people of an organisation the sentence met are whom "they"
            # after it means.
            _people_of(token, registry, offset)


def _people_of(token: Token, registry: Registry, offset: int) -> None:
    """People of an organisation ("volunteers from Utopia 56", "analysts at
    Fjordline Capital"): whom "they" after them means, known or not."""
    for prep in (c for c in token.children if c.lower_ in ("of", "from", "at")):
        for name in (c for c in prep.children if c.pos_ == "PROPN"):
            _organisation(name, registry, offset, subject=True)
            registry.note_subject(name.idx + offset)


def _organisation(
    token: Token, registry: Registry, offset: int, *, subject: bool
) -> None:
    # the place a story was filed from is no organisation
    name = "" if in_dateline(token) else organisation_name(token)
    if name:
        start = token.doc.text.find(name, token.sent.start_char)
        if start >= 0:
            registry.add_organisation(
                start + offset, start + len(name) + offset, name, subject=subject
            )


def _described_organisation(token: Token, registry: Registry, offset: int) -> None:
    """ "The town's fishermen's cooperative has opposed the restart": an
    organisation the newsroom does not know, described by its kind as a
    sentence's subject, and no source met before that the noun fits; kept
    by its description ("fishermen's cooperative") for "its head" after it."""
    lemma = token.lemma_.lower()
    if (
        token.pos_ != "NOUN"
        or lemma not in ORGANISATION_NOUNS
        or not any(c.dep_ in ("poss", "compound", "amod") for c in token.children)
        or any(c.lower_ in ("a", "an", "one", "another") for c in token.children)
        or registry.recent(token.idx + offset, lemma) is not None
    ):
        return
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ != "det"]
    # "the town's": where it is, not its name
    while words and (words[0].lemma_.lower() in PLACE_NOUNS or words[0].dep_ == "case"):
        words = words[1:]
    if len(words) < 2:  # noqa: PLR2004 - a kind and what tells it apart
        return
    start = words[0].idx + offset
    end = token.idx + len(token) + offset
    name = token.doc.text[words[0].idx : token.idx + len(token)]
    registry.add_organisation(start, end, name, subject=True)


def note_documents(sent: Span, registry: Registry, offset: int) -> None:
    """A document and the source it names ("a report published by X"), for
    "the report" and "it" after it: the document speaks for its source."""
    for noun, source in documents_in(sent):
        noted = _note_source(
            registry, offset, noun, source, frozenset((noun.lemma_.lower(),))
        )
        if noted and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.dep_ == "ROOT":
            # A sentence about the document: "it" after it is the document.
            registry.subjects.append(noun.idx + offset)
    for verb in sent:
        journal = _published_in(verb)
        if journal is not None:
            _note_source(
                registry, offset, verb, list(journal.subtree), PUBLISHED_RESEARCH
            )


def _note_source(
    registry: Registry,
    offset: int,
    where: Token,
    source: list[Token],
    nouns: frozenset[str],
) -> bool:
    """Keep the source ``source`` names, at ``where``, for what ``nouns``
    call it later; whether it names one."""
    party = Party(source, "")
    resolve(party, registry, offset)
    if party.agency is None and not party.name:
        return False
    start = where.idx + offset
    registry.references.append(
        Mention(
            start,
            start + len(where),
            party.agency,
            party.name,
            nouns,
            unknown=party.agency is None,
        )
    )
    return True


def _published_in(verb: Token) -> Token | None:
    """The journal of "a trial ... published in The Lancet": research the
    story goes on to call "the paper", "the study", "the researchers"."""
    if verb.lemma_.lower() != "publish" or verb.dep_ not in ("acl", "relcl"):
        return None
    return next(
        (
            pobj
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for pobj in prep.children
            if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN"
        ),
        None,
    )


def _someone(token: Token) -> bool:
    """Whether ``token`` is an unnamed person: "a welder", "one engineer"."""
    lemma = token.lemma_.lower()
    return (
        token.pos_ == "NOUN"
        and any(c.lower_ in ("a", "an", "one") for c in token.children)
        and lemma not in ORGANISATION_NOUNS
        and not any(lemma in nouns for nouns in KIND_NOUNS.values())
    )
