"""What the articles app tells the apps above it, which it does not import.

``text_changed`` is sent inside an edit's transaction, once the article is
saved with new plain text, with ``article`` and ``previous_text``. A
receiver that placed things on the old text (the claims app places its
claims) moves them to the new one and answers with a ``Placed``: which of
them moved, need a person to check them, or lost their place. The edit's
result gathers the answers.
"""

import dataclasses

from django.dispatch import Signal

text_changed = Signal()


@dataclasses.dataclass
class Placed:
    """Where the passages anchored to an article's old text went (their ids)."""

    moved: list[int] = dataclasses.field(default_factory=list)
    needs_check: list[int] = dataclasses.field(default_factory=list)
    orphaned: list[int] = dataclasses.field(default_factory=list)
