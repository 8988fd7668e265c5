"""What the desk taught detection, as plain data.

Every accept, reject and change of a suggestion is a ``Decision``;
``Lessons.learn`` folds them into what the detector uses:

- an alias a reporter confirmed: a suggestion's source phrase ("the Kremlin
  press office", "Bankova") accepted under an agency the detector did not
  give it is read as that agency from then on;
- rejected patterns: each rejection of a cue with a source, net of the
  acceptances of the same pair, lowers the confidence of what that cue and
  source suggest next.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from detection.records import AgencyRef

ACCEPTED = "accepted"
REJECTED = "rejected"
# Each net rejection of a cue and source takes this much confidence off.
REJECTION_PENALTY = 0.2
_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i"])
_GENERIC = re.compile(r"^(?:the|a|an|its|his|her|their)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    """The desk's answer to one suggestion: what was proposed, what was kept."""

    verdict: str  # ACCEPTED or REJECTED
    cue: str
    source: str  # the words that named the source, as the text wrote them
    suggested_agency: str | None = None
    agency: str | None = None  # the agency accepted, when accepted


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _nameable(source: str) -> bool:
    """A phrase worth remembering as an alias: it names something (a capital
    after its first word) and is more than a pronoun or a description."""
    words = _GENERIC.sub("", source.strip()).split()
    if len(words) == 1 and words[0].casefold() in _PRONOUNS:
        return False
    return bool(words) and any(w[:1].isupper() for w in words)


@dataclass(frozen=True)
class Lessons:
    """Aliases the desk confirmed and the cue/source pairs it rejected."""

    aliases: dict[str, str] = field(default_factory=dict)  # phrase -> slug
    rejections: Counter[tuple[str, str]] = field(default_factory=Counter)
    decisions: tuple[Decision, ...] = ()

    @classmethod
    def learn(cls, decisions: Iterable[Decision]) -> Lessons:
        decisions = tuple(decisions)
        aliases: dict[str, str] = {}
        rejections: Counter[tuple[str, str]] = Counter()
        for decision in decisions:
            pair = (_key(decision.cue), _key(decision.source))
            if decision.verdict == REJECTED:
                rejections[pair] += 1
                continue
            rejections[pair] -= 1
            if (
                decision.agency
                and decision.agency != decision.suggested_agency
                and _nameable(decision.source)
            ):
                aliases[decision.source.strip()] = decision.agency
        return cls(aliases, +rejections, decisions)

    def teach(self, agencies: Sequence[AgencyRef]) -> tuple[AgencyRef, ...]:
        """The agencies with the aliases the desk confirmed added."""
        if not self.aliases:
            return tuple(agencies)
        extra: dict[str, list[str]] = {}
        for phrase, slug in self.aliases.items():
            extra.setdefault(slug, []).append(phrase)
        return tuple(
            AgencyRef(
                a.slug,
                a.name,
                (*a.aliases, *extra[a.slug]) if a.slug in extra else a.aliases,
                a.kind,
                a.country,
            )
            for a in agencies
        )

    def penalty(self, cue: str, source: str) -> float:
        """How much confidence the desk's rejections take off this cue and source."""
        return REJECTION_PENALTY * self.rejections.get((_key(cue), _key(source)), 0)
