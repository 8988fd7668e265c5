"""Evaluate claim detection on the corpus (detection/corpus/README.md).

Prints, side by side, the development stories (``corpus/dev``), the blind
stories (``corpus/blind``, if present: scored only as a whole, never story
by story) and, when ``POLNEAR_DIR`` names a local copy of PolNeAR, real
news: precision, recall, F1 and the errors counted by family. Each story is
read against the agencies and people of every story together, as the
newsroom's database would hold them. Then the speed of detection (ms of CPU
per 1,000 words, model loaded) and the memory the model adds. Not a test: it
asserts nothing. Run by ``make eval`` (``bench/eval_detection.py``).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from detection import polnear
from detection.detector import detect
from detection.lessons import Lessons
from detection.pipeline import load_model
from detection.records import Detection, fold
from detection.replay import replay
from detection.scoring import FAMILIES, Score, score_story
from detection.spans import paragraphs_of
from detection.stories import (
    CORPUS,
    Newsroom,
    Story,
    file_once,
    known_by_name,
    load_set,
    newsroom_of,
    second_labels,
)

SPEED_ROUNDS = 5
CONFIDENCE_BANDS = ((0.8, 1.01), (0.5, 0.8), (0.0, 0.5))


def rss_mb() -> float:
    """Resident memory of this process, in MB, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Result:
    name: str
    stories: int
    score: Score


def score_set(
    stories: Sequence[Story],
    newsroom: Newsroom | None,
    lessons: Lessons | None = None,
    show: Callable[[str], None] | None = None,
    *,
    nameless: bool = False,
) -> Score:
    """Detect every story and add up its score; ``show`` gets each story's
    line and its errors (never passed for the blind stories). ``nameless``:
    passages whose source no reader could name are proposed too (see
    ``detect``)."""
    total = Score()
    for story in stories:
        agencies = newsroom.agencies if newsroom else story.agencies
        people = newsroom.people if newsroom else story.people
        found = detect(story.text, agencies, people, lessons=lessons, nameless=nameless)
        score, notes = score_story(found, story.gold)
        total.add(score)
        if show is not None:
            show(f"{story.name:<44} {_figures(score)}")
            for note in notes:
                show(note)
    return total


def agreement(
    stories: Sequence[Story], folder: Path, twice: dict[str, str]
) -> tuple[int, Score]:
    """A second annotator's labels (``folder``) scored against the stories'
    own as if they were detections: how far two people who read the same
    rules agree, the most a detector can be asked to reach. ``twice`` is
    what ``file_once`` made of the slugs. Returns the stories labelled twice."""
    labelled = second_labels(folder, stories)
    total = Score()
    for story in stories:
        if story.name not in labelled:
            continue
        found = [
            Detection(
                gold.start,
                gold.end,
                gold.quote,
                twice.get(gold.agency, gold.agency) if gold.agency else None,
                gold.agency_name,
                gold.speaker,
                gold.cue,
                1.0,
                False,
                twice.get(gold.also_agency, gold.also_agency)
                if gold.also_agency
                else None,
            )
            for gold in labelled[story.name]
            if not gold.optional
        ]
        total.add(score_story(found, story.gold)[0])
    return len(labelled), total


def _figures(score: Score) -> str:
    return (
        f"{score.gold:>5} {score.predictions:>5} {score.true_positives:>4} "
        f"{score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
    )


