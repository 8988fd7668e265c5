"""Evaluate claim detection on the project's corpus (corpus/README.md).

Prints precision, recall and F1 per story and overall, for the tuning
stories and the held-out stories separately, then the speed of detection
(milliseconds per 1,000 words, after the model is loaded) and the resident
memory the model adds to the process. Not a test: it asserts nothing.

    make eval            # or: .venv/bin/python bench/eval_detection.py [-v]
"""

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpus"
SETS = ("tuning", "heldout")
SPEED_ROUNDS = 5
CONFIDENCE_BANDS = ((0.8, 1.01), (0.5, 0.8), (0.0, 0.5))


def rss_mb() -> float:
    """Resident memory of this process, in MB, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Score:
    true_positives: int = 0
    predictions: int = 0  # not counting those that match an optional gold claim
    gold: int = 0  # not counting optional gold claims
    # (confidence, correct) of each counted prediction
    outcomes: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.true_positives += other.true_positives
        self.predictions += other.predictions
        self.gold += other.gold
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


def _name(value: str) -> str:
    return re.sub(r"^the\s+", "", value.strip().lower())


def gold_spans(text: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from claims.anchoring import locate

    spans = []
    for claim in claims:
        found = locate(text, claim["quote"], occurrence=claim.get("occurrence"))
        spans.append({**claim, "start": found.start, "end": found.end})
    return spans


def same_source(detection: Any, gold: dict[str, Any]) -> bool:
    if gold.get("agency"):
        return detection.agency in {gold["agency"], gold.get("also_agency")}
    if detection.agency is not None:
        return False
    if gold.get("agency_name"):
        return _name(detection.agency_name) == _name(gold["agency_name"])
    return True


def covers(detection: Any, gold: dict[str, Any]) -> bool:
    overlap = min(detection.end, gold["end"]) - max(detection.start, gold["start"])
    return overlap >= 0.5 * (gold["end"] - gold["start"])


def score_story(
    detections: list[Any], golds: list[dict[str, Any]]
) -> tuple[Score, list[str]]:
    """One-to-one matching: required gold claims first, then optional ones."""
    score = Score(gold=sum(not g.get("optional") for g in golds))
    used: set[int] = set()
    ignored: set[int] = set()
    notes = []
    ordered = sorted(range(len(golds)), key=lambda k: bool(golds[k].get("optional")))
    for k in ordered:
        gold = golds[k]
        match = next(
            (
                n
                for n, d in enumerate(detections)
                if n not in used
                and n not in ignored
                and covers(d, gold)
                and same_source(d, gold)
            ),
            None,
        )
        if match is None:
            if not gold.get("optional"):
                notes.append(f"  missed  [{gold.get('agency')}] {gold['quote'][:70]!r}")
            continue
        if gold.get("optional"):
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
            notes.append(
                f"  extra   [{detection.agency or detection.agency_name!r}] "
                f"{detection.quote[:70]!r} ({detection.cue})"
            )
    return score, notes


def load_story(path: Path) -> dict[str, Any]:
    from articles.rendering import plain_text
    from claims.detection import AgencyRef, PersonRef

    data = json.loads(path.read_text())
    text = plain_text(data["article"]["body"])
    agencies = [
        AgencyRef(
            slug=a["slug"],
            name=a["name"],
            aliases=tuple(a.get("aliases", ())),
            kind=a.get("kind", ""),
        )
        for a in data.get("agencies", ())
    ]
    people = [
        PersonRef(
            name=p["name"],
            aliases=tuple(p.get("aliases", ())),
            role=p.get("role", ""),
            agency=p.get("agency"),
        )
        for p in data.get("people", ())
    ]
    return {
        "name": path.stem,
        "text": text,
        "agencies": agencies,
        "people": people,
        "gold": gold_spans(text, data["claims"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list missed and extra claims of the tuning stories",
    )
    parser.add_argument(
        "--show-heldout",
        action="store_true",
        help="list them for the held-out stories too (spoils them for tuning)",
    )
    parser.add_argument(
        "--set", choices=SETS, action="append", help="only these sets (default all)"
    )
    args = parser.parse_args()

    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from claims import detection

    before = rss_mb()
    started = time.perf_counter()
    detection.load_model()
    load_seconds = time.perf_counter() - started
    detection.detect("Warm-up, the agency said.", [])
    added = rss_mb() - before

    overall = Score()
    stories_by_set: dict[str, list[dict[str, Any]]] = {}
    for name in args.set or SETS:
        paths = sorted((CORPUS / name).glob("*.json"))
        stories_by_set[name] = [load_story(path) for path in paths]

    print(
        f"{'story':<28} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for name, stories in stories_by_set.items():
        subtotal = Score()
        print(f"-- {name} ({len(stories)} stories)")
        for story in stories:
            found = detection.detect(story["text"], story["agencies"], story["people"])
            score, notes = score_story(found, story["gold"])
            subtotal.add(score)
            print(
                f"{story['name']:<28} {score.gold:>5} {score.predictions:>5} "
                f"{score.true_positives:>4} {score.precision:>6.3f} "
                f"{score.recall:>6.3f} {score.f1:>6.3f}"
            )
            if args.verbose and (name != "heldout" or args.show_heldout):
                for note in notes:
                    print(note)
        overall.add(subtotal)
        print(
            f"{'== ' + name:<28} {subtotal.gold:>5} {subtotal.predictions:>5} "
            f"{subtotal.true_positives:>4} {subtotal.precision:>6.3f} "
            f"{subtotal.recall:>6.3f} {subtotal.f1:>6.3f}"
        )
    print(
        f"{'== overall':<28} {overall.gold:>5} {overall.predictions:>5} "
        f"{overall.true_positives:>4} {overall.precision:>6.3f} "
        f"{overall.recall:>6.3f} {overall.f1:>6.3f}"
    )

    print()
    for low, high in CONFIDENCE_BANDS:
        band = [ok for c, ok in overall.outcomes if low <= c < high]
        share = f"{sum(band) / len(band):.3f}" if band else "-"
        print(
            f"confidence {low:.1f}-{min(high, 1):.1f}: {len(band):>4} predictions, "
            f"precision {share}"
        )

    stories = [s for group in stories_by_set.values() for s in group]
    words = sum(len(s["text"].split()) for s in stories)
    cpu, wall = [], []
    for _ in range(SPEED_ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        for story in stories:
            detection.detect(story["text"], story["agencies"], story["people"])
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print()
    # CPU time is the figure to compare: on a shared machine, wall-clock time
    # also counts whatever else is running.
    print(
        f"speed: {1e6 * min(cpu) / words:.1f} ms CPU per 1,000 words "
        f"({1e6 * min(wall) / words:.1f} ms wall-clock; {words} words, "
        f"best of {SPEED_ROUNDS} runs, model loaded)"
    )
    print(f"model: loaded in {load_seconds:.2f} s, adds {added:.0f} MB resident memory")


if __name__ == "__main__":
    main()
