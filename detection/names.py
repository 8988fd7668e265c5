"""Names of organisations the newsroom does not know, read from a speaker's
phrase: "The Red Cross", "Tekna, the union", "a lawyer for the Kaptagat
Victims' Association", "Jakarta brokerage Nusantara Sekuritas".

People's names are not organisations: a name counts when its last word is
an organisation's ("Forum", "Association"), when the phrase calls it one
("a small union", "the fund"), or when it is an acronym or has a number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from detection.capitals import CAPITALS, is_capital
from detection.cues import (
    ALL_KIND_NOUNS,
    EMPTY_IT_VERBS,
    GOVERNMENT_WORDS,
    MONTHS,
    NAME_JOINERS,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    POST_NOMINALS,
    SAY_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns for a person who speaks for an organisation named after "of"/"for".
_FOR_WHOM = ("for", "of", "at", "from", "by")


def _capital(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _joins(token: Token) -> bool:
    # A hyphen inside a word ("European-Mediterranean") joins its halves.
    hyphen = (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )
    return hyphen or token.lower_ in NAME_JOINERS or token.text in ("'", "'s", "&")


def name_run(token: Token, *, ending: bool = False) -> str:
    """The run of capitalised words (and the words joining them: of, de, &,
    a possessive's mark) around ``token``, without a leading "The"; ending
    at ``token`` when ``ending``."""
    doc, sent = token.doc, token.sent
    first = token.i
    while first - 1 >= sent.start and (
        _capital(doc[first - 1])
        or (
            _joins(doc[first - 1])
            and first - 2 >= sent.start
            and _capital(doc[first - 2])
        )
    ):
        if (
            doc[first - 1].lower_ == "the"
            or ":" in doc[first - 1].text
            # "At Mugda Hospital": a sentence's first word, not the name's
            or (
                doc[first - 1].pos_ in ("ADP", "SCONJ", "DET", "PRON")
                and doc[first - 1].i == sent.start
            )
            # "Consultancy CRU expects": the kind it opens the sentence with,
            # capitalised there, is no word of the name
            or (
                doc[first - 1].i == sent.start
                and doc[first - 1].lower_ in ORGANISATION_NOUNS
                and doc[first - 1].text not in ORGANISATION_WORDS
            )
        ):
            break
        first -= 1
    last = token.i
    while last + 1 < sent.end and not ending:
        following = doc[last + 1]
        if _capital(following) and following.pos_ in ("PROPN", "NUM", "NOUN", "ADJ"):
            last += 1
        elif (
            _joins(following)
            and last + 2 < sent.end
            and _capital(doc[last + 2])
            and not _where(following, doc[last + 2])
            and not _town_after(following, doc, last + 2)
        ):
            last += 2
        else:
            break
    return doc[first : last + 1].text


_COUNTRIES = frozenset(CAPITALS.values())
_MONTH_NAMES = frozenset(month.title() for month in MONTHS)


def _where(joiner: Token, place: Token) -> bool:
    """Whether "in" and a capital or a country says where a body is, not
    its name ("the Carnegie Russia Eurasia Center in Berlin"), or when
    ("a report by Kite Analytics in May")."""
    return joiner.lower_ == "in" and (
        is_capital(place.text) or place.text in _COUNTRIES or place.text in _MONTH_NAMES
    )


def _town_after(joiner: Token, doc: Doc, place: int) -> bool:
    """Whether "in" and one capitalised word ending the name, after a word
    organisations' names end in, say where a body is ("Kavach Securities in
    Mumbai", "the GEOMAR Helmholtz Centre for Ocean Research in Kiel")."""
    following = doc[place + 1] if place + 1 < len(doc) else None
    # (people of a place are part of it: "the Association of Senegalese
    # Residents in Tenerife")
    return (
        joiner.lower_ == "in"
        and joiner.i > 0
        and doc[joiner.i - 1].text in ORGANISATION_WORDS
        and (following is None or not _capital(following))
    )


def _indefinite(token: Token) -> bool:
    return any(c.lower_ in ("a", "an") for c in token.children)


def _described(token: Token) -> bool:
    """Whether the phrase calls ``token`` an organisation: its apposition,
    its compound ("brokerage Nusantara Sekuritas"), the noun it is set to,
    or the noun just before its name ("the tenants' union Living Rent")."""
    # the start of its name, across "de" and "of": "Valores del Pacífico"
    first, doc = token.i, token.doc
    while first > token.sent.start and (
        _capital(doc[first - 1])
        or (_joins(doc[first - 1]) and first - 2 >= 0 and _capital(doc[first - 2]))
    ):
        first -= 1
    near = [
        *(c for c in token.children if c.dep_ in ("appos", "compound")),
        # what it is set beside: "X, a residents' association, X Viva"
        *([token.head] if token.dep_ == "appos" else []),
        *(
            c
            for c in token.head.children
            if c.dep_ == "appos" and token.dep_ == "appos"
        ),
        *([token.doc[first - 1]] if first > token.sent.start else []),
    ]
    # "Northpower, which runs the lines network, says": a name a clause
    # calls a "which", not a "who", is a body's.
    which = any(
        c.dep_ == "relcl"
        and any(
            g.lower_ == "which" and g.dep_ in ("nsubj", "nsubjpass") for g in c.children
        )
        for c in token.children
    )
    return which or any(
        t.lemma_.lower() in ORGANISATION_NOUNS and not _capital(t) for t in near
    )


def body_of(token: Token) -> Token | None:
    """The name of the body a named person is of ("Hamida Begum of the
    Rohingya Justice Collective"), or None."""
    return next(
        (
            o
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in _FOR_WHOM
            for o in p.children
            if o.dep_ == "pobj" and o.pos_ == "PROPN"
        ),
        None,
    )


def _candidates(head: Token) -> Iterator[Token]:
    """The head, its appositions, and whom a person speaks for ("a lawyer
    for X", "a representative of X"), each with its own appositions."""
    yield head
    # whose part the head is: "The Congress party's Odisha unit"
    yield from (
        c
        for c in head.children
        if c.dep_ == "poss" and c.pos_ == "NOUN" and head.pos_ == "NOUN"
    )
    for apposition in (c for c in head.children if c.dep_ == "appos"):
        yield apposition
        # "its shareholder, the fund Halden Capital": the fund's own name
        yield from (c for c in apposition.children if c.dep_ == "appos")
        yield from _for_whom(apposition)
    yield from _for_whom(head)
    # "a Jesuit-run group in Dajabon, the Border Solidarity Service": the
    # parser sets the name beside the place
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            yield from (c for c in obj.children if c.dep_ == "appos")


def _for_whom(token: Token) -> Iterator[Token]:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _FOR_WHOM:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    yield obj
                    yield from (c for c in obj.children if c.dep_ == "appos")


def organisation_name(head: Token) -> str:
    """The name of an organisation the phrase headed by ``head`` gives, or ""."""
    for token in _candidates(head):
        if (
            token.pos_ != "PROPN"
            # "the Tana Delta Pastoralists' Network": a name's last word the
            # parser read as a common noun
            and token.text not in ORGANISATION_WORDS
            and not (
                token.lemma_.lower() in ORGANISATION_NOUNS
                and any(
                    c.pos_ == "PROPN" for c in token.children if c.dep_ == "compound"
                )
            )
        ):
            continue
        # "The Congress party's Odisha unit": the party's name, not the unit's.
        name = _after_its_kind(token, name_run(token, ending=token.dep_ == "poss"))
        words = name.split()
        if not words:
            continue
        last = words[-1].strip("'")
        if (
            _described(token)
            # "the Congress party", not "a Northland court": what it is
            or (token.pos_ != "PROPN" and not _indefinite(token))
            or any(w.strip("'") in ORGANISATION_WORDS for w in words)
            # "the Regional Government of Moquegua", not "the Government"
            or (len(words) > 1 and any(w in GOVERNMENT_WORDS for w in words))
            or (last.isupper() and len(last) > 1 and last.lower() not in POST_NOMINALS)
            or any(w.isdigit() for w in words)
            or (len(words) > 1 and _spoken_of_as_it(token))
        ):
            return name
    return ""


def _spoken_of_as_it(token: Token) -> bool:
    """Whether a name is what "it" in the clause its cue reports stands for
    ("Citizens Advice said it had seen a rise ..."), no empty "it" ("it was
    too early to say"): an organisation, not a person."""
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in SAY_VERBS:
        return False
    return any(
        clause.dep_ == "ccomp"
        and clause.lemma_.lower() not in EMPTY_IT_VERBS
        and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children)
        for clause in verb.children
    )


def _after_its_kind(token: Token, name: str) -> str:
    """ "the Lisbon consultancy Marítima Consultores": the name after the
    common noun of its kind, not the place before it."""
    words = name.split()
    if token.pos_ != "PROPN" and token.text in words[:-1] and not _capital(token):
        return " ".join(words[words.index(token.text) + 1 :])
    return name


def name_beside(head: Token) -> str:
    """The name set beside ``head`` ("Glencore's rival, Vale"), or ""."""
    for apposition in (c for c in head.children if c.dep_ == "appos"):
        if apposition.pos_ == "PROPN":
            return name_run(apposition)
    return ""


def named_by_kind(tokens: list[Token]) -> str:
    """An organisation's name that ends in its kind, in lower case: "the
    Khelcom women's cooperative" ("Khelcom women's cooperative"), from its
    first capitalised word to its kind noun; or ""."""
    words = [t for t in tokens if t.dep_ != "det"]
    if (
        len(words) < 2  # noqa: PLR2004 - a name and its kind
        or not words[0].text[:1].isupper()
        or words[-1].lemma_.lower() not in ORGANISATION_NOUNS | ALL_KIND_NOUNS
    ):
        return ""
    return words[0].doc[words[0].i : words[-1].i + 1].text
