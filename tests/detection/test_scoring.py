"""The evaluation's matching rule (detection/corpus/README.md, "Scoring")."""

import json
from pathlib import Path

from detection.evaluation import agreement
from detection.records import AgencyRef, Detection, PersonRef
from detection.scoring import same_source, score_story
from detection.stories import Gold, Story, file_once, known_by_name, newsroom_of


def detection(agency: str | None, name: str = "") -> Detection:
    return Detection(
        0, 20, "the firm was cooperating", agency, name, "", "told", 0.9, False
    )


def test_either_agency_of_a_chain_counts_when_the_first_is_unknown() -> None:
    # "A lawyer for Vrachtlijn BV told NOS that ...": an agency the newsroom
    # does not know, carried by one it does.
    gold = Gold(0, 20, "the firm was cooperating", None, "Vrachtlijn BV", "nos")
    assert same_source(detection("nos"), gold)
    assert same_source(detection(None, "Vrachtlijn BV"), gold)
    assert not same_source(detection("reuters"), gold)


def test_an_unknown_source_with_no_chain_needs_its_name() -> None:
    gold = Gold(0, 20, "the firm was cooperating", None, "Vrachtlijn BV")
    assert not same_source(detection("nos"), gold)
    assert not same_source(detection(None, "Another Firm"), gold)
    assert same_source(detection(None, "the Vrachtlijn BV"), gold)


def test_a_match_counts_once() -> None:
    gold = Gold(0, 20, "the firm was cooperating", "nos")
    score, notes = score_story([detection("nos"), detection("nos")], [gold])
    assert (score.true_positives, score.predictions, score.gold) == (1, 2, 1)
    assert len(notes) == 1


def test_no_agency_never_names_a_known_one() -> None:
    # A detection that found no source is no match for a known agency's
    # claim, chain or not.
    assert not same_source(detection(None), Gold(0, 20, "the firm", "nos"))
    assert not same_source(detection(None), Gold(0, 20, "the firm", "nos", "", "ap"))
    score, _ = score_story([detection(None)], [Gold(0, 20, "the firm", "nos")])
    assert (score.true_positives, score.predictions) == (0, 1)


def story(name: str, agencies: list[AgencyRef], gold_agency: str) -> Story:
    text = "Output grew, the agency said."
    return Story(
        name,
        text,
        agencies,
        [PersonRef("Jane Roe", agency=gold_agency)],
        [Gold(0, 11, "Output grew", gold_agency)],
    )


def test_an_institution_two_stories_filed_under_two_slugs_is_one_record() -> None:
    first = story("a", [AgencyRef("kyodo", "Kyodo News", ("Kyodo",))], "kyodo")
    second = story(
        "b",
        [AgencyRef("kyodo-news", "the Kyodo News", ("KN",), "news_agency")],
        "kyodo-news",
    )
    # The same name in another country is another institution.
    third = story(
        "c",
        [
            AgencyRef("es-red-cross", "Red Cross", country="Spain"),
            AgencyRef("pe-red-cross", "Red Cross", country="Peru"),
        ],
        "pe-red-cross",
    )

    became = file_once([first, second, third])

    assert became == {"kyodo-news": "kyodo"}
    assert second.gold[0].agency == "kyodo"
    assert second.people[0].agency == "kyodo"
    assert third.gold[0].agency == "pe-red-cross"
    newsroom = newsroom_of([first, second, third])
    kyodo = next(a for a in newsroom.agencies if a.name == "Kyodo News")
    assert set(kyodo.aliases) == {"Kyodo", "KN"}
    assert [a.slug for a in newsroom.agencies].count("kyodo") == 1
    assert {"es-red-cross", "pe-red-cross"} <= {a.slug for a in newsroom.agencies}


def test_a_name_with_a_bracket_after_it_is_that_name() -> None:
    first = story(
        "a", [AgencyRef("dcc", "Danish Consumer Council", country="Denmark")], "dcc"
    )
    second = story(
        "b",
        [
            AgencyRef(
                "taenk",
                "Danish Consumer Council (Forbrugerrådet Tænk)",
                country="Denmark",
            )
        ],
        "taenk",
    )
    assert file_once([first, second]) == {"taenk": "dcc"}
    assert second.gold[0].agency == "dcc"


def test_a_name_in_other_words_order_is_that_name() -> None:
    usa = "United States of America"
    first = story(
        "a", [AgencyRef("state-dept", "U.S. Department of State", country=usa)], ""
    )
    second = story(
        "b", [AgencyRef("us-state", "US State Department", country=usa)], "us-state"
    )
    # Two councils of one country share words, not all of them.
    third = story(
        "c",
        [
            AgencyRef("duluth", "Duluth City Council", country=usa),
            AgencyRef("millbrook", "Millbrook City Council", country=usa),
        ],
        "millbrook",
    )
    assert file_once([first, second, third]) == {"us-state": "state-dept"}
    assert second.gold[0].agency == "state-dept"
    assert third.gold[0].agency == "millbrook"


