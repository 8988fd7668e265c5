"""One institution filed as two agencies, or one name held by several: the
story means the one it names itself.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, PersonRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

# The same ministry, filed twice by two desks.
FILED_EARLIER = AgencyRef(
    "ru-mfa-old",
    "Russia's Foreign Ministry",
    (),
    "government",
    "Russia",
)
FILED_LATER = AgencyRef(
    "ru-mfa",
    "Russian Ministry of Foreign Affairs",
    ("the Russian Foreign Ministry",),
    "government",
    "Russia",
)
DEFENCE = AgencyRef(
    "ru-defence", "Russian Defence Ministry", (), "government", "Russia"
)


def test_one_institution_filed_twice_is_the_one_the_story_names_most() -> None:
    found = detect(
        "The Russian Ministry of Foreign Affairs summoned the ambassador on "
        "Monday. The Russian Foreign Ministry said the talks were over. "
        "Russia's Foreign Ministry later said the envoy would not return.",
        [FILED_EARLIER, FILED_LATER],
    )
    assert one(found, "the envoy would not return").agency == "ru-mfa"
    assert one(found, "the talks were over").agency == "ru-mfa"


def test_another_ministry_of_the_same_country_is_not_a_twin() -> None:
    found = detect(
        "The Russian Ministry of Foreign Affairs summoned the ambassador. "
        "The Russian Foreign Ministry said the talks were over. The Russian "
        "Defence Ministry said the drills would go on.",
        [FILED_LATER, DEFENCE],
    )
    assert one(found, "the drills would go on").agency == "ru-defence"


def test_a_shared_name_is_the_agency_of_the_person_the_story_names() -> None:
    """Two agencies of one country hold "the Health Ministry"; the story
    names a spokesman of one of them."""
    old = AgencyRef("xl-health", "Health Ministry", (), "government", "Kenya")
    new = AgencyRef(
        "ke-moh", "Ministry of Health", ("Health Ministry",), "government", "Kenya"
    )
    spokesman = PersonRef("Otieno Wafula", ("Wafula",), "spokesman", "ke-moh")
    found = detect(
        "Cholera cases rose to 310 in Nairobi, officials said. Otieno Wafula "
        "briefed reporters at noon. The Health Ministry said it would send "
        "more nurses to the worst-hit districts.",
        [old, new],
        [spokesman],
    )
    assert one(found, "it would send more nurses").agency == "ke-moh"


def test_a_shared_name_is_the_agency_whose_description_the_story_uses() -> None:
    """Two agencies hold "Northgate City Corporation"; the story also calls it
    "the city authorities", which only one of them holds."""
    first = AgencyRef(
        "a-northgate", "Northgate City Corporation", (), "government", "Ghana"
    )
    second = AgencyRef(
        "ngcc",
        "Northgate City Corporation",
        ("NGCC", "the city authorities"),
        "government",
        "Ghana",
    )
    found = detect(
        "The city authorities have come in for criticism. Northgate City "
        "Corporation says its teams have cleared 300 drains this month.",
        [first, second],
    )
    assert one(found, "its teams have cleared").agency == "ngcc"


def test_a_name_with_the_is_held_by_those_listing_it_without() -> None:
    """ "The Ministry of Health" matches the alias "the Ministry of Health"
    first, but names as well the ministry listing "Ministry of Health": of
    the two, the one of the country the story is about."""
    listed_with_the = AgencyRef(
        "sl-health",
        "Ministry of Health and Sanitation",
        ("the Ministry of Health",),
        "government",
        "Sierra Leone",
    )
    listed_without = AgencyRef(
        "cl-health",
        "Ministry of Health of Chile",
        ("Ministry of Health",),
        "government",
        "Chile",
    )
    found = detect(
        "Residents of a town in northern Chile have drunk arsenic for years. "
        "The Ministry of Health said two of the four wells exceeded the limit.",
        [listed_with_the, listed_without],
    )
    assert one(found, "two of the four wells").agency == "cl-health"


def test_an_industrys_body_is_no_twin_of_its_ministry() -> None:
    """ "Fisheries Iceland" fits the words of Iceland's fisheries ministry,
    which the story names more often through its minister; an industry's
    body is no ministry filed twice."""
    ministry = AgencyRef(
        "is-fisheries",
        "Ministry of Fisheries of Iceland",
        ("the fisheries ministry",),
        "government",
        "Iceland",
    )
    industry = AgencyRef(
        "fisheries-iceland",
        "Fisheries Iceland",
        ("Fisheries Iceland",),
        "other",
        "Iceland",
    )
    minister = PersonRef(
        "Helga Einarsdottir", ("Einarsdottir",), "fisheries minister", "is-fisheries"
    )
    found = detect(
        "Helga Einarsdottir said the quota was fair. Einarsdottir said it would "
        "stand. Fisheries Iceland, which "
        "represents the companies, warned that higher fees would cost jobs.",
        [ministry, industry],
        [minister],
    )
    assert one(found, "higher fees would cost jobs").agency == "fisheries-iceland"


def test_a_shared_alias_counts_each_word_of_the_story_once() -> None:
    """Two parties hold "the Republican Party"; another country's lists
    "Partido Republicano" and "the Republicans" too. The story writes
    "Republican" once and names Georgia: the Georgia party, not the one
    whose three kin words all lean on that single "Republican"."""
    georgia = AgencyRef(
        "ga-gop",
        "Georgia Republican Party",
        ("the Republican Party",),
        "other",
        "United States of America",
    )
    chile = AgencyRef(
        "cl-republicans",
        "Republican Party (Chile)",
        ("Republican Party", "Partido Republicano", "the Republicans"),
        "other",
        "Chile",
    )
    found = detect(
        "Election officials in Georgia will recount ballots in the Senate "
        "race. The Republican Party's state chairman, Josh McKoon, said that "
        'the party would "monitor every step."',
        [chile, georgia],
    )
    assert one(found, "monitor every step").agency == "ga-gop"


def test_a_surname_after_another_given_name_is_someone_else() -> None:
    """The newsroom knows Youssef El Idrissi ("El Idrissi") of the
    agriculture ministry; "Dr. Samira El Idrissi", a hospital's director, is
    not he."""
    ministry = AgencyRef(
        "ma-agriculture", "Ministry of Agriculture", (), "government", "Morocco"
    )
    youssef = PersonRef(
        "Youssef El Idrissi", ("El Idrissi",), "director", "ma-agriculture"
    )
    found = detect(
        "At the provincial hospital in Al Hoceima, relatives waited outside. "
        "The hospital's director, Dr. Samira El Idrissi, said it had received "
        "164 injured people since dawn.",
        [ministry],
        [youssef],
    )
    assert not [d for d in found if d.agency == "ma-agriculture"]


def test_a_continent_adjective_places_no_country() -> None:
    """ "African" in a Mozambique story does not place the Central African
    Republic's health ministry, which shares "the health ministry"."""
    car = AgencyRef(
        "cf-health",
        "Ministry of Public Health of the Central African Republic",
        ("the health ministry",),
        "government",
        "Central African Republic",
    )
    mozambique = AgencyRef(
        "mz-health",
        "Ministry of Health of Mozambique",
        ("the health ministry",),
        "government",
        "Mozambique",
    )
    found = detect(
        "Cholera cases in Beira, Mozambique, rose to 310 this week, with the "
        "Southern African Development Community offering help. The health "
        "ministry said it had opened two more treatment centres.",
        [car, mozambique],
    )
    assert one(found, "it had opened two more treatment centres").agency == (
        "mz-health"
    )
