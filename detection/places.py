"""A country a sentence is about, for "its foreign ministry" after it.

"Slovakia appears to be on board. Its foreign ministry said ...": the
ministry is Slovakia's, not that of the organisation that spoke last. A
sentence's subject that is a country some known agency belongs to is kept;
a possessive phrase after it is that country's agency its words fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.agencies import country_words, label_words, nouns_of
from detection.capitals import EUROPEAN_UNION, capital_country
from detection.cues import (
    COUNTRY_FILLERS,
    ORGANISATION_NOUNS,
    PEOPLE_NOUNS,
    PLACE_KINDS,
    STOP_WORDS,
)
from detection.records import AgencyRef
from detection.wording import fits, words_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detection.mentions import Registry


def countries_of(registry: Registry) -> frozenset[str]:
    """The words of the countries the known agencies belong to."""
    return registry.countries


def note_places(sent: Span, registry: Registry, offset: int) -> None:
    """Note the country ``sent`` is about, if its subject is one."""
    countries = countries_of(registry)
    for token in sent:
        if (
            token.dep_ == "nsubj"
            and token.head.dep_ == "ROOT"
            and token.pos_ == "PROPN"
            and token.lower_ in countries
        ):
            registry.places.append((token.idx + offset, token.text))


def its_country(
    registry: Registry, tokens: list[Token], start: int
) -> AgencyRef | None:
    """The agency "its foreign ministry" names when the sentence before was
    about a country and no source spoke since."""
    place = max((p for p in registry.places if p[0] < start), default=None)
    spoke = registry.last_speaker
    if place is None or (spoke is not None and spoke.end > place[0]):
        return None
    country = words_of(place[1])
    needed = [
        w
        for t in tokens
        if t.dep_ != "poss"
        for w in words_of(t.text)
        if w not in STOP_WORDS
    ]
    fitting = [
        a
        for a in registry.agencies.values()
        if fits(country, country_words(a)) and fits(needed, nouns_of(a))
    ]
    return fitting[0] if len(fitting) == 1 else None


def country_source(registry: Registry, head: Token, start: int) -> AgencyRef | None:
    """The source a country speaks through ("Kazakhstan says ...",
    "Tanzania confirmed ...", "a Saudi negotiator said", "Moscow warned"):
    of the agencies of that country the story names, by name, as a speaker
    or by a known person, the one named nearest. "Brussels" is the
    European Union's institutions, not Belgium's."""
    word = _country_word(registry, head)
    # "Moscow said": the capital speaks for its country.
    capital = "" if word else capital_country(head)
    if not word and not capital:
        return None
    named = [
        (m.start, m.agency)
        for m in (*registry.mentions, *registry.references)
        if m.agency is not None
    ]
    for position, _, person in registry.people_named.found:
        agency = registry.agencies.get(person.agency or "")
        if agency is not None:
            named.append((position, agency))
    # "a Spanish police source": the police's, not any Spanish agency's.
    kinds = {
        c.lemma_.lower()
        for c in head.children
        if c.dep_ == "compound" and c.lemma_.lower() in _INSTITUTION_NOUNS
    }
    near = [
        (abs(position - start), agency)
        for position, agency in named
        if _of_place(agency, word, capital) and kinds <= nouns_of(agency)
    ]
    return min(near, key=lambda pair: pair[0])[1] if near else None


# What a country's agency must hold to speak for the institution a phrase
# names ("a Spanish police source").
_INSTITUTION_NOUNS = ORGANISATION_NOUNS | {"police"}


def _of_place(agency: AgencyRef, word: str, capital: str) -> bool:
    # A country speaks through its state, not through its news agency or
    # one of its companies ("a Brazilian diplomat" is no Agência Brasil).
    if agency.kind and agency.kind not in PLACE_KINDS:
        return False
    if capital == EUROPEAN_UNION:
        return not agency.country and bool({"eu", "european"} & label_words(agency))
    if capital:
        return agency.country == capital
    return fits((word,), country_words(agency))


def _names_a_body(head: Token, registry: Registry) -> bool:
    """Whether a country's name ends a longer name, an organisation's:
    "Statistics New Zealand", "Health Canada" (a capitalised word before
    it that is no country's word, nor a country name's own "New")."""
    return any(
        child.dep_ == "compound"
        and child.i < head.i
        and child.text[:1].isupper()
        and child.lower_ not in countries_of(registry)
        and child.lower_ not in COUNTRY_FILLERS
        for child in head.children
    )


def _country_word(registry: Registry, head: Token) -> str:
    """The country a speaker's phrase names: the country itself as its head
    ("Kazakhstan"), or one of its people's ("a Saudi negotiator")."""
    if head.pos_ == "PROPN":
        if head.lower_ not in countries_of(registry) or _names_a_body(head, registry):
            return ""
        return head.lower_
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or lemma not in PEOPLE_NOUNS:
        return ""
    for child in head.children:
        if child.dep_ in ("amod", "compound") and child.text[:1].isupper():
            words = words_of(child.text)
            if words and fits(words[:1], countries_of(registry)):
                return words[0]
    return ""
