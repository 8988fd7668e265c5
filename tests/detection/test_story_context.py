"""What the story around a cue tells about its speaker, with the real spaCy
model: people the newsroom does not know, countries, documents a source
spoke in, the newsroom's own voices in a transcript.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, PersonRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

HARBOUR_BOARD = AgencyRef(
    "harbour-board", "Eastport Harbour Board", ("the harbour board",), "government"
)
FERRY_LINE = AgencyRef("ferry-line", "Northsea Ferries", ("Northsea",), "company")
OTTO_BRAND = PersonRef("Otto Brand", ("Brand",), "harbour master", "harbour-board")
IVO_LIND = PersonRef("Ivo Lind", ("Lind",), "Northsea spokesman", "ferry-line")
PT_ECONOMY = AgencyRef(
    "pt-economy",
    "Ministry of Economy of Portugal",
    ("the Portuguese economy ministry", "the economy ministry"),
    "government",
    "Portugal",
)
PT_FOREIGN = AgencyRef(
    "pt-foreign",
    "Ministry of Foreign Affairs of Portugal",
    ("Portuguese foreign ministry", "the foreign ministry"),
    "government",
    "Portugal",
)
ES_FOREIGN = AgencyRef(
    "es-foreign",
    "Ministry of Foreign Affairs of Spain",
    ("Spanish foreign ministry", "the foreign ministry"),
    "government",
    "Spain",
)
EU_SERVICE = AgencyRef(
    "eu-service", "European External Action Service", ("the EEAS",), "international_org"
)
KESTREL = AgencyRef("kestrel", "Kestrel Capital", ("Kestrel Capital",), "company")
FARMERS = AgencyRef(
    "farmers", "Federation of Free Farmers", ("the federation",), "union"
)
MAPPING = AgencyRef(
    "mapping", "Copernicus Emergency Service", ("Copernicus",), "international_org"
)


class TestPeopleTheNewsroomDoesNotKnow:
    def test_he_says_after_a_stranger_is_not_the_last_known_speaker(self) -> None:
        found = detect(
            "Otto Brand said the quay would reopen in May. Mira Holm, who sells "
            "fish by the quay, is not convinced, she says.",
            [HARBOUR_BOARD],
            [OTTO_BRAND],
            nameless=True,
        )
        assert one(found, "the quay would reopen").agency == "harbour-board"
        assert [d.agency for d in found[1:]] == [None]

    def test_a_stranger_of_the_other_gender_does_not_stop_she(self) -> None:
        found = detect(
            "The harbour board's spokeswoman said the quay was safe. I spoke "
            'to the skipper, Mr Jon Vik, who was angry. "It will hold," she '
            "added.",
            [HARBOUR_BOARD],
        )
        assert one(found, "It will hold").agency == "harbour-board"

    def test_an_unnamed_person_met_again_is_whom_he_continues(self) -> None:
        found = detect(
            "A dock worker was loading crates. Otto Brand said the quay was "
            'safe. Later the worker was less sure. "It shakes," he said.',
            [HARBOUR_BOARD],
            [OTTO_BRAND],
            nameless=True,
        )
        assert one(found, "the quay was safe").agency == "harbour-board"
        assert one(found, "It shakes").agency is None

    def test_a_subject_titled_by_an_agency_is_whom_he_continues(self) -> None:
        found = detect(
            "Deputy Economy Minister Rui Sousa went further on Tuesday. He said "
            "the contract would be cancelled.",
            [PT_ECONOMY],
        )
        assert one(found, "the contract would be cancelled").agency == "pt-economy"

    def test_a_known_person_named_in_what_someone_said_is_not_he(self) -> None:
        found = detect(
            "Otto Brand said he had called Ivo Lind to congratulate him. He told "
            'the crowd: "We respect the result."',
            [HARBOUR_BOARD, FERRY_LINE],
            [OTTO_BRAND, IVO_LIND],
        )
        assert one(found, "We respect the result").agency == "harbour-board"

    def test_a_surname_two_known_people_share_is_the_one_named_in_full(
        self,
    ) -> None:
        ana = PersonRef("Ana Lind", ("Lind",), "harbour board chair", "harbour-board")
        found = detect(
            "Ivo Lind spoke to staff on Monday. Lind said the ferries would run.",
            [HARBOUR_BOARD, FERRY_LINE],
            [ana, IVO_LIND],
        )
        assert one(found, "the ferries would run").agency == "ferry-line"


class TestCountries:
    def test_its_ministry_after_a_sentence_about_a_country(self) -> None:
        found = detect(
            "The EEAS said the talks with Spain had ended. Portugal appears to be on "
            "board. Its foreign ministry said the guarantees were sufficient.",
            [EU_SERVICE, PT_FOREIGN, ES_FOREIGN, PT_ECONOMY],
        )
        assert one(found, "the guarantees were sufficient").agency == "pt-foreign"

    def test_a_country_speaks_through_its_agency_the_story_names(self) -> None:
        found = detect(
            "Portugal says it will comply this time. The Portuguese economy "
            "ministry said output would be cut from January.",
            [PT_ECONOMY, EU_SERVICE],
        )
        assert one(found, "it will comply this time").agency == "pt-economy"

    def test_a_countrys_negotiator_speaks_for_its_agency(self) -> None:
        kenya = AgencyRef(
            "ke-energy",
            "Ministry of Energy of Kenya",
            ("the energy ministry",),
            "",
            "Kenya",
        )
        found = detect(
            "Kenya's Ministry of Energy said output would be cut. A Kenyan "
            "negotiator said the deal was close.",
            [kenya, EU_SERVICE],
        )
        assert one(found, "the deal was close").agency == "ke-energy"


class TestDescriptions:
    def test_a_document_a_source_spoke_in_is_its(self) -> None:
        found = detect(
            "Kestrel Capital said in a note to clients that prices would rise. "
            "The note said demand in Asia was weak.",
            [KESTREL],
        )
        assert one(found, "demand in Asia was weak").agency == "kestrel"

    def test_unnamed_speakers_an_outlet_carried_are_its_after(self) -> None:
        wire = AgencyRef("wire", "Norland Wire", ("Norland Wire",), "news_agency")
        found = detect(
            "Eastport has bought new ferries, two brokers told Norland Wire on "
            'Tuesday. "The price was right," one of the brokers said.',
            [wire],
        )
        assert one(found, "The price was right").agency == "wire"
        found = detect(
            "Eastport has bought new ferries, two brokers told Norland Wire on "
            "Tuesday. A second broker said the ships would arrive in March.",
            [wire],
        )
        assert one(found, "the ships would arrive").agency == "wire"

    def test_the_company_is_the_nearest_company_named(self) -> None:
        alpha = AgencyRef("alpha", "Alpha Precision Co", ("Alpha",), "")
        beta = AgencyRef("beta", "Beta Systems", ("Beta",), "")
        found = detect(
            "Alpha said it had followed the rules. The company said it had "
            "never sold to the distributor. Its larger rival, Beta Systems, "
            "disclosed that it had received a request from regulators. The "
            "company said it had never used the distributor.",
            [alpha, beta],
        )
        assert one(found, "never sold to the distributor").agency == "alpha"
        assert one(found, "never used the distributor").agency == "beta"

    def test_a_document_seen_by_an_outlet_is_its(self) -> None:
        wire = AgencyRef("wire", "Norwire", ("Norwire",), "news_agency")
        found = detect(
            "The proposal would be part of a new sanctions package, according "
            "to a draft seen by Norwire.",
            [wire],
        )
        assert [d.agency for d in found] == ["wire"]

    def test_a_description_falls_to_no_other_countrys_agency(self) -> None:
        party = AgencyRef(
            "mw-party",
            "Democratic Alliance of Malawi",
            ("the opposition", "the party"),
            "",
            "Malawi",
        )
        found = detect(
            "In Odisha, the opposition Congress party's state unit spoke out. "
            "The party said safety posts had not been filled for two years.",
            [party],
            nameless=True,
        )
        assert one(found, "safety posts had not been filled").agency is None

    def test_the_small_words_of_a_foreign_name_place_no_holder(self) -> None:
        """Of two holders of "the port authority", the one whose city the
        story names, though it also uses "de" and "do" of the other's name."""
        eastport = AgencyRef(
            "eastport-port",
            "Port of Eastport Authority",
            ("the port authority",),
            "other",
            "Netherlands",
        )
        algarve = AgencyRef(
            "algarve-port",
            "Administração dos Portos de Faro e do Algarve",
            ("the port authority",),
            "other",
            "Portugal",
        )
        found = detect(
            "Police in Eastport seized cocaine hidden in a shipment of bananas "
            "from the firm Frutas de Oro, bound for a buyer in Praia do Sol. "
            "The port authority said scanning had doubled in three years.",
            [algarve, eastport],
        )
        assert one(found, "scanning had doubled").agency == "eastport-port"

    def test_a_word_said_of_a_source_does_not_name_it(self) -> None:
        found = detect(
            "The Federation of Free Farmers, which represents rice growers, "
            "said the cut was unfair. A rice importer in the port said prices "
            "would fall.",
            [FARMERS],
            nameless=True,
        )
        assert one(found, "the cut was unfair").agency == "farmers"
        assert one(found, "prices would fall").agency is None

    def test_its_after_the_source_the_sentence_is_about(self) -> None:
        found = detect(
            "The harbour board said the roads were closed. Copernicus has been "
            "mapping the fire from space, and according to its latest "
            "assessment, the burned area is the largest since 2021.",
            [HARBOUR_BOARD, MAPPING],
        )
        assert one(found, "the burned area is the largest").agency == "mapping"

    def test_confirming_a_thing_already_told_is_no_claim(self) -> None:
        found = detect(
            "A train left the track near the station on Monday. The harbour "
            "board confirmed the accident.",
            [HARBOUR_BOARD],
        )
        assert found == []

    @pytest.mark.parametrize("verb", ["confirmed", "announced"])
    def test_when_a_thing_already_told_was_confirmed_adds_nothing(
        self, verb: str
    ) -> None:
        # The parser hangs the time on the exercises.
        found = detect(
            "Navy ships gathered off the coast. The harbour board "
            f"{verb} the exercises early on Thursday morning.",
            [HARBOUR_BOARD],
        )
        assert found == []


