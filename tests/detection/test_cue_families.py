"""Each family of cue (detection/cues.py), with the real spaCy model: one
sentence shape per test, the passage and the source it is given.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, Detection, PersonRef, detect
from detection.cues import (
    APPEAL_VERBS,
    CHARACTERISING_VERBS,
    COUNTING_VERBS,
    DOCUMENT_NOUNS,
    ESTIMATE_NOUNS,
    FINDING_VERBS,
    NEWSROOM_ROLES,
    POLLING_VERBS,
    PUBLISHING_VERBS,
    REBUTTED_NOUNS,
    SAY_VERBS,
    STANCE_VERBS,
)
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

AGENCIES = [
    AgencyRef("tass", "TASS", ("TASS", "the TASS news agency"), "news_agency"),
    AgencyRef("interfax", "Interfax", ("Interfax",), "news_agency"),
    AgencyRef(
        "defence-ministry",
        "Ministry of Defence of Russia",
        ("Russia's defence ministry", "the defence ministry"),
        "government",
    ),
    AgencyRef(
        "ukraine-army", "Armed Forces of Ukraine", ("Ukraine's army",), "government"
    ),
    AgencyRef("ipsos", "Ipsos", ("Ipsos",), "other"),
    AgencyRef("eurostat", "Eurostat", ("Eurostat",), "international_org"),
    AgencyRef("unicef", "UNICEF", ("UNICEF",), "international_org"),
]


def found(text: str) -> list[tuple[str, str | None]]:
    detections: list[Detection] = detect(text, AGENCIES)
    for d in detections:
        assert text[d.start : d.end] == d.quote
    return [(d.quote, d.agency) for d in detections]


class TestSpeechVerbs:
    @pytest.mark.parametrize(
        "verb",
        [
            "said",
            "told reporters",
            "announced",
            "warned",
            "stressed",
            "added",
            "tweeted",
            "posted on its website",
            "countered",
            "underlined",
            "suggested",
            "signalled",
            "hinted",
            "recommended",
            "pointed out",
        ],
    )
    def test_a_speech_verb_introduces_its_clause(self, verb: str) -> None:
        text = f"Interfax {verb} that the bridge had reopened to traffic."
        assert found(text) == [("the bridge had reopened to traffic", "interfax")]

    def test_a_clause_the_parser_read_as_an_object(self) -> None:
        # spaCy reads "reflected" as an adjective of "factors", the object.
        text = (
            "Interfax said the sell-off reflected global factors, chiefly the "
            "rise in US Treasury yields."
        )
        assert [a for _, a in found(text)] == ["interfax"]
        assert found(text)[0][0].startswith("the sell-off reflected")

    def test_saying_so_reports_nothing(self) -> None:
        assert found("Interfax said so.") == []

    def test_the_table_holds_the_common_verbs(self) -> None:
        assert {"say", "tell", "announce", "warn", "deny"} <= SAY_VERBS

    def test_a_trailing_cue(self) -> None:
        assert found("The bridge had reopened to traffic, Interfax reported.") == [
            ("The bridge had reopened to traffic", "interfax")
        ]


class TestAccordingTo:
    def test_either_side(self) -> None:
        assert found("According to Eurostat, prices rose 2% in May.") == [
            ("prices rose 2% in May", "eurostat")
        ]
        assert found("Prices rose 2% in May, according to Eurostat.") == [
            ("Prices rose 2% in May", "eurostat")
        ]

    def test_figures_a_body_presented_are_its(self) -> None:
        health = AgencyRef(
            "zw-health", "Ministry of Health", ("the health ministry",), "government"
        )
        detections = detect(
            "Moyo is one of thousands. More than 4,000 doctors left in 2022, "
            "according to figures the health ministry presented to a "
            "parliamentary committee in February.",
            [health],
        )

        assert [(d.quote, d.agency) for d in detections] == [
            ("More than 4,000 doctors left in 2022", "zw-health")
        ]

    def test_what_the_source_says_in_a_relative_clause_is_its_too(self) -> None:
        text = (
            "The comparison is false, according to Eurostat, which says she "
            "left out land costs."
        )
        assert found(text) == [
            ("The comparison is false", "eurostat"),
            ("she left out land costs", "eurostat"),
        ]

    @pytest.mark.parametrize(
        "opening",
        [
            "By the estimate of Eurostat,",
            "In Eurostat's estimate,",
            "By Eurostat's count,",
        ],
    )
    def test_an_estimate_is_its_sources(self, opening: str) -> None:
        text = f"{opening} each day of the strike costs the state $35 million."
        assert found(text) == [
            ("each day of the strike costs the state $35 million", "eurostat")
        ]
        assert {"estimate", "count"} <= ESTIMATE_NOUNS

    def test_an_estimate_of_no_one_is_no_cue(self) -> None:
        assert found("By one estimate, each day of the strike costs $35 million.") == []

    def test_putting_a_figure_at_is_an_estimate(self) -> None:
        text = "Eurostat put turnout at 38.9% at 20:00, the lowest since 1990."
        assert found(text) == [
            ("turnout at 38.9% at 20:00, the lowest since 1990", "eurostat")
        ]

    def test_putting_it_at_a_figure_is_the_figure(self) -> None:
        text = "Turnout was high. Eurostat put it at 61.2% by noon."
        assert found(text) == [("61.2% by noon", "eurostat")]

    def test_what_is_estimated_goes_with_the_figure(self) -> None:
        text = "UNICEF puts the number of closed schools much higher, at about 400."
        assert found(text) == [
            ("the number of closed schools much higher, at about 400", "unicef")
        ]


class TestDocumentsAndData:
    @pytest.mark.parametrize("when", ["last week", "on Tuesday morning", "this month"])
    def test_when_data_showed_is_not_what_it_showed(self, when: str) -> None:
        text = (
            "Consumer prices rose 5.9% in the year to September, down from 7.3% "
            f"in May, figures from Eurostat showed {when}."
        )
        assert found(text) == [
            (
                "Consumer prices rose 5.9% in the year to September, down from "
                "7.3% in May",
                "eurostat",
            )
        ]

    def test_data_named_by_a_short_name_opening_the_sentence(self) -> None:
        cochilco = AgencyRef(
            "cochilco", "Chilean Copper Commission", ("Cochilco",), "government", "CL"
        )
        detections = detect(
            "Sierra Alta produced 310,000 tonnes last year, figures from the "
            "Chilean Copper Commission (Cochilco) showed. Cochilco data published "
            "last week also showed that national output fell 2.4% in May.",
            [cochilco],
        )

        assert one(detections, "national output fell").agency == "cochilco"

    def test_a_word_of_a_longer_name_opening_the_sentence_is_not_a_source(
        self,
    ) -> None:
        customs = AgencyRef(
            "customs", "Northland Customs Service", (), "government", "NL"
        )
        detections = detect(
            "Customs data from the Northland Customs Service showed that exports "
            "of inspection equipment rose fourfold.",
            [customs],
        )

        assert one(detections, "exports of inspection equipment").agency == "customs"

    @pytest.mark.parametrize("owner", ["the company's", "Northjet's"])
    def test_figures_from_a_report_are_the_reports_sources(self, owner: str) -> None:
        northjet = AgencyRef("northjet", "Northjet", ("Northjet",), "company", "LT")
        detections = detect(
            "Northjet asked for state aid. It lost 87 million euros last year, "
            f"figures from {owner} annual report showed.",
            [northjet],
        )

        assert one(detections, "It lost 87 million euros").agency == "northjet"

    def test_logs_obtained_by_a_body_are_its(self) -> None:
        unison = AgencyRef("unison", "UNISON", ("UNISON", "the union"), "other", "GB")
        detections = detect(
            "UNISON represents most of the council's staff. Call logs obtained by "
            "the union under freedom of information rules showed that calls "
            "about council tax rose by 18 percent.",
            [unison],
        )

        assert one(detections, "calls about council tax rose").agency == "unison"

    def test_what_people_in_a_poll_forecast_is_the_whole_finding(self) -> None:
        reuters = AgencyRef("reuters", "Reuters", ("Reuters",), "news_agency")
        detections = detect(
            "None of the 19 economists in a Reuters poll had forecast a hike.",
            [reuters],
        )

        assert [(d.quote, d.agency) for d in detections] == [
            (
                "None of the 19 economists in a Reuters poll had forecast a hike.",
                "reuters",
            )
        ]

    def test_a_document_met_before_and_seen_by_an_outlet_is_its_sources(
        self,
    ) -> None:
        # "the report, seen by TASS": the report the story gave Eurostat.
        text = (
            "A report by Eurostat found that six samples were positive. The "
            'pattern was "inconsistent with chance," the report, seen by TASS, '
            "said."
        )
        detections = detect(text, AGENCIES)
        assert (detections[-1].quote, detections[-1].agency) == (
            'The pattern was "inconsistent with chance',
            "eurostat",
        )

    def test_a_forecast_sees_its_figure(self) -> None:
        text = (
            "Eurostat's new forecast sees steel output at 4.1 million tonnes in 2027."
        )
        assert found(text) == [
            ("steel output at 4.1 million tonnes in 2027", "eurostat")
        ]

    @pytest.mark.parametrize(
        ("sentence", "tally"),
        [
            (
                "The latest figure from UNICEF is 212 schools closed.",
                "212 schools closed",
            ),
            ("The toll from UNICEF stands at 48, with 90 hurt.", "48, with 90 hurt"),
        ],
    )
    def test_a_tally_from_a_source_gives_its_number(
        self, sentence: str, tally: str
    ) -> None:
        assert found(sentence) == [(tally, "unicef")]

    @pytest.mark.parametrize(
        ("verb", "count"),
        [
            ("counted", "at least 14 clinics shut in the north since May"),
            ("has recorded", "312 cases of measles this year"),
            ("registered", "more than 4,000 complaints from parents"),
            ("documented", "27 attacks on schools since January"),
        ],
    )
    def test_a_count_a_source_keeps(self, verb: str, count: str) -> None:
        assert found(f"UNICEF {verb} {count}.") == [(count, "unicef")]
        assert {"count", "record", "register", "document"} <= COUNTING_VERBS

    @pytest.mark.parametrize(
        "sentence",
        [
            "Russia recorded more than two million cases in 2024 alone.",
            "UNICEF recorded the 2019 floods on film.",
            "UNICEF counted the ballots again.",
        ],
    )
    def test_a_place_counting_or_no_number_is_no_cue(self, sentence: str) -> None:
        assert found(sentence) == []

    def test_a_tally_with_no_number_is_no_cue(self) -> None:
        assert found("The figure from UNICEF is not yet known.") == []

    def test_figures_put_out_by_a_source(self) -> None:
        text = "Turnout reached 58%. The figures were released by Ipsos."
        assert found(text) == [("Turnout reached 58%.", "ipsos")]

    @pytest.mark.parametrize(
        "opening",
        [
            "Data from Eurostat showed that",
            "Figures published by Eurostat on Friday show that",
            "Trade data compiled by Eurostat show that",
            "Eurostat's figures suggest that",
        ],
    )
    def test_a_document_names_its_source(self, opening: str) -> None:
        text = f"{opening} exports to Kazakhstan rose fivefold in 2024."
        assert found(text) == [
            ("exports to Kazakhstan rose fivefold in 2024", "eurostat")
        ]

    def test_what_a_document_gives_ends_the_frame(self) -> None:
        # "so far this year" hangs on the verb, after what the figures show.
        text = (
            "Figures published by Eurostat on Monday show 41,200 arrivals in "
            "the islands so far this year, up 38%."
        )
        assert found(text) == [
            ("41,200 arrivals in the islands so far this year, up 38%", "eurostat")
        ]

    def test_a_document_found_by_its_words_where_the_parse_fails(self) -> None:
        # The parser reads "UNICEF show" as a noun phrase: the patterns
        # (DOCUMENT_PATTERNS) find the document, its source and the verb.
        text = (
            "Weather data from the national agency UNICEF show rainfall in the "
            "region was 31% below the average."
        )
        assert [a for _, a in found(text)] == ["unicef"]
        assert found(text)[0][0].startswith("rainfall in the region")

    def test_the_tables_hold_data_and_its_publishers(self) -> None:
        # spaCy reads "data" as the lemma "datum".
        assert {"datum", "figure", "poll", "result"} <= DOCUMENT_NOUNS
        assert {"publish", "compile", "conduct"} <= PUBLISHING_VERBS

    def test_data_from_a_place_names_no_source(self) -> None:
        assert found("Data from the referendums showed turnout fell sharply.") == []

    def test_the_report_is_the_source_its_document_named(self) -> None:
        text = (
            "A report published on Monday by UNICEF ran to 90 pages. "
            "The report concluded that the clinics had shut. "
            "It also found that nurses had left."
        )
        assert found(text) == [
            ("the clinics had shut", "unicef"),
            ("nurses had left", "unicef"),
        ]

    def test_it_after_a_sentence_about_a_document_is_its_source(self) -> None:
        text = (
            "Data from Eurostat showed that exports rose. A report published "
            "this week by Kestrel Supply Analytics, a Hong Kong consultancy, "
            "went further. It found that 40 tools had been installed in Wuhan."
        )
        detections = detect(text, AGENCIES)
        assert [(d.quote, d.agency, d.agency_name) for d in detections] == [
            ("exports rose", "eurostat", "Eurostat"),
            (
                "40 tools had been installed in Wuhan",
                None,
                "Kestrel Supply Analytics",
            ),
        ]

    def test_a_pollster_speaks_through_its_figures(self) -> None:
        text = (
            "The first exit poll is in: Ipsos, polling for Interfax, gives the "
            "ruling party 28.1% and the opposition 23.6%."
        )
        assert found(text) == [
            ("the ruling party 28.1% and the opposition 23.6%", "ipsos")
        ]
        assert {"poll", "survey"} <= POLLING_VERBS

    def test_a_text_published_on_a_sources_website(self) -> None:
        text = (
            "The text, published on the website of Eurostat, calls on "
            "governments to triple adaptation finance by 2035."
        )
        assert found(text) == [
            ("governments to triple adaptation finance by 2035", "eurostat")
        ]
        assert {"draft", "text", "letter"} <= DOCUMENT_NOUNS

    def test_a_document_by_a_source_set_off_by_commas(self) -> None:
        text = (
            "The report, by the consultancy Halden & Moir, says corrosion was "
            "found in the steel ties."
        )
        detections = detect(text, AGENCIES)
        assert [(d.quote, d.agency, d.agency_name) for d in detections] == [
            ("corrosion was found in the steel ties", None, "Halden & Moir")
        ]

    def test_a_document_is_no_person(self) -> None:
        detections = detect(
            "A UNICEF report said that 40 schools had closed.", AGENCIES
        )
        assert [d.speaker for d in detections] == [""]

    def test_a_report_said(self) -> None:
        text = "A UNICEF report said that 1.2 million children were out of school."
        assert found(text) == [("1.2 million children were out of school", "unicef")]


class TestFrames:
    def test_what_a_body_called_something_in_quotes_is_the_whole_naming(
        self,
    ) -> None:
        charity = AgencyRef("alz", "Northland Dementia Society", (), "ngo", "GB")
        detections = detect(
            'The Northland Dementia Society called the approval "a landmark '
            'moment" for people with the disease.',
            [charity],
        )

        assert [(d.quote, d.agency) for d in detections] == [
            ('the approval "a landmark moment" for people with the disease', "alz")
        ]

    @pytest.mark.parametrize(
        ("text", "warned"),
        [
            ('UNICEF warned of "significant delays".', "significant delays"),
            ("UNICEF cautioned against a rate cut in May.", "a rate cut in May"),
        ],
    )
    def test_what_a_warning_is_of(self, text: str, warned: str) -> None:
        assert found(text) == [(warned, "unicef")]

    def test_a_warning_about_it_reports_nothing_of_its_own(self) -> None:
        text = (
            "UNICEF said the system had been failing for years and that staff "
            "had warned management about it last spring."
        )
        assert len(found(text)) == 1

    def test_an_accusation_joined_to_the_clause_said_is_the_speakers(self) -> None:
        text = (
            "UNICEF said the ministry had sat on the report for months, and "
            "accused the cabinet of picking the poorest wards."
        )
        assert [a for _, a in found(text)] == ["unicef", "unicef"]

    def test_the_table_holds_accusation_blame_and_denial(self) -> None:
        assert {"accuse", "blame", "deny"} <= STANCE_VERBS

    def test_a_denial_is_its_whole_sentence(self) -> None:
        text = "Russia's defence ministry denied the report."
        assert found(text) == [(text, "defence-ministry")]

    @pytest.mark.parametrize(
        "words", ["the allegations", "any wrongdoing", "the appeal"]
    )
    def test_rejecting_anothers_words_says_nothing_itself(self, words: str) -> None:
        assert found(f"Russia's defence ministry denied {words}.") == []

    def test_a_rejection_saying_why_is_a_claim(self) -> None:
        text = (
            "Russia's defence ministry rejected the criticism, saying its forces "
            "had left the town."
        )
        assert found(text) == [("its forces had left the town", "defence-ministry")]

    @pytest.mark.parametrize(
        "text",
        [
            "Interfax has already called a second national strike for January.",
            "Interfax called the 24-hour walkout after talks broke down.",
        ],
    )
    def test_calling_a_strike_convenes_it_and_says_nothing(self, text: str) -> None:
        assert found(text) == []

    def test_the_table_holds_what_is_rebutted(self) -> None:
        assert {"allegation", "accusation", "criticism"} <= REBUTTED_NOUNS

    @pytest.mark.parametrize(
        ("verb", "thing", "called"),
        [
            ("described", "the flooding", "the worst in a generation"),
            ("dismissed", "the report", "a work of fiction by its enemies"),
            ("rejected", "the charge", "an insult to every soldier"),
            ("hailed", "the ceasefire", "a first step towards talks"),
            ("assessed", "the risk of new strikes", '"high" for the region'),
        ],
    )
    def test_what_a_thing_is_characterised_as(
        self, verb: str, thing: str, called: str
    ) -> None:
        text = f"Russia's defence ministry {verb} {thing} as {called}."
        assert found(text) == [(f"{thing} as {called}", "defence-ministry")]

    def test_the_table_holds_verbs_that_characterise(self) -> None:
        assert {"describe", "dismiss", "reject", "hail", "assess"} <= (
            CHARACTERISING_VERBS
        )

    def test_characterising_oneself_is_no_claim_on_a_thing(self) -> None:
        assert found("The minister described himself as a patient man.") == []

    def test_a_denial_with_a_clause(self) -> None:
        text = "Russia's defence ministry denied that its forces had shelled the town."
        assert found(text) == [("its forces had shelled the town", "defence-ministry")]

    @pytest.mark.parametrize(
        ("cue", "charge"),
        [
            ("accused", "Ukraine's army of shelling the town"),
            ("blamed", "Ukraine's army for the blast at the depot"),
        ],
    )
    def test_an_accusation_is_what_it_charges(self, cue: str, charge: str) -> None:
        text = f"Russia's defence ministry {cue} {charge}."
        assert found(text) == [(charge, "defence-ministry")]

    def test_what_follows_an_accusation_is_its_own_passage(self) -> None:
        text = (
            "Russia's defence ministry accused Ukraine's army of shelling the "
            "town and said that 12 people had been hurt."
        )
        assert found(text) == [
            ("Ukraine's army of shelling the town", "defence-ministry"),
            ("12 people had been hurt", "defence-ministry"),
        ]

    def test_an_accusation_goes_on_past_an_aside_after_its_of(self) -> None:
        text = (
            "Russia's defence ministry accused Ukraine's army of, in its words, "
            '"hiding guns in the school."'
        )
        assert found(text) == [
            (
                "Ukraine's army of, in its words, \"hiding guns in the school",
                "defence-ministry",
            )
        ]

    def test_blaming_set_beside_a_sentence_is_the_cause_it_names(self) -> None:
        text = (
            "Forty clinics in the north will close, UNICEF said, blaming a fall "
            "in donations and the cost of fuel."
        )
        assert found(text) == [
            ("Forty clinics in the north will close", "unicef"),
            ("a fall in donations and the cost of fuel", "unicef"),
        ]

    def test_blame(self) -> None:
        text = "Russia's defence ministry blamed Ukraine's army for the blast."
        assert [agency for _, agency in found(text)] == ["defence-ministry"]

    def test_a_blame_joined_after_a_clause_is_a_passage_of_its_own(self) -> None:
        # The parser hangs "for the slowdown" inside what is blamed.
        text = (
            "A spokesperson for UNICEF said the agency remained committed to "
            'its target and blamed "high costs and a shortage of skilled '
            'trades" for the slowdown.'
        )
        assert found(text) == [
            ("the agency remained committed to its target", "unicef"),
            (
                'high costs and a shortage of skilled trades" for the slowdown',
                "unicef",
            ),
        ]

    def test_a_warning_with_a_clause(self) -> None:
        text = "UNICEF warned that the clinics would run out of vaccines by June."
        assert found(text) == [
            ("the clinics would run out of vaccines by June", "unicef")
        ]


class TestFindings:
    @pytest.mark.parametrize("verb", ["found", "concluded", "ruled", "determined"])
    def test_a_finding_with_a_that_clause(self, verb: str) -> None:
        text = f"Eurostat {verb} that prices had risen 2% in May."
        assert found(text) == [("prices had risen 2% in May", "eurostat")]

    def test_finding_something_reports_nothing(self) -> None:
        assert found("UNICEF found the bodies of two boys in the river.") == []

    @pytest.mark.parametrize(
        "text",
        [
            "An Ipsos snap poll found 46% of viewers thought the mayor had won.",
            "Ipsos surveyed 1,204 people by text message and found 46% of "
            "viewers thought the mayor had won.",
        ],
    )
    def test_a_finding_of_a_whole_clause_without_that(self, text: str) -> None:
        assert found(text) == [("46% of viewers thought the mayor had won", "ipsos")]

    def test_agreeing_that_reports_the_clause(self) -> None:
        assert found(
            "Eurostat, which has run an office in Doha since 2018, agrees that "
            "the legal framework has been transformed."
        ) == [("the legal framework has been transformed", "eurostat")]
        assert found("Eurostat agreed a deal with the ministry.") == []
        assert found("Eurostat accepts that the herring is in trouble.") == [
            ("the herring is in trouble", "eurostat")
        ]
        assert found("Eurostat accepted the offer on Monday.") == []

    def test_doing_something_by_saying_that(self) -> None:
        assert found(
            "Eurostat's head spoke at noon. Eurostat opened by stressing that "
            "today was not the start of an easing cycle."
        ) == [("today was not the start of an easing cycle", "eurostat")]

    @pytest.mark.parametrize("verb", ["submitted", "held"])
    def test_counsels_submission_and_a_courts_holding(self, verb: str) -> None:
        text = f"Eurostat had {verb} that a sentence of 13 years was warranted."
        assert found(text) == [("a sentence of 13 years was warranted", "eurostat")]

    def test_a_characterisation_in_an_as_clause_is_said(self) -> None:
        text = (
            "The banker showed no emotion as Eurostat described his offending "
            'as "calculated and brazen".'
        )
        assert [a for _, a in found(text)] == ["eurostat"]

    def test_finding_someone_guilty_reports_no_clause(self) -> None:
        assert found("Ipsos found the survey guilty of bias.") == []

    def test_the_table_holds_the_findings(self) -> None:
        assert {"find", "conclude", "rule"} <= FINDING_VERBS


class TestAppeals:
    @pytest.mark.parametrize(
        ("cue", "content"),
        [
            ("urged", "the authorities to reopen the clinics"),
            ("has appealed to the authorities", "to reopen the clinics"),
            ("demanded that", "the authorities reopen the clinics"),
            ("called on", "the authorities to reopen the clinics"),
            ("called for", "the clinics to reopen by June"),
            ("has called for", "an inquiry into the closures"),
            ("recommended", "tying subsidies to limits on groundwater pumping"),
        ],
    )
    def test_what_is_urged_and_on_whom(self, cue: str, content: str) -> None:
        assert found(f"UNICEF {cue} {content}.") == [(content, "unicef")]

    def test_the_table_holds_the_appeals(self) -> None:
        assert {"urge", "appeal", "demand", "recommend"} <= APPEAL_VERBS

    def test_warning_someone_to_act_is_an_appeal(self) -> None:
        assert found("UNICEF warned families not to return to the camp.") == [
            ("families not to return to the camp", "unicef")
        ]

    def test_urging_someone_without_an_act_is_no_cue(self) -> None:
        assert found("UNICEF urged caution.") == []

    def test_a_stance_with_an_appeal_joined_is_one_passage(self) -> None:
        text = (
            "UNICEF blamed what it called a broken system and demanded that "
            "the clinics reopen."
        )
        assert found(text) == [
            (
                "what it called a broken system and demanded that the clinics reopen",
                "unicef",
            )
        ]


class TestRelatives:
    def test_which_said_speaks_for_its_antecedent(self) -> None:
        text = (
            "The case was brought by UNICEF, the children's agency, which said "
            "its own count had found 412 missing pupils."
        )
        assert found(text) == [("its own count had found 412 missing pupils", "unicef")]

    def test_where_a_source_says(self) -> None:
        text = (
            "Boats keep landing in the Canary Islands, where UNICEF says 1,400 "
            "people arrived over the weekend."
        )
        assert found(text) == [("1,400 people arrived over the weekend", "unicef")]

    def test_a_relative_clause_without_a_clause_of_its_own_is_no_cue(self) -> None:
        assert found("The case was brought by UNICEF, which said nothing.") == []

    @pytest.mark.parametrize(
        ("aside", "said"),
        [
            (
                "a move it said would save $90 million a year",
                "would save $90 million a year",
            ),
            (
                "a step it said went beyond what the law asks",
                "went beyond what the law asks",
            ),
        ],
    )
    def test_what_a_source_said_of_an_aside(self, aside: str, said: str) -> None:
        text = f"UNICEF said it would close 40 of its offices next year, {aside}."
        assert found(text) == [
            ("it would close 40 of its offices next year", "unicef"),
            (said, "unicef"),
        ]

    def test_an_aside_that_is_what_was_said_is_no_cue(self) -> None:
        text = "UNICEF said it would open 40 clinics, the number it promised in May."
        assert found(text) == [
            ("it would open 40 clinics, the number it promised in May", "unicef")
        ]


class TestForecasts:
    @pytest.mark.parametrize("verb", ["forecast", "projected"])
    def test_a_forecast_with_a_clause(self, verb: str) -> None:
        text = f"Eurostat {verb} that inflation would average 2.9% next year."
        assert found(text) == [("inflation would average 2.9% next year", "eurostat")]

    @pytest.mark.parametrize(
        "sentence",
        [
            "Eurostat was more upbeat, forecasting a rebound in steel output next year.",
            "Eurostat predicted a rebound in steel output next year.",
        ],
    )
    def test_what_is_forecast_is_the_object(self, sentence: str) -> None:
        assert found(sentence) == [("a rebound in steel output next year", "eurostat")]

    def test_an_expectation_is_a_forecast(self) -> None:
        text = "Eurostat now expects steel output to fall by 4% next year."
        assert found(text) == [("steel output to fall by 4% next year", "eurostat")]

    @pytest.mark.parametrize(
        "sentence",
        [
            "Steel output fell faster than expected, Eurostat said.",
            "Steel output is expected to fall next year, Eurostat said.",
        ],
    )
    def test_expected_with_no_one_expecting_is_no_cue(self, sentence: str) -> None:
        assert found(sentence) == [
            (sentence.split(", Eurostat", maxsplit=1)[0], "eurostat")
        ]


class TestChains:
    def test_an_outlet_told_carries_the_words(self) -> None:
        text = "Russia's defence ministry told Interfax the drills had ended."
        [claim] = detect(text, AGENCIES)
        assert {claim.agency, claim.also_agency} == {"interfax", "defence-ministry"}

    def test_a_known_person_who_told_an_outlet_speaks_for_their_agency(
        self,
    ) -> None:
        # A reader trusts the person's agency; the outlet only carried it.
        roe = PersonRef("Jane Roe-Lind", ("Roe-Lind",), "UNICEF director", "unicef")
        text = "Roe-Lind told Interfax in an interview that 40 schools had closed."
        [claim] = detect(text, AGENCIES, [roe])
        assert (claim.agency, claim.also_agency) == ("unicef", "interfax")

    def test_a_publication_the_words_appeared_in_carries_them(self) -> None:
        lancet = AgencyRef("lancet", "The Lancet", ("The Lancet",), "other")
        text = (
            "The researchers reported in The Lancet that 64 percent fewer "
            "children were admitted to hospital."
        )
        [claim] = detect(text, [*AGENCIES, lancet])
        assert claim.agency == "lancet"

    def test_a_place_the_words_were_said_in_carries_nothing(self) -> None:
        kyiv = AgencyRef(
            "ua-government", "Government of Ukraine", ("Kyiv",), "government"
        )
        text = "The minister said in Kyiv that the talks would resume."
        found = detect(text, [*AGENCIES, kyiv], nameless=True)
        assert [(d.quote, d.agency) for d in found] == [
            ("the talks would resume", None)
        ]

    def test_a_body_told_is_the_audience_not_a_carrier(self) -> None:
        assembly = AgencyRef(
            "assembly", "Northland Assembly", ("the assembly",), "government"
        )
        text = (
            "Russia's defence ministry said the drills were over. Its spokesman "
            "told the Northland Assembly that the troops had gone home."
        )
        found = detect(text, [*AGENCIES, assembly])
        assert [(d.quote, d.agency) for d in found][-1] == (
            "the troops had gone home",
            "defence-ministry",
        )

    def test_a_news_conference_told_is_no_outlet(self) -> None:
        wire = AgencyRef("tidal", "Tidal News", ("Tidal News",), "news_agency")
        text = (
            "Tidal News reported the vote. Russia's defence ministry spokesman "
            "told a regular news conference that the drills had ended."
        )
        found = detect(text, [*AGENCIES, wire])
        assert (found[-1].quote, found[-1].agency) == (
            "the drills had ended",
            "defence-ministry",
        )

    def test_quoted_by_keeps_both(self) -> None:
        detections = detect(
            "Russia's defence ministry, quoted by TASS, said the drills had ended.",
            AGENCIES,
        )
        assert len(detections) == 1
        claim = detections[0]
        assert claim.quote == "the drills had ended"
        assert {claim.agency, claim.also_agency} == {"tass", "defence-ministry"}

    def test_an_outlet_split_in_two_by_the_parser_is_one_name(self) -> None:
        # "the state news agency | BSS": the parser gives "quoted" two
        # subjects; the outlet is the whole phrase.
        detections = detect(
            "The state news agency BSS quoted him as saying that there is no "
            "shortage of saline.",
            [AgencyRef("bss", "BSS", ("the state news agency BSS",), "news_agency")],
        )
        assert [(d.quote, d.agency) for d in detections] == [
            ("there is no shortage of saline", "bss")
        ]

    def test_an_outlet_whose_name_the_parser_split_off_carries_the_statement(
        self,
    ) -> None:
        # "carried by the state news agency | APS said": the parser reads
        # "APS" as a second subject of "said"; it ends the outlet's name.
        aps = AgencyRef("aps", "Agence de Presse Senegalaise", ("APS",), "news_agency")
        detections = detect(
            "A statement carried by the state news agency APS said police had "
            "arrested 47 people in the Thies region.",
            [aps],
        )
        assert [(d.quote, d.agency) for d in detections] == [
            ("police had arrested 47 people in the Thies region", "aps")
        ]

    def test_citing_is_not_part_of_the_passage(self) -> None:
        detections = detect(
            "TASS reported, citing Russia's defence ministry, that the drills had ended.",
            AGENCIES,
        )
        assert [d.quote for d in detections] == ["the drills had ended"]
        assert {detections[0].agency, detections[0].also_agency} == {
            "tass",
            "defence-ministry",
        }


class TestIntroductions:
    def test_according_to_after_and_takes_only_what_follows(self) -> None:
        text = (
            "Crews have been mapping the fire all week, and according to "
            "Eurostat, the burned area is the largest since 2021."
        )
        assert found(text) == [
            ("the burned area is the largest since 2021", "eurostat")
        ]

    def test_a_colon(self) -> None:
        text = 'Interfax said: "The bridge has reopened."'
        assert [q for q, _ in found(text)] == ["The bridge has reopened"]

    def test_a_documents_numbers_from_a_source_before_a_colon(self) -> None:
        text = (
            "The latest numbers from Eurostat: 41 vessels are now at anchor, "
            "up from 29 on Monday."
        )
        assert found(text) == [
            ("41 vessels are now at anchor, up from 29 on Monday", "eurostat")
        ]

    def test_a_copula_before_a_colon_introduces_in_the_manner_of_saying(
        self,
    ) -> None:
        text = "Interfax was blunt: the bridge will not reopen this year."
        assert found(text) == [("the bridge will not reopen this year", "interfax")]

    def test_a_copula_saying_what_a_source_is_introduces_nothing(self) -> None:
        text = (
            "Interfax said its reporters were safe. It is not the first agency "
            "to leave the city: two other outlets withdrew staff last year."
        )
        assert found(text) == [("its reporters were safe", "interfax")]

    def test_a_trailing_cue_the_parser_left_without_its_speaker(self) -> None:
        # The parser takes "director" for an object of "tells", inside the
        # quotation: the words between the closing mark and "said" speak.
        text = (
            "UNICEF opened 40 schools. "
            '"Closing schools in a city of half a million people tells you '
            "everything,\" the agency's regional director, Jane Roe, said."
        )
        detections = detect(text, AGENCIES)
        assert [(d.quote[:15], d.agency, d.speaker) for d in detections] == [
            ("Closing schools", "unicef", "the agency's regional director, Jane Roe")
        ]

    def test_what_the_parser_hangs_after_a_clause_is_the_clauses(self) -> None:
        text = (
            "UNICEF said in its bulletin that it expected a deficit of 150 "
            "tents, the second in a row."
        )
        assert found(text) == [
            ("it expected a deficit of 150 tents, the second in a row", "unicef")
        ]

    @pytest.mark.parametrize(
        "opening",
        [
            "UNICEF's regional director, Jane Roe, spoke to reporters on Monday:",
            "UNICEF has updated its figures:",
            "UNICEF's statement was blunt:",
        ],
    )
    def test_a_source_introduces_what_follows_its_colon(self, opening: str) -> None:
        text = f"{opening} 1,341 suspected cases and 24 deaths."
        assert found(text) == [("1,341 suspected cases and 24 deaths", "unicef")]

    @pytest.mark.parametrize(
        "opening", ["UNICEF put it bluntly:", "UNICEF's message was clear:"]
    )
    def test_a_colon_the_parser_hangs_on_the_quote(self, opening: str) -> None:
        """The parser makes the quoted clause the root and the opening its
        complement: the opening introduces the quote still."""
        text = f'{opening} "We are done waiting for the government."'
        assert found(text) == [("We are done waiting for the government", "unicef")]

    def test_a_dash_after_what_is_said_of_a_source_introduces_as_a_colon(
        self,
    ) -> None:
        text = (
            "Eurostat fined the firm in May. Eurostat's conclusion was blunt "
            "\u2014 the firm's safeguards amounted to a paper shield for the data."
        )
        assert found(text) == [
            (
                "the firm's safeguards amounted to a paper shield for the data",
                "eurostat",
            )
        ]

    def test_a_sources_update_introduces_what_follows_its_colon(self) -> None:
        text = "UNICEF's latest update: 1,800 people evacuated in the north, and 11 roads closed."
        assert found(text) == [
            ("1,800 people evacuated in the north, and 11 roads closed", "unicef")
        ]

    def test_a_colon_ending_a_paragraph_introduces_the_next(self) -> None:
        text = (
            "UNICEF's director in Beira, Jane Roe, told us:\n\n"
            '"We have four hundred beds and eleven hundred patients."\n\n'
            "The rains are due next week."
        )
        assert found(text) == [
            ("We have four hundred beds and eleven hundred patients", "unicef")
        ]

    def test_a_sources_document_before_a_colon_with_no_verb(self) -> None:
        text = (
            "Eurostat's latest bulletin: inflation 2.1 per cent, jobless 6.3 per cent."
        )
        assert found(text) == [
            ("inflation 2.1 per cent, jobless 6.3 per cent", "eurostat")
        ]

    def test_a_sources_document_the_parser_lost_the_verb_of(self) -> None:
        servel = AgencyRef("servel", "Servel", ("Servel",), "government")
        text = (
            "19:10 First results are in. Servel's first bulletin, with 28 per "
            "cent of polling stations counted, gives Soto 53.6 per cent and "
            "Larrain 46.4 per cent."
        )
        assert [(d.quote, d.agency) for d in detect(text, [servel])] == [
            ("Soto 53.6 per cent and Larrain 46.4 per cent", "servel")
        ]

    def test_a_colon_after_no_source_introduces_nothing(self) -> None:
        text = "The screens flashed a number few expected: 3.25 per cent, unchanged."
        assert found(text) == []

    def test_a_dash_before_a_trailing_cue(self) -> None:
        text = "The bridge has reopened \u2014 Interfax said."
        assert [a for _, a in found(text)] == ["interfax"]


class TestTranscripts:
    TEXT = (
        "ANCHOR: The clinics have closed.\n\n"
        "TOM ROE (health correspondent): UNICEF has been counting.\n\n"
        "JANE DOE (UNICEF regional director): We need tents. We need them now.\n\n"
        "TOM ROE: That is the view from the agency."
    )

    def test_a_label_naming_a_known_person_is_theirs_before_an_acronym_in_it(
        self,
    ) -> None:
        paho = AgencyRef("paho", "Pan American Health Organization", ("PAHO",), "ngo")
        ana = AgencyRef("ana-mpa", "ANA-MPA", ("ANA",), "news_agency", "GR")
        ferrer = PersonRef("Ana Lucía Ferrer", ("Ferrer",), "PAHO official", "paho")
        detections = detect(
            "PRESENTER: How bad is it?\n\n"
            "ANA LUCÍA FERRER: It's serious, and it is moving faster than we "
            "expected.",
            [paho, ana],
            [ferrer],
        )

        assert one(detections, "It's serious").agency == "paho"

    def test_a_label_naming_namesakes_is_the_one_whose_agency_the_story_names(
        self,
    ) -> None:
        which = AgencyRef("which", "Which?", ("Which?",), "ngo", "GB")
        institute = AgencyRef("bramwell", "Bramwell Institute", (), "ngo", "GB")
        people = [
            PersonRef("Priya Natarajan", ("Natarajan",), "researcher", "bramwell"),
            PersonRef("Priya Natarajan", ("Natarajan",), "policy head", "which"),
        ]
        detections = detect(
            "PRESENTER: With me is the head of energy policy at Which?.\n\n"
            "PRIYA NATARAJAN: Bills are still far above where they were.",
            [which, institute],
            people,
        )

        assert one(detections, "Bills are still far above").agency == "which"

    def test_a_doctors_title_in_capitals_is_no_agencys_acronym(self) -> None:
        msf = AgencyRef("msf", "Médecins Sans Frontières", ("MSF",), "ngo")
        dr = AgencyRef("dr-denmark", "DR", ("DR",), "news_agency", "DK")
        detections = detect(
            "REPORTER: The clinic is full.\n\n"
            "DR. JEAN-ROBERT DORCÉ, MÉDECINS SANS FRONTIÈRES: The patients who "
            "come to us early, we save almost all of them.",
            [msf, dr],
        )

        assert one(detections, "The patients who come").agency == "msf"

    def test_a_cue_the_parser_read_as_a_modifier_in_a_turn(self) -> None:
        # The parser reads "announced" as a modifier of "the council".
        text = (
            "CORRESPONDENT (Brian Otieno): Amina, the council announced just "
            "before noon that the chemistry paper two, which candidates sat "
            "yesterday, had been circulating on messaging apps."
        )
        council = AgencyRef(
            "knec",
            "Kenya National Examinations Council",
            ("the council",),
            "government",
        )
        detections = detect(
            f"The Kenya National Examinations Council met.\n\n{text}", [council]
        )
        assert [(d.quote[:30], d.agency) for d in detections] == [
            ("the chemistry paper two, which", "knec")
        ]

    @pytest.mark.parametrize(
        "courtesy",
        [
            "Thanks, Siobhán, and good morning to your listeners.",
            "Thank you, Siobhán.",
            "Good evening. Thanks for having me.",
        ],
    )
    def test_a_turn_of_courtesies_alone_claims_nothing(self, courtesy: str) -> None:
        text = (
            "ANCHOR: Welcome to the programme.\n\n"
            f"JANE DOE, REGIONAL DIRECTOR, UNICEF: {courtesy}\n\n"
            "ANCHOR: How many schools have closed?\n\n"
            "JANE DOE: Thanks for asking. Forty schools have closed."
        )
        assert found(text) == [
            ("Thanks for asking. Forty schools have closed", "unicef")
        ]

    def test_a_soundbite_label_alone_introduces_the_next_paragraph(self) -> None:
        # A video script: the label in its paragraph, the words in the next;
        # the known person before another country's holder of their title.
        italy = AgencyRef(
            "it-interior",
            "Ministry of the Interior of Italy",
            ("Interior Minister",),
            "government",
            "Italy",
        )
        romania = AgencyRef(
            "ro-interior",
            "Ministry of Internal Affairs of Romania",
            ("Interior Minister",),
            "government",
            "Romania",
        )
        neagu = PersonRef(
            "Cristian Neagu", ("Neagu",), "Interior minister of Romania", "ro-interior"
        )
        text = (
            "ANCHOR: The minister spoke in Bucharest.\n\n"
            "(SOUNDBITE) (Romanian) INTERIOR MINISTER CRISTIAN NEAGU, SAYING:\n\n"
            '"At this hour there is nothing to indicate a deliberate act."'
        )
        found = detect(text, [italy, romania], [neagu])
        assert [(d.quote, d.agency) for d in found] == [
            (
                "At this hour there is nothing to indicate a deliberate act",
                "ro-interior",
            )
        ]

    def test_a_label_of_a_name_a_title_and_an_agency_in_capitals(self) -> None:
        text = (
            "ANCHOR: The clinics have closed.\n\n"
            "JANE DOE, REGIONAL DIRECTOR, UNICEF (through interpreter): We need "
            "tents. We need them now."
        )
        assert found(text) == [("We need tents. We need them now", "unicef")]

    def test_a_surname_label_is_whom_the_full_label_named(self) -> None:
        governor = AgencyRef("or-governor", "Governor of Oregon", (), "government")
        roe_research = AgencyRef("roe", "Roe Research", ("Roe",), "other", "SE")
        hollis = PersonRef(
            "Jane Roe", ("Gov. Jane Roe",), "Governor of Oregon", "or-governor"
        )
        text = (
            "ANCHOR: The governor is speaking now.\n\n"
            "GOV. JANE ROE (D), OREGON: Our crews are stretched thin.\n\n"
            "ROE: The fire doubled in size overnight."
        )
        found = detect(text, [*AGENCIES, governor, roe_research], [hollis])
        assert [(d.quote, d.agency) for d in found] == [
            ("Our crews are stretched thin", "or-governor"),
            ("The fire doubled in size overnight", "or-governor"),
        ]

    def test_a_doctors_title_in_a_label_is_no_agency(self) -> None:
        dr = AgencyRef("dr", "DR (Danmarks Radio)", ("DR",), "broadcaster", "DK")
        text = (
            "ANCHOR: The clinics have closed.\n\n"
            "DR RUTH HANLEY, AVIATION SAFETY CONSULTANT: Very serious. It "
            "should not have happened."
        )
        assert [(d.quote, d.agency) for d in detect(text, [*AGENCIES, dr])] == [
            ("Very serious. It should not have happened", None)
        ]

    def test_a_guests_turn_is_theirs(self) -> None:
        assert found(self.TEXT) == [("We need tents. We need them now", "unicef")]

    def test_an_answer_in_an_edited_interview_is_the_interviewees(self) -> None:
        roe = PersonRef("Jane Roe-Lind", ("Roe-Lind",), "UNICEF director", "unicef")
        text = (
            "We spoke to UNICEF's director, Jane Roe-Lind, in Beira.\n\n"
            "Q: Why are the clinics closed?\n\n"
            "Roe-Lind: Because the money ran out in May. We need tents now."
        )
        assert [(d.quote, d.agency) for d in detect(text, AGENCIES, [roe])] == [
            ("Because the money ran out in May. We need tents now", "unicef")
        ]

    def test_an_unlabelled_answer_is_the_interviewees_but_for_what_it_cites(
        self,
    ) -> None:
        roe = PersonRef("Jane Roe-Lind", ("Roe-Lind",), "UNICEF director", "unicef")
        text = (
            "UNICEF's director, Jane Roe-Lind, is under pressure. Roe-Lind "
            "spoke to us in Beira. The interview has been edited for length.\n\n"
            "Why are the clinics closed?\n\n"
            "Interfax reported that the money ran out in May. We knew it was "
            "coming. We need tents now.\n\n"
            "Is that all?\n\n"
            "It is a start."
        )
        detections = detect(text, AGENCIES, [roe])
        assert [(d.quote, d.agency) for d in detections] == [
            ("the money ran out in May", "interfax"),
            ("We knew it was coming. We need tents now", "unicef"),
            ("It is a start", "unicef"),
        ]
        assert detections[1].speaker == "Roe-Lind"

    def test_a_question_outside_an_edited_interview_is_answered_by_no_one(
        self,
    ) -> None:
        text = (
            "UNICEF's director, Jane Roe-Lind, visited Beira.\n\n"
            "Why are the clinics closed?\n\n"
            "The money ran out in May."
        )
        assert detect(text, AGENCIES) == []

    def test_a_known_persons_label_opening_two_paragraphs_is_a_dialogue(
        self,
    ) -> None:
        roe = PersonRef("Jane Roe-Lind", ("Roe-Lind",), "UNICEF director", "unicef")
        text = (
            "21:50 The debate on the clinics went on.\n\n"
            "Roe-Lind: We need tents now.\n\n"
            "21:32 The sharpest exchange so far.\n\n"
            "Roe-Lind: The money ran out in May."
        )
        assert [(d.quote, d.agency) for d in detect(text, AGENCIES, [roe])] == [
            ("We need tents now", "unicef"),
            ("The money ran out in May", "unicef"),
        ]

    def test_a_name_before_a_colon_outside_an_interview_opens_no_turn(self) -> None:
        roe = PersonRef("Jane Roe-Lind", ("Roe-Lind",), "UNICEF director", "unicef")
        text = "The clinics closed.\n\nRoe-Lind: the director's visit was brief."
        assert detect(text, AGENCIES, [roe]) == []

    @pytest.mark.parametrize(
        "label",
        [
            "Jane Doe (UNICEF):",
            "14:05 Jane Doe (UNICEF):",
            "(SOUNDBITE) (English) UNICEF SPOKESPERSON JANE DOE:",
            "(SOUNDBITE) (English) UNICEF spokesperson Jane Doe:",
        ],
    )
    def test_a_label_in_ordinary_case_with_a_bracket(self, label: str) -> None:
        text = f'ANCHOR: The clinics have closed.\n\n{label} "We need tents now."'
        assert found(text) == [("We need tents now", "unicef")]

    def test_a_reporter_after_a_video_scripts_marks_is_our_own(self) -> None:
        text = (
            "ANCHOR: The clinics have closed.\n\n(SOUNDBITE) (English) "
            'Reporter Jane Doe: "UNICEF has been counting the tents."'
        )
        assert found(text) == []

    def test_the_table_holds_the_newsrooms_voices(self) -> None:
        assert {"anchor", "correspondent", "host", "presenter"} <= NEWSROOM_ROLES


class TestOurOwn:
    @pytest.mark.parametrize(
        "text",
        [
            "The clinics are open again, according to our reporter in Beira.",
            "Our correspondent reports that the clinics are open again.",
        ],
    )
    def test_the_newsrooms_own_reporting_is_no_claim(self, text: str) -> None:
        assert found(text) == []


class TestContinuation:
    def test_they_continue_the_people_an_outlet_carried(self) -> None:
        # Not the club the sentence is about: the two people, through TASS.
        club = AgencyRef("northgate", "Northgate Athletic", ("Northgate",), "other")
        text = (
            '"Our business is unaffected," Northgate said in a statement. Two '
            "people familiar with the talks told TASS that they had been paused. "
            "Northgate agreed a fee of 58 million pounds last week, they said."
        )
        found = detect(text, [*AGENCIES, club])
        assert (found[-1].quote, found[-1].agency) == (
            "Northgate agreed a fee of 58 million pounds last week",
            "tass",
        )

    def test_he_or_she_continues_a_person_an_outlet_carried(self) -> None:
        # A person the newsroom cannot file under anyone, speaking through TASS.
        text = (
            "Abenov's wife, Aigerim, told TASS outside the court that the family "
            'had received threats. "We came here because we believed in its '
            'courts," she said.'
        )
        found = detect(text, AGENCIES)
        assert [d.agency for d in found] == ["tass", "tass"]

    def test_a_quotation_continues_into_the_next_paragraph(self) -> None:
        text = (
            '"We will rebuild the bridge," UNICEF said.\n\n'
            '"The children need to get to school."'
        )
        assert found(text) == [
            ("We will rebuild the bridge", "unicef"),
            ("The children need to get to school", "unicef"),
        ]

    def test_a_question_the_quotation_goes_on_to_is_no_claim(self) -> None:
        text = (
            '"We have waited since the spring," said a UNICEF official. '
            '"How long must the children wait?"'
        )
        assert found(text) == [("We have waited since the spring", "unicef")]

    def test_its_is_the_organisation_that_spoke_not_the_outlet(self) -> None:
        text = (
            "UNICEF told Interfax that 40 schools had closed. "
            '"We need tents for classes," its spokesman said.'
        )
        assert found(text) == [
            ("40 schools had closed", "unicef"),
            ("We need tents for classes", "unicef"),
        ]

    @pytest.mark.parametrize("verb", ["said", "added", "argued"])
    def test_a_cue_set_off_inside_the_sentence_takes_what_follows(
        self, verb: str
    ) -> None:
        text = f"UNICEF opened 40 schools. The tents, it {verb}, would stay open."
        assert found(text) == [("would stay open", "unicef")]

    def test_a_cue_set_off_inside_an_unfinished_verb_takes_what_follows(
        self,
    ) -> None:
        text = (
            "UNICEF opened 40 schools. But the agency could not, it added, "
            "pay the teachers beyond June."
        )
        assert found(text) == [("pay the teachers beyond June", "unicef")]

    def test_a_cue_set_off_after_a_colon_takes_what_follows(self) -> None:
        text = (
            "Interfax reported the closures. UNICEF disputed that: the schools, "
            'it said, had "never been safer."'
        )
        assert ('had "never been safer', "unicef") in found(text)

    def test_the_subject_before_an_interjected_it_is_not_its_referent(self) -> None:
        text = (
            "UNICEF said the clinics had closed. "
            "Interfax itself, it argued, should pay the nurses."
        )
        assert [a for _, a in found(text)] == ["unicef", "unicef"]

    def test_a_clause_before_a_cue_set_off_is_what_it_attributes(self) -> None:
        text = "Only 40 schools had opened, UNICEF said, the slowest pace in years."
        assert found(text) == [("Only 40 schools had opened", "unicef")]

    @pytest.mark.parametrize("joint", ["and", "but"])
    def test_a_clause_joined_after_a_cue_set_off_goes_on_with_the_passage(
        self, joint: str
    ) -> None:
        text = (
            "UNICEF opened 40 schools. The tents were too few, it said, "
            f"{joint} the government would have to pay for more of them."
        )
        assert found(text) == [
            (
                f"The tents were too few, it said, {joint} the government would "
                "have to pay for more of them",
                "unicef",
            )
        ]

    def test_it_continues_the_organisation(self) -> None:
        text = (
            "UNICEF said 40 schools had closed. It said it would open tents for "
            "classes."
        )
        assert [a for _, a in found(text)] == ["unicef", "unicef"]


class TestReportedClauses:
    def test_a_that_clause_read_as_the_documents_relative_is_the_cues(self) -> None:
        # The parser reads "that debts ... had reached" as a relative clause
        # of "a report", with two subjects.
        text = (
            "UNICEF said in a report that arrears owed by the water utility alone "
            "had reached the equivalent of 3 per cent of its budget."
        )
        assert found(text) == [
            (
                "arrears owed by the water utility alone had reached the "
                "equivalent of 3 per cent of its budget",
                "unicef",
            )
        ]

    def test_saying_after_a_denials_clause_is_the_deniers(self) -> None:
        department = AgencyRef(
            "za-agriculture",
            "Department of Agriculture of South Africa",
            ("the department", "South Africa's Department of Agriculture"),
            "government",
            "ZA",
        )
        text = (
            "South Africa's Department of Agriculture defended its measures. "
            "The department denied that the suspension was designed to shield "
            "local producers, saying port inspectors in Durban had found "
            "residues in 11 containers."
        )
        found = detect(text, [department])
        assert [(d.quote, d.agency) for d in found] == [
            ("the suspension was designed to shield local producers", "za-agriculture"),
            (
                "port inspectors in Durban had found residues in 11 containers",
                "za-agriculture",
            ),
        ]

    def test_saying_after_a_relative_clause_is_its_subjects(self) -> None:
        text = (
            "UNICEF said 58% of drivers had stopped work, a figure Eurostat "
            "disputed, saying 41% had joined the walkout."
        )
        assert [a for _, a in found(text)] == ["unicef", "eurostat"]
        assert found(text)[1][0] == "41% had joined the walkout"

    def test_told_whom_in_a_document_that(self) -> None:
        text = (
            "UNICEF told the committee in a written submission that the parts "
            "were ordered in December."
        )
        assert found(text) == [("the parts were ordered in December", "unicef")]

    def test_a_relative_clause_of_the_document_is_not_the_content(self) -> None:
        text = "UNICEF said in a report that was published on Monday that 40 schools had closed."
        assert found(text) == [("40 schools had closed", "unicef")]

    def test_a_that_clause_read_as_adverbial_is_the_cues(self) -> None:
        # The parser hangs "that ... looked overvalued" on "warned" as an
        # adverbial clause.
        text = (
            "UNICEF warned in its annual report last week that rents in the "
            "capital looked overvalued by as much as ten per cent."
        )
        assert found(text) == [
            (
                "rents in the capital looked overvalued by as much as ten per cent",
                "unicef",
            )
        ]

    def test_a_cue_inside_what_someone_said_is_theirs(self) -> None:
        text = "Interfax said the Eurostat audit confirmed that prices had risen."
        assert found(text) == [
            ("the Eurostat audit confirmed that prices had risen", "interfax")
        ]

    def test_what_a_ruling_called_it_is_part_of_the_ruling(self) -> None:
        text = (
            "Eurostat ruled in September that the fee should reflect what it "
            'called "the true cost of the data".'
        )
        assert found(text) == [
            (
                'the fee should reflect what it called "the true cost of the data',
                "eurostat",
            )
        ]

    def test_what_a_joined_cue_called_it_deep_in_its_clause_is_part_of_it(
        self,
    ) -> None:
        text = (
            "UNICEF accused the traders of hoarding and said the agency was "
            'working with the city on steps to curb what it called "panic buying '
            'of water".'
        )
        assert found(text)[-1] == (
            "the agency was working with the city on steps to curb what it called "
            '"panic buying of water',
            "unicef",
        )

    def test_a_said_inside_a_finding_is_part_of_it(self) -> None:
        text = (
            "A survey of 900 nurses published last month by UNICEF found that 71 "
            "percent said their pay had fallen since May."
        )
        assert found(text) == [
            ("71 percent said their pay had fallen since May", "unicef")
        ]

    def test_a_stance_before_a_trailing_cue_is_the_trailing_sources(self) -> None:
        text = "A court has rejected the request to close the mine, Interfax reported."
        assert found(text) == [
            ("A court has rejected the request to close the mine", "interfax")
        ]

    def test_what_the_speaker_called_it_is_part_of_the_clause(self) -> None:
        text = "Interfax said the state would not step into what it called a feud."
        assert found(text) == [
            ("the state would not step into what it called a feud", "interfax")
        ]

    def test_two_cues_joined_make_one_passage(self) -> None:
        text = (
            "UNICEF said that 40 schools would close and warned that "
            "teachers would leave."
        )
        assert found(text) == [
            (
                "40 schools would close and warned that teachers would leave",
                "unicef",
            )
        ]

    def test_a_cue_joined_after_a_comma_is_a_passage_of_its_own(self) -> None:
        text = (
            "UNICEF said the flood had closed 40 schools in the north, and urged "
            "donors to pay for tents."
        )
        assert found(text) == [
            ("the flood had closed 40 schools in the north", "unicef"),
            ("donors to pay for tents", "unicef"),
        ]

    def test_a_cue_after_but_is_a_passage_of_its_own(self) -> None:
        text = (
            "UNICEF said the new clinics would open in March but warned that "
            "half of them had no nurses yet."
        )
        assert found(text) == [
            ("the new clinics would open in March", "unicef"),
            ("half of them had no nurses yet", "unicef"),
        ]

    def test_what_is_reported_is_the_object_before_the_circumstances(self) -> None:
        text = (
            "Eurostat reported a 12 per cent fall in steel output on Monday after "
            "a cold spring, but warned that prices would rise."
        )
        assert found(text) == [
            (
                "a 12 per cent fall in steel output on Monday after a cold spring",
                "eurostat",
            ),
            ("prices would rise", "eurostat"),
        ]

    def test_a_cue_hung_inside_the_first_ones_clause_is_its_speakers(self) -> None:
        # The parser hangs "urged" on "was", whose subject is the decision.
        text = (
            "UNICEF said the decision was a blow to the schools of the valley, "
            "and urged the council to reverse it."
        )
        assert found(text) == [
            ("the decision was a blow to the schools of the valley", "unicef"),
            ("the council to reverse it", "unicef"),
        ]

    def test_a_participle_cue_goes_on_with_the_passage(self) -> None:
        text = (
            "UNICEF said the ministry had been too slow to act, noting that "
            "the first warnings came in 2023."
        )
        assert found(text) == [
            (
                "the ministry had been too slow to act, noting that the first "
                "warnings came in 2023",
                "unicef",
            )
        ]

    def test_saying_after_a_cue_is_a_passage_of_its_own(self) -> None:
        text = (
            "Interfax denied that the bridge had closed, saying traffic had "
            "only been slowed by the storm."
        )
        assert [q for q, _ in found(text)] == [
            "the bridge had closed",
            "traffic had only been slowed by the storm",
        ]

    @pytest.mark.parametrize(
        ("text", "passage"),
        [
            (
                # The parser reads the clause as one of "journalists".
                "Interfax told a briefing for journalists that Harrow received "
                "less government funding per resident than almost any other "
                "London borough, and that the gap could not be closed by "
                "efficiency savings alone.",
                "Harrow received less government funding per resident than "
                "almost any other London borough, and that the gap could not be "
                "closed by efficiency savings alone",
            ),
            (
                # ... of "post", and hangs the "for" on the verb.
                "Interfax said in a post on X that officers had made 11 "
                "arrests, for offences including throwing missiles, and that a "
                "boy had been taken to hospital.",
                "officers had made 11 arrests, for offences including throwing "
                "missiles, and that a boy had been taken to hospital",
            ),
        ],
    )
    def test_a_that_clause_read_as_a_nouns_is_the_passage(
        self, text: str, passage: str
    ) -> None:
        assert found(text) == [(passage, "interfax")]

    def test_an_appeal_joined_deep_in_the_parse_is_the_same_passage(self) -> None:
        # The parser hangs "called" on "confirm", inside "a statement".
        text = (
            "Russia's defence ministry, in Moscow, said in a statement that the "
            'findings "confirm what we have '
            'long warned about" and called on all member states to enforce the '
            "existing sanctions in full."
        )
        assert found(text) == [
            (
                'the findings "confirm what we have long warned about" and called '
                "on all member states to enforce the existing sanctions in full",
                "defence-ministry",
            )
        ]


class TestSpanBoundaries:
    def test_no_fragment_is_a_claim(self) -> None:
        assert found("Interfax said so.") == []

    def test_a_question_is_not_a_claim(self) -> None:
        assert found('"Will the bridge reopen?" Interfax asked.') == []


def test_a_colon_introduction_and_the_outlet_that_carried_it_are_one_passage() -> None:
    """ "X struck a softer tone: '...,' she told Reuters": one passage, the
    chain naming both, not one for each frame."""
    group = AgencyRef("interfarma", "Interfarma", ("Interfarma",), "other")
    reuters = AgencyRef("reuters", "Reuters", ("Reuters",), "news_agency")
    found = detect(
        "On Tuesday, Interfarma's president, Renata Albuquerque, struck a softer "
        'tone: "Negotiation is always the best path. We hope this model becomes '
        'the rule," she told Reuters.',
        [group, reuters],
    )
    assert len(found) == 1
    assert {found[0].agency, found[0].also_agency} == {"interfarma", "reuters"}


def test_a_court_told_is_the_audience_not_an_outlet() -> None:
    """ "... his lawyers told a London court": a body the newsroom does not
    know that heard the words is no source."""
    britain = AgencyRef(
        "uk-government",
        "Government of the United Kingdom",
        ("London", "Britain"),
        "government",
        "United Kingdom",
    )
    found = detect(
        "A Kazakh businessman would be tortured if he were sent home, his "
        "lawyers told a London court on Tuesday.",
        [britain],
        nameless=True,
    )
    assert one(found, "would be tortured").agency_name == ""


def test_declaring_a_state_of_emergency_is_an_act_not_a_statement() -> None:
    found = detect(
        "The government has declared a 60-day state of emergency in 23 districts "
        "of Moquegua, Arequipa and Tacna, the Presidency of the Council of "
        "Ministers (PCM) said in a statement. The commission declared that the "
        "vote had been valid.",
        [],
        nameless=True,
    )
    assert "declared" not in [d.cue for d in found if "emergency" in d.quote]
    assert one(found, "the vote had been valid").cue == "declared"


def test_a_transcript_label_in_accented_capitals_introduces_its_speaker() -> None:
    ministry = AgencyRef(
        "sk-environment",
        "Ministry of Environment of the Slovak Republic",
        ("the environment ministry", "Environment Minister"),
        "government",
        "Slovakia",
    )
    found = detect(
        "MARTIN KOVÁČ: The bigger worry now is the river. The minister came to "
        "the site this afternoon.\n\n"
        "LUCIA ŠTEFÁNKOVÁ, ENVIRONMENT MINISTER: The levels we are measuring in "
        "the channel are not dangerous for people. We have had the sluice "
        "closed.\n\n"
        "MARTIN KOVÁČ: Samples are being taken tonight.",
        [ministry],
    )
    assert one(found, "The levels we are measuring").agency == "sk-environment"


def test_a_transcript_label_names_an_organisation_the_newsroom_does_not_know() -> None:
    """ "NADIA EL-SHERIF, Horus Capital:" speaks for Horus Capital, a bank
    the newsroom has no record of, not under her own name; her surname's
    later turns too. A place after the comma is no organisation."""
    found = detect(
        "PRESENTER (Karim Fathy): Good evening. Inflation rose to 14.8 percent "
        "in November.\n\n"
        "NADIA EL-SHERIF, Horus Capital: A surprise in the size, not the "
        "direction. Fresh food pushed it higher.\n\n"
        "FATHY: Will it last?\n\n"
        "EL-SHERIF: That kind of shock usually reverses within two months.\n\n"
        "DEREK JONES, Arbroath: My rent has gone up by a third this year.",
        [],
        nameless=True,
    )
    assert one(found, "A surprise in the size").agency_name == "Horus Capital"
    assert one(found, "That kind of shock").agency_name == "Horus Capital"
    assert one(found, "My rent has gone up").agency_name != "Arbroath"


def test_a_cue_in_a_condition_reports_nothing() -> None:
    """ "unless their airline has confirmed that their flight is operating":
    what is asked, not what anyone confirmed."""
    police = AgencyRef(
        "federal-police", "Federal Police", ("Federal police",), "government"
    )
    found = detect(
        "Federal police at Frankfurt airport have appealed to passengers not to "
        "come to the airport unless their airline has confirmed that their flight "
        "is operating.",
        [police],
    )
    assert [d.cue for d in found] == ["appealed"]
    assert one(found, "not to come to the airport").agency == "federal-police"


def test_people_answering_an_outlets_poll_are_carried_by_it() -> None:
    """ "Most economists polled by Reuters said": unnamed people whose words
    the outlet's poll carries, as "two traders told Reuters"."""
    reuters = AgencyRef("reuters", "Reuters", ("Reuters",), "news_agency")
    found = detect(
        "Most economists polled by Reuters last week said they expected the bank "
        "to hold.",
        [reuters],
    )
    assert one(found, "they expected the bank to hold").agency == "reuters"


