"""Stances: rejecting something is a claim only when what is rejected is not
someone else's words, with the real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

WIRE = AgencyRef(
    "north-wire", "Northland News Agency", ("the Northland News Agency",), "news_agency"
)


@pytest.mark.parametrize(
    "text",
    [
        "Northland News Agency rejects it completely.",
        "Northland News Agency rejected the auditors' main conclusions.",
    ],
)
def test_rejecting_what_others_said_says_nothing_of_its_own(text: str) -> None:
    assert detect(text, [WIRE]) == []


def test_rejecting_a_plan_is_a_stance_of_its_own() -> None:
    found = detect("Northland News Agency rejected the merger plan.", [WIRE])
    assert one(found, "merger plan").agency == "north-wire"
