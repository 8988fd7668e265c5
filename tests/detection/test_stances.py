"""Stances: rejecting something is a claim only when what is rejected is not
someone else's words, with the real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, Detection, detect, load_model

pytestmark = pytest.mark.detection

WIRE = AgencyRef(
    "north-wire", "Northland News Agency", ("the Northland News Agency",), "news_agency"
)


@pytest.fixture(scope="module", autouse=True)
def model() -> None:
    load_model()


def one(found: list[Detection], quote: str) -> Detection:
    matching = [d for d in found if quote in d.quote]
    assert len(matching) == 1, found
    return matching[0]


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
