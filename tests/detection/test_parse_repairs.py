"""Sentences the parser reads wrongly, whose speaker is still found, with the
real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

WIRE = AgencyRef(
    "north-wire", "Northland News Agency", ("the Northland News Agency",), "news_agency"
)


def test_a_poll_before_a_meeting_is_the_pollster_s_not_the_meeting_s() -> None:
    found = detect(
        "A poll of 16 analysts conducted by the Northland News Agency before the "
        "meeting had found that 13 expected a cut.",
        [WIRE],
    )
    assert one(found, "13 expected a cut").agency == "north-wire"