def test_according_to_figures_from_a_source_the_parser_took_for_the_verb() -> None:
    """ "According to figures from Deutsche Bahn, more than 300 freight
    trains are backed up": the parser hangs the sentence on the name; the
    source ends at the comma, and the rest is what its figures say."""
    railway = AgencyRef("db", "Deutsche Bahn", ("DB",), "company", "Germany")
    found = detect(
        "According to figures from Deutsche Bahn, more than 300 freight trains "
        "are backed up on sidings across the country.",
        [railway],
    )
    assert one(found, "more than 300 freight trains").agency == "db"


def test_a_finding_hung_on_when_its_report_was_published() -> None:
    """ "A World Bank report published the same day found that ...": the
    parser hangs "found" on "published"; the finding is the bank's."""
    bank = AgencyRef(
        "world-bank", "World Bank", ("the World Bank",), "international_org"
    )
    found = detect(
        "And a World Bank report published the same day found that water "
        "scarcity could cost Morocco up to 6.5 percent of GDP by 2050 if current "
        "policies do not change.",
        [bank],
    )
    assert one(found, "water scarcity could cost Morocco").agency == "world-bank"


def test_data_from_instruments_analysed_by_a_body_are_the_analysts() -> None:
    """ "Data from the European Space Agency's Sentinel-2 satellites,
    analysed by Peru's national glaciology institute, INAIGEM, show that":
    the institute made the data what it shows."""
    institute = AgencyRef(
        "inaigem",
        "National Institute for Research on Glaciers and Mountain Ecosystems",
        ("INAIGEM", "the institute"),
        "government",
        "Peru",
    )
    space = AgencyRef("esa", "European Space Agency", ("ESA",), "international_org")
    found = detect(
        "Data from the European Space Agency's Sentinel-2 satellites, analysed "
        "by Peru's national glaciology institute, INAIGEM, show that the range "
        "has lost 46 percent of its ice surface since 1970.",
        [institute, space],
    )
    assert one(found, "the range has lost 46 percent").agency == "inaigem"


