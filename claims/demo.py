"""The demo story: agencies, the published article and its reviewed claims."""

from pathlib import Path
from typing import Any

from claims.stories import load_story, read_story

SEED = Path(__file__).resolve().parent / "fixtures" / "seed-article.json"


def load_seed() -> dict[str, Any]:
    """The demo story as a dictionary."""
    return read_story(SEED)


def load_demo() -> dict[str, int]:
    """Create whatever of the demo story is missing; a second run changes nothing."""
    return load_story(load_seed())
