"""The desk's decisions simulated from gold labels, for the evaluation."""

from __future__ import annotations

from collections.abc import Sequence

from detection.detector import detect
from detection.lessons import ACCEPTED, REJECTED, Decision, Lessons
from detection.records import Detection
from detection.scoring import covers
from detection.stories import Newsroom, Story


def decisions_from_gold(story: Story, found: Sequence[Detection]) -> list[Decision]:
    """The decisions a careful reporter would make on ``found``: accept what
    a gold claim covers (under the gold agency), reject the rest."""
    made = []
    for detection in found:
        gold = next((g for g in story.gold if covers(detection, g)), None)
        if gold is None:
            made.append(
                Decision(REJECTED, detection.cue, detection.source, detection.agency)
            )
        elif not gold.optional:
            made.append(
                Decision(
                    ACCEPTED,
                    detection.cue,
                    detection.source,
                    detection.agency,
                    gold.agency,
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
