"""How long the property tests search: briefly in `make test`, at length in
`make fault` (which sets HYPOTHESIS_PROFILE=fault)."""

import os

from hypothesis import settings

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fault"
# Tests that name no count of their own search twice as long under `make fault`.
settings.register_profile("fault", max_examples=200, deadline=None)
if LONG:
    settings.load_profile("fault")


def examples(brief: int, long: int) -> int:
    """Examples a property test tries: ``brief`` in `make test`, ``long`` in `make fault`."""
    return long if LONG else brief
