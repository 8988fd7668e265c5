"""Sentences the parser reads wrongly, whose speaker is still found, with the
real spaCy model.

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


def test_a_poll_before_a_meeting_is_the_pollster_s_not_the_meeting_s() -> None:
    found = detect(
        "A poll of 16 analysts conducted by the Northland News Agency before the "
        "meeting had found that 13 expected a cut.",
        [WIRE],
    )
    assert one(found, "13 expected a cut").agency == "north-wire"