def test_a_trailing_finding_whose_clause_the_parser_lost() -> None:
    """ "A breaches EU privacy rules, the bloc's top court ruled on Thursday":
    the parser read "breaches" as a noun, so "ruled" had no clause; a
    finding trailing the sentence reports what comes before it."""
    court = AgencyRef(
        "cjeu",
        "Court of Justice of the European Union",
        ("the bloc's top court", "the court"),
        "international_org",
    )
    found = detect(
        "LUXEMBOURG, Dec 3 (Reuters) - Portugal's law requiring telecoms "
        "operators to store the phone and internet records of all their "
        "customers for a year breaches European Union privacy rules, the "
        "bloc's top court ruled on Thursday, dealing a blow to prosecutors.",
        [court],
    )
    assert one(found, "Portugal's law requiring").agency == "cjeu"


def test_what_a_source_declared_something_in_quotes_is_its_claim() -> None:
    """ "The CGT has declared the strike "a total success"": the parser hangs
    the quoted words on the object; they are the CGT's claim, not a known
    thing declared."""
    cgt = AgencyRef(
        "cgt", "General Confederation of Labour", ("the CGT",), "other", "Argentina"
    )
    found = detect('The CGT has declared the strike "a total success".', [cgt])
    assert one(found, "a total success").agency == "cgt"


def test_a_trailing_finding_hung_on_the_sentence_verb() -> None:
    """ "A caused the crush ..., an independent inquiry concluded on
    Thursday": the parser hangs "concluded" on "caused"; the finding
    trails what it reports."""
    panel = AgencyRef(
        "panel",
        "Independent Fact-Finding Team",
        ("an independent inquiry",),
        "other",
        "Indonesia",
    )
    found = detect(
        "JAKARTA, March 12 (Reuters) - Tear gas fired by police into packed "
        "stands and exit gates that had been chained shut caused the crush "
        "that killed 87 people at a football stadium in East Java last month, "
        "an independent inquiry concluded on Thursday.",
        [panel],
    )
    assert one(found, "Tear gas fired by police").agency == "panel"
