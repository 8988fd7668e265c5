"""People a sentence is about, for the "he" and "she" after it.

A person the story names but the newsroom does not know ("Cruz, a llama
farmer, ...", "the mayor, Mrs Jane Roe"), as a sentence's subject or set
beside someone it speaks to, is whom a "he" or "she" after it continues,
not a known source's spokesman met before; a known person is the subject
("Jane Roe tried to calm staff") the same way, for the pronouns after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detection.cues import POST_NOUNS, POST_VERBS
from detection.mentions import Mention
from detection.names import named_by_kind, organisation_name
from detection.parties import Party
from detection.places import countries_of
from detection.resolution import gender_of, resolve

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detection.mentions import Registry

_SUBJECTS = ("nsubj", "nsubjpass")


def note_people(
    sent: Span, registry: Registry, offset: int, regions: Sequence[tuple[int, int]]
) -> None:
    """Note the people ``sent`` is about that the newsroom does not know, not
    those of the words it quotes (``regions``, within its paragraph)."""
    for token in sent:
        if (
            token.pos_ != "PROPN"
            or token.tag_ == "NNPS"  # "Bulgarians"
            or any(a <= token.idx < b for a, b in regions)
            or not _about(token)
        ):
            continue
        position = token.idx + offset
        if any(m.start <= position < m.end for m in registry.mentions):
            continue
        if _known(registry, position, token.lower_):
            continue
        if organisation_name(token) or token.lower_ in countries_of(registry):
            continue
        title = [t for t in token.subtree if t.dep_ == "compound" or t == token]
        gender = gender_of(t.lower_ for t in title)
        agency = registry.role_match(" ".join(t.text for t in title))
        if agency is not None:
            # "Deputy Defence Minister Jan Roe": the ministry's, by title.
            end = title[-1].idx + len(title[-1]) + offset
            registry.persons.append(
                Mention(
                    title[0].idx + offset,
                    end,
                    agency,
                    agency.name,
                    person=True,
                    gender=gender,
                )
            )
            continue
        held = _post_at(token)
        if held:
            # "Jane Roe is president of the Harbour Traders' Association":
            # her "she said" after it is the association's.
            party = Party(held, "")
            resolve(party, registry, offset)
            if party.agency is None and not party.name:
                party.name = named_by_kind(held)
            if party.agency is not None or party.name:
                registry.persons.append(
                    Mention(
                        title[0].idx + offset,
                        title[-1].idx + len(title[-1]) + offset,
                        party.agency,
                        party.name,
                        unknown=party.agency is None,
                        person=True,
                        gender=gender,
                    )
                )
                continue
        registry.strangers.append(position)
        registry.stranger_genders[position] = gender


def _known(registry: Registry, position: int, word: str) -> bool:
    """Whether a known person the story names is there or goes by ``word``."""
    return any(
        a <= position < b
        or any(label.split()[-1].lower() == word for label in (p.name, *p.aliases))
        for a, b, p in registry.people_named.found
    )


def _post_at(token: Token) -> list[Token]:
    """The organisation whose post the sentence gives the person ``token``
    names: "Roe is (the) president of X", "Roe heads X"; or nothing."""
    if token.dep_ != "nsubj":
        return []
    verb = token.head
    lemma = verb.lemma_.lower()
    if lemma in POST_VERBS:
        return next(
            (_without_clauses(c) for c in verb.children if c.dep_ == "dobj"), []
        )
    if lemma != "be":
        return []
    for post in verb.children:
        if post.dep_ != "attr" or post.lemma_.lower() not in POST_NOUNS:
            continue
        for of in post.children:
            if of.dep_ == "prep" and of.lower_ in ("of", "at"):
                return [
                    t
                    for c in of.children
                    if c.dep_ == "pobj"
                    for t in _without_clauses(c)
                ]
    return []


def _without_clauses(head: Token) -> list[Token]:
    """The phrase ``head`` heads, less a clause or apposition describing it
    ("the cooperative, which has 600 members")."""
    aside = {
        t.i
        for c in head.children
        if c.dep_ in ("relcl", "acl", "appos") or c.text == ","
        for t in c.subtree
    }
    return [t for t in head.subtree if t.i not in aside]


def _about(token: Token) -> bool:
    """Whether the sentence is about the person ``token`` names: the main
    clause's subject, the subject before a trailing "he says", a name set
    beside someone spoken to ("I spoke to the mayor, Mrs Roe"), or a name
    given an age."""
    head = token.head
    # "Lise Munch, 38, who fishes ...": a person given their age, however
    # the parser hung the name (not in what someone said of them).
    if any(c.dep_ == "appos" and c.like_num for c in token.children) and not any(
        a.dep_ == "ccomp" for a in token.ancestors
    ):
        return True
    if token.dep_ in _SUBJECTS:
        if head.dep_ == "ROOT":
            return True
        root = head.head
        return (
            head.dep_ == "ccomp"
            and root.dep_ == "ROOT"
            and root.i > head.i
            and any(
                c.dep_ == "nsubj" and c.lower_ in ("he", "she") for c in root.children
            )
        )
    return token.dep_ == "appos" and head.dep_ in ("dobj", "pobj")
