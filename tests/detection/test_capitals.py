"""A capital city that speaks is its country's government: "Moscow warned"
is the Russian agency the story names.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

RUSSIA = AgencyRef("ru-mfa", "Russian Foreign Ministry", (), "government", "Russia")
ITALY = AgencyRef("it-mfa", "Italian Foreign Ministry", (), "government", "Italy")


def test_a_capital_speaks_for_its_country() -> None:
    found = detect(
        "The Russian Foreign Ministry summoned the ambassador on Monday. The "
        "Italian Foreign Ministry said the talks would go on. Moscow warned "
        "that it would respond to any new sanctions.",
        [RUSSIA, ITALY],
    )
    assert one(found, "it would respond").agency == "ru-mfa"


def test_a_capital_of_two_words() -> None:
    argentina = AgencyRef(
        "ar-gov", "Argentine Government", (), "government", "Argentina"
    )
    found = detect(
        "The Argentine Government froze fuel prices. Buenos Aires said the "
        "freeze would last until March.",
        [argentina, RUSSIA],
    )
    assert one(found, "the freeze would last").agency == "ar-gov"


def test_brussels_is_the_european_union_body_the_story_names() -> None:
    commission = AgencyRef(
        "ec", "European Commission", ("the European Commission",), "international_org"
    )
    belgium = AgencyRef("be-gov", "Belgian Government", (), "government", "Belgium")
    found = detect(
        "The European Commission fined the company. The Belgian Government "
        "welcomed the ruling. Brussels said the fine would stand on appeal.",
        [commission, belgium],
    )
    assert one(found, "the fine would stand").agency == "ec"
