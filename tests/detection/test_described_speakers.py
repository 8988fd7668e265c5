"""Speakers known by a description: people named only by their trade ("the
forecasters said"), organisations the newsroom does not know, named beside
what they are ("brokerage Valores del Norte"), with the real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

WEATHER = AgencyRef(
    "weather-service",
    "Northland Weather Service",
    ("the weather service",),
    "government",
)
FERRY_LINE = AgencyRef("ferry-line", "Northsea Ferries", ("Northsea",), "company")


def test_the_forecasters_speak_for_the_service_the_sentence_before_was_about() -> None:
    found = detect(
        "Northsea Ferries cancelled its evening sailings. The Northland Weather "
        "Service issued a red warning for the coast this morning. The forecasters "
        "said gusts could reach ninety kilometres an hour.",
        [WEATHER, FERRY_LINE],
    )
    assert one(found, "gusts could reach").agency == "weather-service"


def test_the_passengers_are_not_the_company_the_sentence_before_named() -> None:
    found = detect(
        "The Northland Weather Service issued a red warning for the coast. "
        "Northsea Ferries cancelled its evening sailings. Some passengers said "
        "they had been given no notice at all.",
        [WEATHER, FERRY_LINE],
    )
    assert all(d.agency != "ferry-line" for d in found if "no notice" in d.quote), found


def test_a_brokerage_whose_name_holds_a_joining_word_is_named() -> None:
    found = detect(
        "Santiago-based brokerage Valores del Norte said in a note that markets "
        "had priced in the result.",
        [WEATHER],
    )
    assert one(found, "markets had priced in").agency_name == "Valores del Norte"


def test_a_survey_by_a_pollster_is_the_pollster_s() -> None:
    found = detect(
        "The last survey by the pollster Pulso Austral, published a week ago, "
        "found the mayor leading by four points.",
        [WEATHER],
    )
    assert one(found, "leading by four points").agency_name == "Pulso Austral"


def test_a_party_s_local_unit_speaks_for_the_party_and_so_does_the_party() -> None:
    found = detect(
        "Opposition leaders are already pointing fingers. The Liberty party's "
        "Eastport unit accused the ferry company of neglecting safety. The party "
        "said in a statement that vacancies had not been filled.",
        [WEATHER],
    )
    assert one(found, "neglecting safety").agency_name == "Liberty party"
    assert one(found, "vacancies had not been filled").agency_name == "Liberty party"


def test_an_acronym_title_before_a_name_is_not_the_agency_it_spells() -> None:
    prosecutors = AgencyRef(
        "public-ministry", "Public Ministry of Northland", ("MP",), "government"
    )
    found = detect(
        "Local MP Sarah Hill said the findings were damning. The MP said the "
        "inquiry would continue.",
        [prosecutors],
        nameless=True,
    )
    assert one(found, "the findings were damning").agency != "public-ministry"
    assert one(found, "the inquiry would continue").agency == "public-ministry"


def test_a_court_named_only_later_is_the_court_the_story_names() -> None:
    court = AgencyRef(
        "land-court", "Eastport Environment and Land Court", (), "government"
    )
    found = detect(
        "A Northland court on Thursday ordered a farm to pay compensation, "
        "ruling that regulators had ignored repeated warnings. The case was heard "
        "by the Eastport Environment and Land Court over two years.",
        [court, WEATHER],
    )
    assert one(found, "regulators had ignored").agency == "land-court"


@pytest.mark.parametrize(
    "text",
    [
        "The WFP report found that 2 million people faced famine.",
        "Two million people face famine, the WFP report found.",
        "The WFP spokesman said that 2 million people faced famine.",
    ],
)
def test_a_labels_the_belongs_to_the_noun_after_it(text: str) -> None:
    """ "The WFP report": the agency's alias "the WFP" is matched with the
    "the" of "report"; the report's source is the WFP still."""
    wfp = AgencyRef(
        "wfp", "World Food Programme", ("WFP", "the WFP"), "international_org"
    )
    assert one(detect(text, [wfp]), "million people").agency == "wfp"


def test_the_organisers_of_a_march_are_not_the_police_that_counted_it() -> None:
    police = AgencyRef(
        "ba-police",
        "Buenos Aires City Police",
        ("Buenos Aires city police", "the force"),
        "government",
        "Argentina",
    )
    found = detect(
        "Buenos Aires city police said in a post on X that about 25,000 "
        "people had joined the afternoon march to Congress. The organisers put "
        "the turnout at more than 200,000.",
        [police],
    )
    assert not [d for d in found if "200,000" in d.quote and d.agency == "ba-police"]
