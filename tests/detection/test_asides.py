"""Asides set off by a pair of dashes (detection/asides.py), and the
newsroom's own labels in a transcript, which the parser is not given, with
the real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

GREENS = AgencyRef("greens", "Green Party", ("the Greens", "Green Party"), "other")
DEMOCRATS = AgencyRef(
    "democrats", "Democratic Party", ("the Democrats", "Democratic Party"), "other"
)
NORTHWIND = AgencyRef("northwind", "Northwind", ("Northwind",), "ngo")


def found(text: str) -> list[tuple[str, str | None]]:
    return [(d.quote, d.agency) for d in detect(text, [GREENS, DEMOCRATS, NORTHWIND])]


def test_a_cue_inside_an_aside_is_part_of_the_passage_around_it() -> None:
    text = (
        "The Greens say they'll file a complaint with the Constitutional Court "
        "- they call it the Tsets here - by the end of the week."
    )
    assert found(text) == [
        (
            "they'll file a complaint with the Constitutional Court - they call "
            "it the Tsets here - by the end of the week",
            "greens",
        )
    ]


def test_an_aside_between_the_speaker_and_the_cue_is_not_the_speaker() -> None:
    # The parser takes "that means" for the sentence's verb and leaves "say"
    # without a subject.
    text = (
        "The organisers, a coalition called Northwind - the name means "
        '"a fair wind" - say there were nine thousand people.'
    )
    assert found(text) == [("there were nine thousand people", "northwind")]


def test_a_newsroom_label_is_not_read_as_part_of_the_sentence() -> None:
    # With "LLEWELLYN:" in the sentence, the parser reads "The Democrats
    # say" as a relative clause of the name.
    text = (
        "TOM LLEWELLYN, REPORTER: Good evening.\n\n"
        "LLEWELLYN: The Democrats say they'll file a complaint with the "
        "Constitutional Court - they call it the Tsets here - by the end of "
        "the week."
    )
    assert found(text) == [
        (
            "they'll file a complaint with the Constitutional Court - they call "
            "it the Tsets here - by the end of the week",
            "democrats",
        )
    ]