def print_results(results: Sequence[Result]) -> None:
    print(f"{'set':<26} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for result in results:
        label = f"{result.name} ({result.stories})"
        print(f"{label:<26} {_figures(result.score)}")
    print()
    print(f"{'errors by family':<26} " + " ".join(f"{f[:12]:>12}" for f in FAMILIES))
    for result in results:
        counts = " ".join(f"{result.score.families[f]:>12}" for f in FAMILIES)
        print(f"{result.name:<26} {counts}")


def print_confidence(score: Score) -> None:
    for low, high in CONFIDENCE_BANDS:
        band = [ok for c, ok in score.outcomes if low <= c < high]
        share = f"{sum(band) / len(band):.3f}" if band else "-"
        print(
            f"confidence {low:.1f}-{min(high, 1):.1f}: {len(band):>4} predictions, "
            f"precision {share}"
        )


def _parse_only(stories: Sequence[Story]) -> float:
    """CPU seconds spaCy alone takes to parse the stories' paragraphs, as
    detection hands them to it: the baseline the speed is measured against,
    since milliseconds per word depend on the machine."""
    nlp = load_model()
    started = time.process_time()
    for story in stories:
        plain = fold(story.text)
        for _ in nlp.pipe(plain[start:end] for start, end in paragraphs_of(story.text)):
            pass
    return time.process_time() - started


def print_speed(stories: Sequence[Story], newsroom: Newsroom) -> None:
    words = sum(story.words for story in stories)
    cpu, wall, parse = [], [], []
    for _ in range(SPEED_ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        for story in stories:
            detect(story.text, newsroom.agencies, newsroom.people)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        parse.append(_parse_only(stories))
    # CPU time is the figure to compare: on a shared machine, wall-clock time
    # also counts whatever else is running.
    print(
        f"speed: {1e6 * min(cpu) / words:.1f} ms CPU per 1,000 words "
        f"({1e6 * min(wall) / words:.1f} ms wall-clock; {words} words, "
        f"best of {SPEED_ROUNDS} runs, model loaded)"
    )
    print(
        f"       spaCy's parse alone {1e6 * min(parse) / words:.1f} ms CPU per 1,000 "
        f"words on this machine: detection costs {min(cpu) / min(parse):.2f}x the parse"
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list each dev story's errors"
    )
    parser.add_argument(
        "--own-agencies",
        action="store_true",
        help="read each story against its own agencies only, not the newsroom's",
    )
    parser.add_argument(
        "--family",
        choices=FAMILIES,
        help="with -v, list only the dev errors of this family",
    )
    parser.add_argument(
        "--dev-only",
        action="store_true",
        help="score the dev stories only (the blind ones still give the newsroom "
        "its agencies, but are not scored), without the speed runs: for tuning",
    )
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the corpus folder (dev, blind)"
    )
    return parser.parse_args()


def _shower(args: argparse.Namespace) -> Callable[[str], None] | None:
    """What prints each dev story's line and errors, if asked for."""
    if not args.verbose:
        return None
    if args.family is None:
        return print
    family = args.family

    def show(line: str) -> None:
        if not line.startswith("  ") or line.split()[1] == family:
            print(line)

    return show


def main(plain_text: Callable[[str], str]) -> None:
    """``plain_text`` turns a story's Markdown body into the text detection reads."""
    args = _arguments()
    before = rss_mb()
    started = time.perf_counter()
    load_model()
    load_seconds = time.perf_counter() - started
    detect("Warm-up, the agency said.", [])
    added = rss_mb() - before

    dev = load_set(args.corpus / "dev", plain_text)
    blind_folder = args.corpus / "blind"
    blind = load_set(blind_folder, plain_text) if blind_folder.is_dir() else []
    twice = file_once([*dev, *blind])
    newsroom = newsroom_of([*dev, *blind])
    known = known_by_name([*dev, *blind], newsroom)
    chosen = None if args.own_agencies else newsroom
    results = [Result("dev", len(dev), score_set(dev, chosen, show=_shower(args)))]
    if args.dev_only:
        print()
        print_results(results)
        return
    if blind:
        results.append(Result("blind", len(blind), score_set(blind, chosen)))
    real = polnear.stories(os.environ.get("POLNEAR_DIR", ""))
    if real:
        # PolNeAR counts every attributed passage, whoever its source ("a
        # witness said" too), and names no agencies: scored on the passages
        # detection finds, before the newsroom leaves out those it could not
        # file under an agency or a name.
        results.append(
            Result(
                "real news (PolNeAR)",
                len(real),
                score_set(real, None, nameless=True),
            )
        )
    print()
    print_results(results)
    labelled, agreed = agreement(dev, args.corpus / "dev" / "second", twice)
    if labelled:
        print(
            f"\na second annotator, blind to the first's labels, on {labelled} dev "
            f"stories: P {agreed.precision:.3f} R {agreed.recall:.3f} "
            f"F1 {agreed.f1:.3f} (how far two people agree: a detector's ceiling)"
        )
    print(
        f"\n{len(twice)} agency records that stories filed twice under another slug "
        "read as one (detection.stories.file_once); "
        f"{known} passages whose story calls their source unknown match the one "
        "record holding its name as well (detection.stories.known_by_name)"
    )
    if blind:
        lessons = replay(dev, newsroom)
        taught = score_set(blind, chosen, lessons=lessons)
        print()
        print(
            "blind after replaying the desk's decisions on the dev stories "
            f"({len(lessons.decisions)} decisions): P {taught.precision:.3f} "
            f"R {taught.recall:.3f} F1 {taught.f1:.3f} "
            f"(before: F1 {results[1].score.f1:.3f})"
        )
    print()
    print_confidence(results[0].score)
    print()
    print_speed(dev, newsroom)
    print(f"model: loaded in {load_seconds:.2f} s, adds {added:.0f} MB resident memory")
