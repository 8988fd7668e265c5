"""People named only by their trade speak for the organisation the story
names whose name holds it: "firefighters say" is the Fire Service.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

FIRE = AgencyRef(
    "fire", "Hellenic Fire Service", ("the fire service",), "government", "Greece"
)
PROSECUTORS = AgencyRef(
    "po", "Prosecutor's Office of Georgia", (), "government", "Georgia"
)
TRADE = AgencyRef("trade", "Ministry of Trade", (), "government", "Ghana")


def test_firefighters_are_the_fire_service_the_story_names_later() -> None:
    found = detect(
        "Villages have been evacuated, and firefighters say the flames are "
        "still not under control. The Hellenic Fire Service told us that 400 "
        "firefighters were at work.",
        [FIRE, PROSECUTORS],
    )
    assert one(found, "the flames are still").agency == "fire"


def test_prosecutors_are_the_prosecutors_office() -> None:
    found = detect(
        "The Prosecutor's Office of Georgia charged her on Friday. Prosecutors "
        "said she had crossed a police line.",
        [FIRE, PROSECUTORS],
    )
    assert one(found, "she had crossed").agency == "po"


def test_traders_are_not_the_trade_ministry() -> None:
    found = detect(
        "The Ministry of Trade cut tariffs. Traders said prices would fall.",
        [TRADE],
        nameless=True,
    )
    assert one(found, "prices would fall").agency is None