class TestTranscripts:
    def test_a_reporter_labelled_with_a_role_after_a_comma_is_ours(self) -> None:
        found = detect(
            "ANCHOR: Good evening.\n\nJANE ROE, REPORTER: The harbour board "
            "says the quay is safe.\n\nANCHOR: Thank you.\n\nROE: The water "
            "is still rising here.",
            [HARBOUR_BOARD],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("the quay is safe", "harbour-board")
        ]

    def test_our_correspondent_named_by_the_anchor_is_ours(self) -> None:
        found = detect(
            "ANCHOR: Our correspondent, Tom Vale, is at the port. Tom?\n\n"
            "TOM VALE: The ferries are not running tonight.",
            [HARBOUR_BOARD],
        )
        assert found == []

    def test_a_guest_labelled_with_an_agency_in_ordinary_case_speaks_for_it(
        self,
    ) -> None:
        found = detect(
            "PRESENTER (Jenny Marsh): The harbour is closed. Joining me is "
            "Paul Rendle.\n\nPAUL RENDLE, Harbour Board: The quay is not "
            "safe tonight.\n\nMARSH: Listeners will say you waited too "
            "long.\n\nTOM EDDY, reporter: The water is still rising here.",
            [HARBOUR_BOARD],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("The quay is not safe tonight", "harbour-board")
        ]

    def test_an_interview_whose_questions_are_labelled_with_a_name(self) -> None:
        found = detect(
            "Otto Brand has run the harbour board since 2024.\n\n"
            "Newsroom: Is the quay safe?\n\n"
            "Brand: Not yet. We have closed it until Friday.\n\n"
            "Newsroom: Some skippers say you waited too long.\n\n"
            "Brand: We acted on the first warning.",
            [HARBOUR_BOARD],
            [OTTO_BRAND],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("Not yet. We have closed it until Friday", "harbour-board"),
            ("We acted on the first warning", "harbour-board"),
        ]

    def test_labels_in_ordinary_case_in_a_transcript(self) -> None:
        found = detect(
            "Host: Good morning. The harbour is closed.\n\n"
            "Otto Brand: We have closed the quay until Friday.\n\n"
            "Host: Thank you, Otto Brand.",
            [HARBOUR_BOARD],
            [OTTO_BRAND],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("We have closed the quay until Friday", "harbour-board")
        ]

    def test_an_interviews_answers_are_the_interviewees(self) -> None:
        found = detect(
            "The quay will stay shut, harbour master Otto Brand said in an "
            "interview on Wednesday.\n\n"
            "Q: When will it reopen?\n\n"
            "A: Not before Friday. We need divers to check the piles.\n\n"
            "Q: Did you wait too long?\n\n"
            "A: We acted on the first warning.",
            [HARBOUR_BOARD],
            [OTTO_BRAND],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("The quay will stay shut", "harbour-board"),
            ("Not before Friday. We need divers to check the piles", "harbour-board"),
            ("We acted on the first warning", "harbour-board"),
        ]

    def test_an_agency_named_in_capitals_in_a_label(self) -> None:
        # Another story filed the same office under a longer name.
        met = AgencyRef("met", "Met Office", ("the Met Office",), "government")
        uk_met = AgencyRef("uk-met", "UK Met Office", ("Met Office",), "government")
        found = detect(
            "PRESENTER: How unusual is this?\n\nDR PRIYA NAIR (MET OFFICE): "
            "It is exceptional. We have issued a red warning.",
            [uk_met, met, HARBOUR_BOARD],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("It is exceptional. We have issued a red warning", "met")
        ]

    def test_a_roundups_country_heading_is_no_speaker(self) -> None:
        kenya_bank = AgencyRef(
            "cbk",
            "Central Bank of Kenya",
            ("the Central Bank of Kenya",),
            "government",
            "Kenya",
        )
        found = detect(
            # (the plain text of "**KENYA: ...**")
            "KENYA: Central bank cuts rates for fourth time in a row\n\n"
            "NAIROBI - The Central Bank of Kenya said inflation would stay in "
            "its target range.",
            [kenya_bank],
        )
        assert [(d.quote, d.agency) for d in found] == [
            ("inflation would stay in its target range", "cbk")
        ]

    def test_a_headlines_rubric_is_no_speaker(self) -> None:
        found = detect(
            "LIVE: Ferries stopped as storm hits Eastport\n\nThe harbour board "
            "said the quay was closed.",
            [HARBOUR_BOARD],
        )
        assert [d.quote for d in found] == ["the quay was closed"]


