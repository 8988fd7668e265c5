"""Agencies that are one institution to a reader: the one the story names.

A newsroom's database holds thousands of agencies, some of them the same
institution filed twice ("Russia's Foreign Ministry" and "the Russian
Ministry of Foreign Affairs") and many sharing a name. A story means the
one it names itself: of two agencies of one country whose names fit each
other's words, the one the story names more often; of several holding a
name the story's words tell none apart by, the one the story names more
often by a name of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from detection.agencies import (
    AgencyIndex,
    country_words,
    fold_first,
    is_description,
    label_words,
)
from detection.cues import STOP_WORDS
from detection.records import AgencyRef
from detection.wording import fits, words_of


class Named(Protocol):
    """What ``prefer_named`` reads and sets of a mention
    (``detection.mentions.Mention``, which imports this module)."""

    start: int
    end: int
    agency: AgencyRef | None
    described: tuple[AgencyRef, ...]


def _identity(agency: AgencyRef) -> frozenset[str]:
    """The words an agency is known by: its labels' and its country's."""
    return label_words(agency) | country_words(agency)


def _needed(label: str) -> list[str]:
    return [w for w in words_of(label) if w not in STOP_WORDS]


def _names(label: str, agency: AgencyRef) -> bool:
    """Whether ``label`` names ``agency`` by more than its country: "Russia's
    Foreign Ministry" the Russian Ministry of Foreign Affairs, not "Russia"."""
    needed = _needed(label)
    country = country_words(agency)
    return any(not fits((w,), country) for w in needed) and fits(
        needed, _identity(agency)
    )


def prefer_named(
    mentions: Sequence[Named],
    index: AgencyIndex,
    text: str,
    tied: Sequence[bool],
    people: Counter[AgencyRef],
) -> None:
    """Give each named mention the agency the story itself means (see the
    module's docstring); ``tied`` tells, for each mention, that its label's
    holders were not told apart by the story's words; ``people`` counts the
    agencies of the known people the story names."""
    labels = [index.by_label[fold_first(text[m.start : m.end])] for m in mentions]
    # How often the story names each agency by a name only it holds, or by
    # a description it holds ("the city authorities").
    own: Counter[AgencyRef] = people + Counter(
        m.agency
        for m, (_, held) in zip(mentions, labels, strict=True)
        if m.agency is not None and len(held) == 1
    )
    own.update(a for m in mentions for a in m.described)
    for mention, (_, held), unsure in zip(mentions, labels, tied, strict=True):
        if mention.agency is None or not unsure:
            continue
        best = max(held, key=lambda a: own[a])
        if sum(own[a] == own[best] for a in held) == 1:
            mention.agency = best
    written: dict[AgencyRef, list[str]] = {agency: [] for agency in people}
    for mention, (label, _) in zip(mentions, labels, strict=True):
        if mention.agency is not None and not is_description(label):
            written.setdefault(mention.agency, []).append(label)
    named = people + Counter(
        m.agency for m in mentions if m.agency is not None and not m.described
    )
    for agency in list(written):
        twin = _twin(agency, written, named)
        if twin is not None:
            for mention in mentions:
                if mention.agency == agency:
                    mention.agency = twin


def _twin(
    agency: AgencyRef,
    written: dict[AgencyRef, list[str]],
    named: Counter[AgencyRef],
) -> AgencyRef | None:
    """The agency the story names more often that is the same institution
    as ``agency``: of its country, and named by every name the story gave
    ``agency``."""
    if not agency.country:
        return None
    found = [
        other
        for other in written
        if other != agency
        and other.country == agency.country
        # an industry's body is no ministry filed twice ("Fisheries
        # Iceland", Iceland's fisheries ministry)
        and not (other.kind and agency.kind and other.kind != agency.kind)
        and named[other] > named[agency]
        and all(_names(x, other) for x in written[agency])
    ]
    return found[0] if len(found) == 1 else None
