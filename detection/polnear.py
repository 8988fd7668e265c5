"""Real news from PolNeAR (networkdynamics/PolNeAR), read from a local copy.

Its data has no licence: it is never part of the repository, only read
from the folder ``POLNEAR_DIR`` names (a checkout, or its ``data`` folder's
parent). The test split's wire-credited articles (AFP, AP, Reuters) are
scored on their content spans: an attribution whose cue is a speech verb
or "according to" is a gold claim; any other attribution (an endorsement,
a belief) is optional. PolNeAR names no agencies, so only the passage
counts, not its source.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from detection.stories import Gold, Story

# A brat text-bound line: id, "Kind start end", the words.
_BRAT_FIELDS = 3
_NO_WIRE = frozenset(("", "None", "NA"))
_SPEECH_CUE = re.compile(
    r"\b(say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|"
    r"state|states|stated|announce\w*|report\w*|claim\w*|warn\w*|insist\w*|"
    r"according to|explain\w*|note[sd]?|wr[io]te|writes|argue[sd]?|"
    r"den(y|ies|ied)|confirm\w*|acknowledg\w*|accuse[sd]?|quote[sd]?)\b",
    re.IGNORECASE,
)


def _wire_articles(root: Path) -> list[str]:
    with (root / "data" / "metadata.tsv").open(newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return sorted(
            row["filename"]
            for row in rows
            if row["compartment"] == "test" and row["wire"] not in _NO_WIRE
        )


def _gold(annotations: str) -> list[Gold]:
    """Content spans of the attributions in one brat file."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    for line in annotations.splitlines():
        parts = line.split("\t")
        if (
            len(parts) == _BRAT_FIELDS
            and parts[0].startswith("T")
            and ";" not in parts[1]
        ):
            kind, start, end = parts[1].split()
            spans[parts[0]] = (kind, int(start), int(end), parts[2])
    gold = []
    for line in annotations.splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(
            part.split(":", 1) for part in line.split("\t")[1].split() if ":" in part
        )
        content, cue = (
            spans.get(roles.get("Content", "")),
            spans.get(roles.get("Cue", "")),
        )
        if content is None:
            continue
        speech = cue is not None and bool(_SPEECH_CUE.search(cue[3]))
        gold.append(Gold(content[1], content[2], content[3], None, optional=not speech))
    return gold


def stories(folder: str) -> list[Story]:
    """PolNeAR's wire-credited test articles as stories; none when ``folder``
    is empty or holds no PolNeAR data."""
    if not folder:
        return []
    root = Path(folder)
    if not (root / "data" / "metadata.tsv").is_file():
        return []
    found = []
    for name in _wire_articles(root):
        text_file = root / "data" / "test" / "text" / f"{name}.txt"
        annotated = sorted(
            (root / "data" / "test" / "attributions").glob(f"{name}_*.ann")
        )
        if not text_file.is_file() or not annotated:
            continue
        found.append(
            Story(
                name=name,
                text=text_file.read_text(),
                agencies=[],
                people=[],
                gold=_gold(annotated[0].read_text()),
            )
        )
    return found