class TestNames:
    def test_a_name_before_a_common_noun_of_its_kind_is_that_name(self) -> None:
        nation = AgencyRef("nation", "Daily Nation", ("the Daily Nation",), "other")
        found = detect(
            "The Daily Nation newspaper reported last year that 17 other dams "
            "had been built without permits.",
            [nation],
        )
        assert [d.agency for d in found] == ["nation"]

    def test_data_a_name_puts_out_is_that_names_when_the_data_speak(
        self,
    ) -> None:
        found = detect(
            "Two-year gilt yields fell 6 basis points, Tradeweb data showed.",
            [],
            nameless=True,
        )
        assert [(d.agency, d.agency_name) for d in found] == [(None, "Tradeweb")]

    def test_a_names_data_is_that_names(self) -> None:
        found = detect(
            "The cedi traded at 17.9 per dollar, according to Refinitiv data.", []
        )
        assert [(d.agency, d.agency_name) for d in found] == [(None, "Refinitiv")]

    def test_a_dateline_is_no_ones_name(self) -> None:
        court = AgencyRef("court", "Land Court of Norland", ("the Land Court",), "")
        found = detect(
            "NAKURU, Kenya, Dec 3 - A Kenyan court on Thursday ordered a farm "
            "to pay compensation, ruling that regulators had ignored warnings.",
            [court],
            nameless=True,
        )
        assert [d.agency_name for d in found] == [""]

    def test_the_judge_is_the_known_person_of_that_title(self) -> None:
        court = AgencyRef("court", "Land Court of Norland", ("the Land Court",), "")
        judge = PersonRef("Rosa Vale", ("Vale",), "Judge of the Land Court", "court")
        found = detect(
            "The judge, Rosa Vale, read out the verdict at noon. Outside, the "
            "crowd cheered. The judge ruled that he was not a flight risk.",
            [court],
            [judge],
        )
        assert one(found, "not a flight risk").agency == "court"
