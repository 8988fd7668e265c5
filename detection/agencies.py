"""The agencies a newsroom knows, indexed once per list for finding them
in a story: one pattern for every name and alias, who holds each label,
and each name's words for roles; and the words that describe an agency (its
kind's nouns, its labels', its country's)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from detection.cues import (
    COMPANY_WORDS,
    CONTINENT_ADJECTIVES,
    COUNTRY_FILLERS,
    COUNTRY_WORDS,
    KIND_NOUNS,
    MEMBER_NOUNS,
    MEMBERSHIP_WORDS,
    REGULATOR_WORDS,
    STOP_WORDS,
    TITLES,
    TRADE_WORDS,
    UTILITY_WORDS,
)
from detection.records import AgencyRef
from detection.wording import fits, words_of

DETERMINER = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.IGNORECASE)


def is_description(label: str) -> bool:
    """Whether an alias describes rather than names: "the bank", not "the
    ECB"; a title ("Finance Minister") describes whoever holds it."""
    words = DETERMINER.sub("", label.strip()).split()
    if words and words[-1].lower() in TITLES:
        return True
    return bool(words) and not any(w[:1].isupper() or w[:1].isdigit() for w in words)


def _describes(label: str) -> bool:
    """A description that is no title: "the governing body", "the regulator"."""
    words = DETERMINER.sub("", label.strip()).split()
    return is_description(label) and not (words and words[-1].lower() in TITLES)


def fold_first(label: str) -> str:
    return label[:1].lower() + label[1:]


@dataclass(frozen=True)
class AgencyIndex:
    """What recognising a list of agencies needs, built once per list: one
    pattern for every alias (longest first, so "the TASS news agency" wins
    over "TASS"), every agency holding each, and each name's words for roles."""

    pattern: re.Pattern[str] | None
    by_label: dict[str, tuple[str, tuple[AgencyRef, ...]]]
    # Each label's words, its agency, and whether the label describes rather
    # than names ("the governing body", not "Finance Minister").
    words: tuple[tuple[frozenset[str], AgencyRef, bool], ...]
    # For each word, the positions in ``words`` of the names holding it.
    holding: dict[str, tuple[int, ...]]
    # The words of the agencies' countries ("kenya", "spain").
    countries: frozenset[str]


_END = ""  # a trie node's mark that a label ends there


def _one_of(labels: Iterable[str]) -> str:
    """A pattern matching any of ``labels`` (their first letter in either
    case), the longest where several start at one place.

    Written as a trie (the labels' shared beginnings once), not as one
    alternative per label longest first: that pattern tried every label at
    every position of the text, a sixth of detection's time with a couple of
    thousand labels, and more as the newsroom's agencies grow. At each node
    going on is tried before ending, and only one branch can go on, so the
    first match is the longest whose end the caller's lookahead accepts, as
    before.
    """
    root: dict[str, Any] = {}
    for label in labels:
        node = root
        for char in label:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _node_pattern(root, first=True)


def _node_pattern(node: dict[str, Any], *, first: bool = False) -> str:
    branches = [
        (
            f"[{re.escape(char.upper())}{re.escape(char.lower())}]"
            if first
            else re.escape(char)
        )
        + _node_pattern(child)
        for char, child in node.items()
        if char != _END
    ]
    if not branches:
        return ""
    alternatives = (
        branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    )
    if _END in node:
        return f"(?:{alternatives})?"
    return alternatives


@functools.lru_cache(maxsize=16)
def agency_index(agencies: tuple[AgencyRef, ...]) -> AgencyIndex:
    holders: dict[str, tuple[str, list[AgencyRef]]] = {}
    words = []
    for agency in agencies:
        for raw in (agency.name, *agency.aliases):
            label = raw.strip()
            if not label:
                continue
            entry = holders.setdefault(fold_first(label), (label, []))
            if agency not in entry[1]:
                entry[1].append(agency)
            needed = frozenset(w for w in words_of(label) if w not in STOP_WORDS)
            if len(needed) > 1:
                words.append((needed, agency, _describes(label)))
    # "the Ministry of Agriculture, Fisheries and Food" is that name, not
    # the "the Ministry of Agriculture" of another story's: the name with
    # "the" before it, as a story writes it, is matched whole.
    for key, (label, held) in list(holders.items()):
        if " " in label and not key.startswith("the ") and not is_description(label):
            holders.setdefault("the " + label, ("the " + label, held))
    pattern = (
        re.compile(r"(?<![\w-])" + _one_of(holders) + r"(?![\w-])") if holders else None
    )
    # "The Ministry of Health said": the longest alias it matches is "the
    # Ministry of Health", but it names as well the agencies listing the name
    # without "the" ("Ministry of Health").
    for key, (label, held) in holders.items():
        bare = fold_first(key[4:]) if key.startswith("the ") else ""
        if bare and bare in holders and not is_description(label):
            held.extend(a for a in holders[bare][1] if a not in held)
    by_label = {key: (label, tuple(held)) for key, (label, held) in holders.items()}
    holding: dict[str, list[int]] = {}
    for position, (needed, _, _) in enumerate(words):
        for word in needed:
            holding.setdefault(word, []).append(position)
    return AgencyIndex(
        pattern,
        by_label,
        tuple(words),
        {word: tuple(found) for word, found in holding.items()},
        frozenset(w for agency in agencies for w in country_words(agency)),
    )