def test_a_second_annotator_is_scored_against_the_first(tmp_path: Path) -> None:
    # Two people read the same rules: the second marked one passage as the
    # first did, gave another to the wrong agency, and one only as optional
    # (not counted, as the detector's proposals of optional claims are not).
    text = "Output grew, the agency said. Prices fell, the bank said. Rain came."
    golds = [Gold(0, 11, "Output grew", "kyodo"), Gold(30, 41, "Prices fell", "boj")]
    first = Story("a", text, [], [], golds)
    unlabelled = Story("b", text, [], [], golds)
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "claims": [
                    {"quote": "Output grew", "agency": "kyodo-news"},
                    {"quote": "Prices fell", "agency": "kyodo"},
                    {"quote": "Rain came", "agency": None, "optional": True},
                ]
            }
        )
    )
    labelled, score = agreement([first, unlabelled], tmp_path, {"kyodo-news": "kyodo"})
    assert labelled == 1
    assert (score.true_positives, score.predictions, score.gold) == (1, 2, 2)


def test_a_source_one_story_calls_unknown_is_the_record_another_filed() -> None:
    # One story calls Kpler unknown; another filed it. Filing the passage
    # under that record is right; a name two records hold ("Red Cross") is
    # no one record's.
    kpler = AgencyRef("kpler", "Kpler", ("Kpler",), "other")
    crosses = [
        AgencyRef("ke-red-cross", "Kenya Red Cross", ("Red Cross",)),
        AgencyRef("es-red-cross", "Spanish Red Cross", ("Red Cross",)),
    ]
    text = "Exports fell, Kpler said. Shelters opened, the Red Cross said."
    golds = [
        Gold(0, 12, "Exports fell", None, "Kpler"),
        Gold(26, 41, "Shelters opened", None, "Red Cross"),
    ]
    stories = [Story("a", text, [], [], golds), Story("b", "", [kpler, *crosses], [])]
    noted = known_by_name(stories, newsroom_of(stories))
    assert noted == 1
    assert same_source(detection("kpler"), golds[0])
    assert same_source(detection(None, "Kpler"), golds[0])
    assert not same_source(detection("ke-red-cross"), golds[1])
    assert same_source(detection(None, "the Red Cross"), golds[1])


def test_two_people_of_one_name_at_two_agencies_are_two_people() -> None:
    first = Story("a", "", [], [PersonRef("Daniel Okafor", (), "Spokesperson", "who")])
    second = Story(
        "b", "", [], [PersonRef("Daniel Okafor", (), "Labour Minister", "canada")]
    )
    newsroom = newsroom_of([first, second])
    assert {p.agency for p in newsroom.people} == {"who", "canada"}


def test_one_passage_for_two_claims_of_one_source_is_a_span_error() -> None:
    # "The union said pay had fallen and called for a strike": two claims,
    # one passage; the second claim is missed at its boundary, not its source.
    pay = Gold(0, 15, "pay had fallen", "union")
    strike = Gold(32, 40, "a strike", "union")
    both = Detection(
        0,
        40,
        "pay had fallen and called for a strike",
        "union",
        "",
        "",
        "said",
        0.9,
        False,
    )
    score, notes = score_story([both], [pay, strike])
    assert (score.true_positives, score.families["span"]) == (1, 1)
    assert score.families["resolution"] == 0
    assert notes[0].split()[:2] == ["missed", "span"]


def test_a_passage_given_another_source_is_a_resolution_error() -> None:
    gold = Gold(0, 20, "the firm was cooperating", "nos")
    score, notes = score_story([detection("reuters")], [gold])
    assert score.families["resolution"] == 2  # the claim missed, the passage extra
    assert [n.split()[:2] for n in notes] == [
        ["missed", "resolution"],
        ["extra", "resolution"],
    ]


def test_a_name_less_its_own_countrys_words_is_that_name_of_that_country() -> None:
    """ "National Treasury of Kenya" is Kenya's "National Treasury"; a
    "Ministry of Health of Brazil" is not a "Ministry of Health" filed with
    no country, nor another country's."""
    first = story(
        "a", [AgencyRef("ke-nt", "National Treasury", country="Kenya")], "ke-nt"
    )
    second = story(
        "b",
        [AgencyRef("ke-treasury", "National Treasury of Kenya", country="Kenya")],
        "ke-treasury",
    )
    third = story(
        "c",
        [
            AgencyRef("moh", "Ministry of Health"),
            AgencyRef("br-moh", "Ministry of Health of Brazil", country="Brazil"),
            AgencyRef("gh-moh", "Ministry of Health of Ghana", country="Ghana"),
        ],
        "br-moh",
    )
    assert file_once([first, second, third]) == {"ke-treasury": "ke-nt"}
    assert second.gold[0].agency == "ke-nt"
    assert third.gold[0].agency == "br-moh"
