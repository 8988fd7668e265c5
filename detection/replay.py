"""The desk's decisions simulated from gold labels, for the evaluation."""

from __future__ import annotations

from collections.abc import Sequence

from detection.detector import detect
from detection.lessons import ACCEPTED, REJECTED, Decision, Lessons
from detection.records import Detection
from detection.scoring import covers, same_source
from detection.stories import Newsroom, Story


def decisions_from_gold(story: Story, found: Sequence[Detection]) -> list[Decision]:
    """The decisions a careful reporter would make on ``found``: accept what
    a gold claim covers (under the gold agency, when the detector gave
    another), reject the rest; optional claims are left undecided."""
    made = []
    for detection in found:
        gold = next((g for g in story.gold if covers(detection, g)), None)
        if gold is None:
            made.append(
                Decision(REJECTED, detection.cue, detection.source, detection.agency)
            )
        elif not gold.optional:
            chosen = detection.agency if same_source(detection, gold) else gold.agency
            made.append(
                Decision(
                    ACCEPTED,
                    detection.cue,
                    detection.source,
                    detection.agency,
                    chosen,
                )
            )
    return made


def replay(stories: Sequence[Story], newsroom: Newsroom) -> Lessons:
    """The lessons of the desk deciding every suggestion on ``stories``."""
    decisions: list[Decision] = []
    for story in stories:
        found = detect(story.text, newsroom.agencies, newsroom.people)
        decisions += decisions_from_gold(story, found)
    return Lessons.learn(decisions)