@functools.lru_cache(maxsize=4096)
def country_words(agency: AgencyRef) -> frozenset[str]:
    """The words that place an agency's country ("spain"; "korea" of "South
    Korea"; "us" of "United States of America")."""
    words = frozenset(w for w in words_of(agency.country) if w not in COUNTRY_FILLERS)
    if words <= CONTINENT_ADJECTIVES:
        # "Central African Republic": "African" places no one country
        words = frozenset()
    return words | COUNTRY_WORDS.get(agency.country.lower(), frozenset())


def placed_by(words: Iterable[str], agency: AgencyRef) -> bool:
    """Whether any of ``words`` places the agency in its country ("Kenyan",
    "Kenya's" of Kenya's ministry)."""
    places = country_words(agency)
    return any(fits((w,), places) for w in words)


def kind_of(agency: AgencyRef) -> str:
    """An agency's kind, or, when it has none that describes it, "company"
    for a name or alias that says so ("Orbis Systems Europe", "Halden
    Holdings", "Hanseo Precision Co")."""
    if agency.kind in KIND_NOUNS:
        return agency.kind
    for label in (agency.name, *agency.aliases):
        words = label.replace(".", "").split()[1:]
        if any(w in COMPANY_WORDS for w in words):
            return "company"
    return agency.kind


@functools.lru_cache(maxsize=4096)
def nouns_of(agency: AgencyRef) -> frozenset[str]:
    """The words that describe an agency: its kind's nouns, its labels' words
    and its country's name."""
    kind = kind_of(agency)
    named = frozenset(
        w for label in (agency.name, *agency.aliases) for w in words_of(label)
    )
    nouns = set(KIND_NOUNS.get(kind, ())) | (named - STOP_WORDS)
    for word in set(nouns) & MEMBER_NOUNS.keys():
        nouns |= MEMBER_NOUNS[word]
    return frozenset(nouns | trade_nouns(named, kind) | country_words(agency))


# Nouns a company shares with other kinds ("agency", "group").
_EVERY_KINDS_NOUNS = frozenset(
    w for kind, nouns in KIND_NOUNS.items() if kind != "company" for w in nouns
) | frozenset(("group",))


def trade_nouns(words: frozenset[str], kind: str) -> frozenset[str]:
    """What a story may call a body of ``kind`` ("" for an organisation the
    newsroom does not know) for what its name's ``words`` say it does: a
    power company "the utility", a securities commission "the regulator"."""
    nouns: set[str] = set()
    if kind in ("company", "other", "") and words & UTILITY_WORDS:
        nouns.add("utility")
    if kind in ("government", "other", "") and words & REGULATOR_WORDS:
        nouns |= {"regulator", "watchdog"}
    if words & MEMBERSHIP_WORDS and words & TRADE_WORDS:
        nouns.add("union")
    # A body filed under no kind that the newsroom calls by a company's
    # noun ("the freight operator") is "the company" too.
    if kind == "other" and words & (KIND_NOUNS["company"] - _EVERY_KINDS_NOUNS):
        nouns |= {"company", "firm"}
    return frozenset(nouns)


@functools.lru_cache(maxsize=4096)
def name_words(agency: AgencyRef) -> frozenset[str]:
    """The words of an agency's names, not of its descriptions."""
    return frozenset(
        w
        for label in (agency.name, *agency.aliases)
        if not is_description(label)
        for w in words_of(label)
        if w not in STOP_WORDS
    )


@functools.lru_cache(maxsize=4096)
def label_words(agency: AgencyRef) -> frozenset[str]:
    """The words of all an agency's labels."""
    return frozenset(
        w
        for label in (agency.name, *agency.aliases)
        for w in words_of(label)
        if w not in STOP_WORDS
    )
