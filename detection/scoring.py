"""Scoring detections against gold claims, with each error put in a family.

A detection matches a gold claim when it covers at least half of the gold
quote and names the same source (detection/corpus/README.md, "Scoring").
Every missed gold claim and every unmatched detection is one error, in the
family that explains it best:

- ``resolution``: the passage was found but given another source;
- ``document``: the source is a document or data (a poll, results, a report);
- ``continuation``: the source is carried over ("he said", "the adviser");
- ``frame``: an accusation, blame, denial, warning, appeal, a colon or dash;
- ``span``: the right source, the wrong words (a fragment, a run-on, one
  passage for two claims of one source);
- ``other``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from detection.records import Detection
from detection.stories import Gold, same_name

# An unmatched detection this short (in words) is a fragment.
SHORT_PASSAGE_WORDS = 5
FAMILIES = ("resolution", "document", "continuation", "frame", "span", "other")

_DOCUMENT = re.compile(
    r"\b(poll|survey|result|data|figure|report|statement|post|forecast|"
    r"projection|document|filing|study|estimate|count|tally|census|index|"
    r"release|published|showed|show|gave|give|letter|ruling|order|bulletin|"
    r"minutes|transcript|notice|website|tweet|tweeted|posted)s?\b",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    r"^(he|she|they|it|we)\b|\b(added|continued|went on)\b|^(the|its|his|her)\s",
    re.IGNORECASE,
)
_FRAME = re.compile(
    r"\b(accus|blam|den(y|ied|ial)|warn|appeal|urg|call(ed)? (on|for)|"
    r"condemn|reject|dismiss|insist|vow|threat)\w*|[:\u2014]|\s-\s",
    re.IGNORECASE,
)


@dataclass
class Score:
    true_positives: int = 0
    predictions: int = 0  # not counting those that match an optional gold claim
    gold: int = 0  # not counting optional gold claims
    families: Counter[str] = field(default_factory=Counter)
    # (confidence, correct) of each counted prediction
    outcomes: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predictions += other.predictions
        self.gold += other.gold
        self.families.update(other.families)
        self.outcomes += other.outcomes

    @property
    def precision(self) -> float:
        return self.true_positives / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def same_source(detection: Detection, gold: Gold) -> bool:
    """Whether the detection names the gold claim's source: its agency or,
    for a chain, either agency (the README's "either one counts", whether or
    not the newsroom knows the first); for a source the story calls unknown,
    its name, or the one record of the newsroom holding it (``known_as``)."""
    if gold.agency:
        # A detection naming no agency never names a known one.
        return detection.agency is not None and detection.agency in {
            gold.agency,
            gold.also_agency,
        }
    if detection.agency is not None and detection.agency in {
        gold.also_agency,
        gold.known_as,
    }:
        return True
    if detection.agency is not None:
        return False
    if gold.agency_name:
        return same_name(detection.agency_name) == same_name(gold.agency_name)
    return True


def _overlap(detection: Detection, gold: Gold) -> int:
    return min(detection.end, gold.end) - max(detection.start, gold.start)


def covers(detection: Detection, gold: Gold) -> bool:
    return _overlap(detection, gold) >= 0.5 * (gold.end - gold.start)


def _family_of_gold(gold: Gold, detections: Sequence[Detection]) -> str:
    """Why a gold claim was missed."""
    near = [d for d in detections if _overlap(d, gold) > 0]
    # Its source's passage was taken by the claim beside it: one passage
    # for two claims ("said A and called for B") is a boundary, not a source.
    if any(same_source(d, gold) for d in near):
        return "span"
    if any(covers(d, gold) for d in near):
        return "resolution"
    return _family_of_cue(f"{gold.cue} {gold.speaker}".strip(), gold.cue)


def _family_of_cue(words: str, cue: str) -> str:
    if _DOCUMENT.search(words):
        return "document"
    if _FRAME.search(cue):
        return "frame"
    if _CONTINUATION.search(words):
        return "continuation"
    return "other"


def _family_of_extra(detection: Detection, golds: Sequence[Gold]) -> str:
    """Why a detection matched no gold claim."""
    near = [g for g in golds if _overlap(detection, g) > 0]
    if any(covers(detection, g) and not same_source(detection, g) for g in near):
        return "resolution"
    if near or len(detection.quote.split()) < SHORT_PASSAGE_WORDS:
        return "span"
    return _family_of_cue(f"{detection.cue} {detection.speaker}", detection.cue)


def score_story(
    detections: Sequence[Detection], golds: Sequence[Gold]
) -> tuple[Score, list[str]]:
    """One-to-one matching: required gold claims first, then optional ones."""
    score = Score(gold=sum(not g.optional for g in golds))
    used: set[int] = set()
    ignored: set[int] = set()
    notes = []
    for gold in sorted(golds, key=lambda g: g.optional):
        match = next(
            (
                n
                for n, d in enumerate(detections)
                if n not in used | ignored and covers(d, gold) and same_source(d, gold)
            ),
            None,
        )
        if match is None:
            if not gold.optional:
                family = _family_of_gold(gold, detections)
                score.families[family] += 1
                notes.append(
                    f"  missed  {family:<12} [{gold.agency}] {gold.quote[:70]!r}"
                )
        elif gold.optional:
            ignored.add(match)
        else:
            used.add(match)
            score.true_positives += 1
    for n, detection in enumerate(detections):
        if n in ignored:
            continue
        score.predictions += 1
        score.outcomes.append((detection.confidence, n in used))
        if n not in used:
            family = _family_of_extra(detection, golds)
            score.families[family] += 1
            notes.append(
                f"  extra   {family:<12} [{detection.agency or detection.agency_name!r}] "
                f"{detection.quote[:70]!r} ({detection.cue})"
            )
    return score, notes
