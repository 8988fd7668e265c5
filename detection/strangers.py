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

from detection.mentions import Mention
from detection.names import organisation_name
from detection.places import countries_of
from detection.resolution import gender_of

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
        registry.strangers.append(position)
        registry.stranger_genders[position] = gender


def _known(registry: Registry, position: int, word: str) -> bool:
    """Whether a known person the story names is there or goes by ``word``."""
    return any(
        a <= position < b
        or any(label.split()[-1].lower() == word for label in (p.name, *p.aliases))
        for a, b, p in registry.people_named.found
    )


def _about(token: Token) -> bool:
    """Whether the sentence is about the person ``token`` names: the main
    clause's subject, the subject before a trailing "he says", or a name
    set beside someone spoken to ("I spoke to the mayor, Mrs Roe")."""
    head = token.head
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
