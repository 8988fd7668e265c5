"""How the story itself describes its sources, with the real spaCy model:
what it calls an agency beside its name, who speaks for a court, and which
words tell holders of one description apart.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, PersonRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

UK_ICO = AgencyRef(
    "ico",
    "Information Commissioner's Office",
    ("ICO", "the Information Commissioner's Office"),
    "government",
    "GB",
)
IE_DPC = AgencyRef(
    "ie-dpc",
    "Data Protection Commission (Ireland)",
    ("the Data Protection Commission", "the regulator"),
    "government",
    "IE",
)
ONTARIO_COURT = AgencyRef(
    "ontario-court",
    "Ontario Superior Court of Justice",
    ("the Ontario Superior Court", "the court"),
    "government",
    "CA",
)
SOUTHWARK_COURT = AgencyRef(
    "southwark-court",
    "Southwark Crown Court",
    ("the court", "the judge"),
    "government",
    "GB",
)
AU_LIBERALS = AgencyRef(
    "au-liberals",
    "Liberal Party of Australia",
    ("the Liberals", "the opposition", "the Coalition"),
    "other",
    "AU",
)
MN_CIVIC = AgencyRef(
    "mn-civic", "Civic Union", ("the opposition", "the party"), "other", "MN"
)
TJ_MFA = AgencyRef(
    "tj-mfa",
    "Ministry of Foreign Affairs of Tajikistan",
    ("the foreign ministry",),
    "government",
    "Tajikistan",
)
GE_INTERIOR = AgencyRef(
    "ge-interior",
    "Ministry of Internal Affairs of Georgia",
    ("the Interior Ministry",),
    "government",
    "GE",
)
TR_INTERIOR = AgencyRef(
    "tr-interior",
    "Ministry of Interior of Türkiye",
    ("the Interior Ministry",),
    "government",
    "Türkiye",
)


class TestWhatTheStoryCallsAnAgency:
    def test_the_regulator_is_the_agency_the_story_called_a_regulator(self) -> None:
        found = detect(
            "The retailer said it had reported the breach to the Information "
            "Commissioner's Office, Britain's data protection regulator. "
            '"We are assessing the information provided," a spokesperson for '
            "the regulator said.",
            [UK_ICO, IE_DPC],
        )

        assert one(found, "We are assessing").agency == "ico"

    def test_the_judge_speaks_for_the_court_the_story_named(self) -> None:
        found = detect(
            "The case was heard at the Ontario Superior Court, where the Crown "
            "asked for ten years. The judge said the losses had ruined "
            "hundreds of families.",
            [ONTARIO_COURT, SOUTHWARK_COURT],
        )

        assert one(found, "the losses had ruined").agency == "ontario-court"

    def test_a_company_set_beside_what_it_is_is_proposed_by_its_name(self) -> None:
        found = detect(
            "Insurers are counting the cost. Česká pojišťovna, the country's "
            "largest insurer, said it had received more than 1,200 claims.",
            [],
        )

        claims = one(found, "1,200 claims")
        assert (claims.agency, claims.agency_name) == (None, "Česká pojišťovna")


class TestWordsThatTellHoldersApart:
    def test_a_partys_kind_words_do_not_place_it_in_the_story(self) -> None:
        # Every party is a "party", and "coalition" is said of many: neither
        # makes Australia's Liberals the opposition of a story about Lisbon.
        found = detect(
            "The governing coalition defended its housing plan in Lisbon. The "
            "opposition says that the plan is not enough, and the Socialist "
            "Party will vote against it.",
            [AU_LIBERALS, MN_CIVIC],
        )

        assert all(d.agency != "au-liberals" for d in found), found

    def test_a_country_written_with_accents_is_one_word(self) -> None:
        # "Türkiye" is not "t" and "rkiye": the "t" of "don't" is no sign of
        # Turkey in a story about Georgia.
        found = detect(
            "Protesters in Georgia say they don't intend to leave. The "
            "Interior Ministry says 30 people were detained overnight.",
            [TR_INTERIOR, GE_INTERIOR],
        )

        assert one(found, "30 people were detained").agency == "ge-interior"


class TestWhatAClauseSaysOfASource:
    def test_a_clause_about_a_plant_does_not_make_the_speaker_the_plant(
        self,
    ) -> None:
        found = detect(
            "The Asian Development Bank, which had lent money to the plant's "
            'owner, said it was "disappointed". Cirebon Power, the plant\'s '
            "operator, declined to answer questions. In a brief email it said "
            "only that it would follow the government's direction.",
            [
                AgencyRef(
                    "adb", "Asian Development Bank", ("ADB",), "international_org"
                ),
                AgencyRef("cirebon", "Cirebon Power", (), "company", "ID"),
                AgencyRef("plant", "Kaptagat Mill", ("the plant",), "company", "KE"),
            ],
        )

        assert one(found, "follow the government's direction").agency == "cirebon"


class TestAnotherPersonOfTheSameSurname:
    def test_a_sentence_opening_with_another_given_name_is_someone_else(
        self,
    ) -> None:
        centre = AgencyRef("centre", "Oceanographic Research Centre", (), "government")
        moussa = PersonRef("Moussa Sarr", ("Sarr",), "director", "centre")
        found = detect(
            "Fatou Sarr is president of the Khelcom women's cooperative. She "
            "said the factory's buyers paid more than the women could.",
            [centre],
            [moussa],
        )

        buyers = one(found, "buyers paid more")
        assert (buyers.agency, buyers.agency_name) == (
            None,
            "Khelcom women's cooperative",
        )


class TestItInItsOwnSentence:
    def test_it_after_an_organisation_its_sentence_is_about_is_that_one(
        self,
    ) -> None:
        found = detect(
            "The World Health Organization told us that 50,000 doses would "
            "arrive in October. UNICEF handles the shipping and the cold chain, "
            "and it says the next consignment is already in Brussels.",
            [
                AgencyRef(
                    "who", "World Health Organization", ("WHO",), "international_org"
                ),
                AgencyRef("unicef", "UNICEF", (), "international_org"),
            ],
        )

        assert one(found, "next consignment").agency == "unicef"


class TestAnotherTownsInstitution:
    MILLBROOK = AgencyRef(
        "millbrook-council",
        "Millbrook City Council",
        ("City Council", "the council"),
        "government",
        "GB",
    )

    def test_a_name_ending_in_another_agencys_name_is_its_own(self) -> None:
        found = detect(
            "TOM ADEYEMI (REPORTER): It is hot. Birmingham City Council says it "
            'has opened eight "cool spaces" in libraries.',
            [self.MILLBROOK],
        )

        spaces = one(found, "cool spaces")
        assert (spaces.agency, spaces.agency_name) == (None, "Birmingham City Council")

    def test_a_town_council_is_not_another_towns_by_its_kind(self) -> None:
        found = detect(
            "The race to declare first is on. Sunderland City Council says it "
            "expects to declare its first seat at around 23:15.",
            [self.MILLBROOK],
        )

        declare = one(found, "expects to declare")
        assert (declare.agency, declare.agency_name) == (
            None,
            "Sunderland City Council",
        )

    def test_the_council_in_its_own_name_is_still_the_council(self) -> None:
        found = detect(
            "So the City Council met on Monday. The council said rents would rise.",
            [self.MILLBROOK],
        )

        assert one(found, "rents would rise").agency == "millbrook-council"


class TestOneOfSeveral:
    def test_a_source_at_one_of_the_clubs_is_neither_club(self) -> None:
        found = detect(
            "Bristol Rovers said the match would be replayed. Exeter City said "
            "it agreed. A source at one of the clubs said the two chairmen "
            "had spoken by telephone on Saturday evening.",
            [
                AgencyRef("rovers", "Bristol Rovers", ("the club",), "other", "GB"),
                AgencyRef("exeter", "Exeter City", ("the club",), "other", "GB"),
            ],
        )

        assert all("two chairmen" not in d.quote for d in found), found


class TestACountrysVoice:
    def test_a_diplomat_is_not_the_news_agency_of_a_country_named_later(
        self,
    ) -> None:
        found = detect(
            "A Brazilian diplomat involved in preparing the talks told AFP that "
            "the delegations had argued all afternoon.\n\n"
            '"Nobody expected a breakthrough," the diplomat said.\n\n'
            "The next round will be held in Boa Vista, state news agency "
            "Agência Brasil reported.",
            [
                AgencyRef("abr", "Agência Brasil", (), "news_agency", "Brazil"),
                AgencyRef(
                    "afp", "Agence France-Presse", ("AFP",), "news_agency", "France"
                ),
            ],
        )

        assert one(found, "had argued").also_agency is None
        assert one(found, "Nobody expected").agency == "afp"


class TestATrailingCueReadAsAClause:
    def test_a_trailing_cue_hung_on_the_last_place_still_attributes(self) -> None:
        found = detect(
            "The next round will be held in Boa Vista, the capital of the "
            "Brazilian state of Roraima, which borders both countries, state "
            "news agency Agência Brasil reported, citing the foreign ministry.",
            [AgencyRef("abr", "Agência Brasil", (), "news_agency", "Brazil")],
        )

        assert [(d.quote, d.agency) for d in found] == [
            (
                "The next round will be held in Boa Vista, the capital of the "
                "Brazilian state of Roraima, which borders both countries",
                "abr",
            )
        ]


class TestWhatFollowsAccordingTo:
    STATISTICS = AgencyRef(
        "gss", "Ghana Statistical Service", (), "government", "Ghana"
    )

    def test_a_phrase_with_no_verb_after_it_is_no_passage_of_its_own(self) -> None:
        found = detect(
            "Consumer prices rose 14.2 per cent in the year to October, "
            "according to the Ghana Statistical Service, down from more than "
            "50 per cent at the peak of the debt crisis in late 2022.",
            [self.STATISTICS],
        )

        assert [d.quote for d in found] == [
            "Consumer prices rose 14.2 per cent in the year to October"
        ]

    def test_a_clause_after_it_is_still_its_sources(self) -> None:
        found = detect(
            "Consumer prices rose 14.2 per cent, according to the Ghana "
            "Statistical Service, and food prices rose faster still.",
            [self.STATISTICS],
        )

        assert one(found, "food prices rose").agency == "gss"

    def test_according_to_the_law_is_no_source(self) -> None:
        found = detect(
            "The General Election Commission said all complaints had been "
            "handled according to "
            "the law and that recounts had been ordered where needed.",
            [
                AgencyRef(
                    "gec",
                    "General Election Commission",
                    ("the commission",),
                    "government",
                )
            ],
        )

        assert [d.quote for d in found] == [
            "all complaints had been handled according to the law and that "
            "recounts had been ordered where needed"
        ]


class TestAClauseReadAsAnObject:
    def test_the_subject_of_what_was_said_read_as_its_object_is_said(self) -> None:
        found = detect(
            "Spain's Interior Minister, Lucía Ferrer, says 600 soldiers from "
            "the military emergencies unit, the UME, have been deployed to the "
            "region.",
            [
                AgencyRef(
                    "es-interior",
                    "Ministry of the Interior of Spain",
                    ("Spain's interior ministry",),
                    "government",
                    "Spain",
                )
            ],
        )

        assert [(d.quote, d.agency) for d in found] == [
            (
                "600 soldiers from the military emergencies unit, the UME, have "
                "been deployed to the region",
                "es-interior",
            )
        ]

    def test_there_was_before_a_cue_set_off_is_no_passage(self) -> None:
        found = detect(
            "The Tbilisi City Court said in its written decision that there "
            'was, it said, "a reasonable suspicion" that she had committed '
            "the offence.",
            [AgencyRef("court", "Tbilisi City Court", ("the court",), "government")],
        )

        assert all(d.quote != "there was" for d in found), found
        assert one(found, "a reasonable suspicion").agency == "court"


class TestAfterACueSetOff:
    def test_because_after_a_cue_set_off_is_a_second_statement(self) -> None:
        found = detect(
            "Payment card details were not affected, Pembury Home said, because "
            "card data is held by a separate payment provider.",
            [AgencyRef("pembury", "Pembury Home", (), "company", "United Kingdom")],
        )

        assert [(d.quote, d.agency) for d in found] == [
            ("Payment card details were not affected", "pembury"),
            ("card data is held by a separate payment provider", "pembury"),
        ]


class TestAPlacesOwnInstitution:
    def test_a_place_before_the_words_of_its_kind_names_a_new_organisation(
        self,
    ) -> None:
        found = detect(
            "The national disaster agency raised the alert. The East Flores "
            "district administration said it had declared a 14-day state of "
            "emergency.",
            [
                AgencyRef(
                    "bnpb",
                    "National Disaster Management Agency",
                    ("the national disaster agency",),
                    "government",
                    "Indonesia",
                )
            ],
        )

        emergency = one(found, "state of emergency")
        assert (emergency.agency, emergency.agency_name) == (
            None,
            "East Flores district administration",
        )

    def test_the_government_is_the_named_countrys_not_an_embassys(self) -> None:
        found = detect(
            "A strong earthquake hit western Nepal. China's embassy in Kathmandu "
            "offered emergency assistance. The government says it has rebuilt "
            "more than 20,000 homes since 2023.",
            [
                AgencyRef(
                    "cn-embassy",
                    "Embassy of China in Nepal",
                    ("China's embassy in Kathmandu",),
                    "government",
                    "China",
                ),
                AgencyRef(
                    "np-government",
                    "Government of Nepal",
                    ("the government",),
                    "government",
                    "Nepal",
                ),
            ],
        )

        assert one(found, "rebuilt more than").agency == "np-government"


class TestWhatTheSpeakerWasDoing:
    @pytest.mark.parametrize(
        "cue",
        [
            "Lasupu, 51, said as he mended a net on the beach",
            "says Marquez, 61, walking between rows of olive trees",
        ],
    )
    def test_what_follows_a_trailing_cue_about_the_speaker_is_not_said(
        self, cue: str
    ) -> None:
        found = detect(f'"The sea is red when it rains," {cue}.', [], nameless=True)

        assert [d.quote for d in found] == ["The sea is red when it rains"]


class TestAnEstimateBesideAnother:
    def test_has_it_lower_at_a_figure_is_its_estimate(self) -> None:
        found = detect(
            "Nepal's seismology centre put it at magnitude 6.4. The US "
            "Geological Survey has it slightly lower, at 6.1, at a depth of "
            "about 11 kilometres.",
            [AgencyRef("usgs", "US Geological Survey", ("USGS",), "government")],
        )

        assert one(found, "6.1").agency == "usgs"

    def test_having_something_at_a_place_is_no_estimate(self) -> None:
        found = detect(
            "The US Geological Survey has offices at Menlo Park and Reston.",
            [AgencyRef("usgs", "US Geological Survey", ("USGS",), "government")],
        )

        assert found == []

    def test_a_countrys_police_source_is_not_its_government(self) -> None:
        found = detect(
            "The Spanish government said it would send more patrol boats. A "
            "Spanish police source said investigators had arrested two men.",
            [
                AgencyRef(
                    "es-government", "Government of Spain", (), "government", "Spain"
                )
            ],
            nameless=True,
        )

        assert one(found, "arrested two men").agency is None

    def test_a_name_set_beside_a_kind_is_its_own_organisation(self) -> None:
        found = detect(
            "The players' union, Fabol, warned that some three hundred "
            "professionals could lose their wages.",
            [
                AgencyRef(
                    "pfa",
                    "Professional Footballers' Association",
                    ("the players' union", "PFA"),
                    "union",
                    "United Kingdom",
                )
            ],
        )

        wages = one(found, "lose their wages")
        assert (wages.agency, wages.agency_name) == (None, "Fabol")


class TestATitlesWordIsNoSurname:
    def test_the_word_of_a_ministers_title_is_not_his_name_again(self) -> None:
        found = detect(
            "Energy Minister Dorin Cebotari told a news conference that the "
            "government would ask for an inquiry. Sergiu Lungu, an analyst at "
            "the Chisinau-based Energy Policy Centre, said the outage was a "
            "warning.",
            [
                AgencyRef(
                    "md-energy",
                    "Ministry of Energy of Moldova",
                    ("the energy ministry",),
                    "government",
                    "Moldova",
                )
            ],
        )

        warning = one(found, "the outage was a warning")
        assert (warning.agency, warning.agency_name) == (None, "Energy Policy Centre")

    def test_an_organisations_name_in_spanish_is_its_name(self) -> None:
        found = detect(
            "The Comunidad de Regantes del Alto Guadalquivir, which represents "
            "about 3,000 irrigators, said in a letter that its members had done "
            "everything asked of them.",
            [],
        )

        letter = one(found, "done everything")
        assert letter.agency_name == "Comunidad de Regantes del Alto Guadalquivir"


class TestWhereAndWhoseEnvoys:
    KG_FOREIGN = AgencyRef(
        "kg-foreign",
        "Ministry of Foreign Affairs of Kyrgyzstan",
        ("Kyrgyzstan's Ministry of Foreign Affairs", "the ministry", "Bishkek"),
        "government",
        "Kyrgyzstan",
    )

    def test_a_diplomat_in_a_capital_is_not_that_countrys(self) -> None:
        found = detect(
            "Kyrgyzstan's Ministry of Foreign Affairs said Tajik soldiers had "
            "opened fire. A Western diplomat in Bishkek said both presidents "
            "had too much invested in the treaty.",
            [self.KG_FOREIGN],
            nameless=True,
        )

        assert one(found, "too much invested").agency is None

    def test_another_countrys_government_is_not_the_ministry_met_last(self) -> None:
        found = detect(
            "Kyrgyzstan's Ministry of Foreign Affairs said Tajik soldiers had "
            "opened fire. A source in the Tajik government said Dushanbe did not "
            "intend to recall its ambassador.",
            [
                self.KG_FOREIGN,
                AgencyRef("khovar", "Khovar", (), "news_agency", "Tajikistan"),
            ],
            nameless=True,
        )

        assert one(found, "recall its ambassador").agency is None


class TestAGuestsPart:
    def test_a_label_of_an_organisation_and_a_part_is_the_organisations(self) -> None:
        found = detect(
            "ANCHOR: What are people in Calais saying?\n\n"
            '(SOUNDBITE) UTOPIA 56 VOLUNTEER: "Last night we had a mother with '
            'a baby of three weeks."',
            [],
        )

        night = one(found, "Last night")
        assert (night.agency, night.agency_name) == (None, "UTOPIA 56")

    def test_back_to_a_source_names_whom_it_is(self) -> None:
        found = detect(
            "07:42 The Czech Hydrometeorological Institute issued its highest "
            "flood warning.\n\n"
            "08:50 Poland's interior ministry says the situation is very "
            "serious.\n\n"
            "12:20 Back to the institute: it expects the Oder to peak late "
            "tonight.",
            [
                AgencyRef(
                    "chmi",
                    "Czech Hydrometeorological Institute",
                    ("the institute",),
                    "government",
                    "Czech Republic",
                ),
                AgencyRef(
                    "pl-interior",
                    "Ministry of the Interior of Poland",
                    ("Poland's interior ministry",),
                    "government",
                    "Poland",
                ),
            ],
        )

        assert one(found, "to peak late tonight").agency == "chmi"


class TestWhatAnotherStoryFiled:
    """Descriptions and titles another story filed as aliases name no one in
    a story that never names their holders."""

    def test_a_description_alias_of_an_agency_the_story_never_names(self) -> None:
        found = detect(
            "The Asian Football Confederation has fined the federation $150,000 "
            "after crowd trouble at a tie last month, the governing body said "
            "on Friday.",
            [
                AgencyRef(
                    "afc",
                    "Asian Football Confederation",
                    ("AFC",),
                    "international_org",
                    "MY",
                ),
                AgencyRef(
                    "world-athletics",
                    "World Athletics",
                    ("the governing body",),
                    "other",
                    "MC",
                ),
            ],
        )

        assert one(found, "has fined the federation").agency == "afc"

    def test_a_company_by_its_trade(self) -> None:
        found = detect(
            "Tamberlane Resources swung to a third-quarter loss after an outage "
            "at its smelter, the miner said on Tuesday.\n\n"
            "Moody's Investors Service was less sanguine. The agency changed "
            "its outlook to negative, saying in a note that the outage "
            '"exposes how dependent the group remains on a single asset".',
            [
                AgencyRef("tamberlane", "Tamberlane Resources", (), "company", "ZA"),
                AgencyRef(
                    "moodys", "Moody's", ("Moody's Investors Service",), "company"
                ),
                AgencyRef(
                    "andina", "Minera Andina Sur", ("the miner",), "company", "CL"
                ),
                AgencyRef(
                    "edpb",
                    "European Data Protection Board",
                    ("the agency",),
                    "international_org",
                    "BE",
                ),
            ],
        )

        assert one(found, "swung to a third-quarter loss").agency == "tamberlane"
        assert one(found, "exposes how dependent").agency == "moodys"

    def test_a_known_persons_title_alone_names_no_one(self) -> None:
        found = detect(
            "In Elmsford, the response was swift. Councillor Raj Mehta, the "
            "city's cabinet member for transport, said the stance was "
            "short-sighted.",
            [
                AgencyRef("elmsford", "Elmsford City Council", (), "government", "GB"),
                AgencyRef(
                    "manchester",
                    "Manchester City Council",
                    ("the council",),
                    "government",
                    "GB",
                ),
            ],
            [
                PersonRef(
                    "Mark Sullivan",
                    ("Councillor Mark Sullivan", "Councillor"),
                    "Executive member for housing",
                    "manchester",
                )
            ],
        )

        assert one(found, "the stance was short-sighted").agency != "manchester"

    def test_a_sentence_opening_in_a_capital_seats_its_speaker(self) -> None:
        found = detect(
            "Offers of help came quickly. In Algiers, the foreign ministry said "
            'Algeria was "ready to provide all forms of assistance".',
            [
                AgencyRef(
                    "hu-mfa",
                    "Ministry of Foreign Affairs of Hungary",
                    ("the foreign ministry",),
                    "government",
                    "Hungary",
                ),
                AgencyRef(
                    "dz-mfa",
                    "Ministry of Foreign Affairs of Algeria",
                    ("Algeria's foreign ministry",),
                    "government",
                    "Algeria",
                ),
            ],
        )

        assert one(found, "ready to provide").agency == "dz-mfa"

    def test_a_chamber_of_commerce_is_no_commerce_department(self) -> None:
        found = detect(
            "The Harwick and Elmsford Chamber of Commerce, which represents "
            "some 900 businesses, said the row risked squandering a chance.",
            [
                AgencyRef(
                    "us-commerce",
                    "US Department of Commerce",
                    ("the Commerce Department", "Commerce"),
                    "government",
                    "US",
                )
            ],
        )

        passage = one(found, "the row risked")
        assert (passage.agency, passage.agency_name) == (
            None,
            "Harwick and Elmsford Chamber of Commerce",
        )

    def test_a_longer_name_after_the_beats_a_shorter_alias(self) -> None:
        found = detect(
            "In Madrid, the Ministry of Agriculture, Fisheries and Food said in "
            "a statement that it had set aside 240 million euros.",
            [
                AgencyRef(
                    "ma-agriculture",
                    "Ministry of Agriculture, Maritime Fisheries of Morocco",
                    ("the Ministry of Agriculture",),
                    "government",
                    "MA",
                ),
                AgencyRef(
                    "es-agriculture",
                    "Ministry of Agriculture, Fisheries and Food",
                    ("MAPA",),
                    "government",
                    "ES",
                ),
            ],
        )

        assert one(found, "240 million euros").agency == "es-agriculture"

    def test_us_the_pronoun_places_nothing_in_the_united_states(self) -> None:
        found = detect(
            "Deputy Mayor Tom Hale said it would cost us dearly. The Mayor said "
            "the line would open in 2030.",
            [
                AgencyRef(
                    "millbrook-mayor",
                    "Office of the Mayor of Millbrook",
                    ("Mayor",),
                    "government",
                    "US",
                )
            ],
        )

        assert one(found, "the line would open").agency is None

    def test_a_description_seated_in_a_capital_is_that_countrys(self) -> None:
        found = detect(
            '"We came to finish the map," Tajik Foreign Minister Farrukh '
            "Nazarov told reporters.\n\n"
            "The foreign ministry in Astana warned that any unilateral step "
            "would set the process back.",
            [
                TJ_MFA,
                AgencyRef(
                    "kz-mfa",
                    "Ministry of Foreign Affairs of Kazakhstan",
                    (),
                    "government",
                    "Kazakhstan",
                ),
            ],
        )

        assert one(found, "any unilateral step").agency == "kz-mfa"


class TestWhatAnInstitutionPublishes:
    """A court speaks through its judgment, a university through its study
    and its researchers."""

    def test_the_judgment_is_the_courts(self) -> None:
        found = detect(
            "The Court of Appeal upheld the fine on Tuesday. Cooperation with a "
            'regulator was "the minimum the law requires", the judgment said.',
            [
                AgencyRef(
                    "ie-appeal",
                    "Court of Appeal (Ireland)",
                    ("the Court of Appeal",),
                    "government",
                    "Ireland",
                )
            ],
        )

        assert one(found, "the minimum the law requires").agency == "ie-appeal"

    def test_the_study_and_its_authors_are_the_universitys(self) -> None:
        found = detect(
            "The vaccine was developed by researchers at Kamuzu University of "
            "Health Sciences in Blantyre.\n\n"
            "Children in the vaccine group had 0.41 episodes of malaria a year, "
            "the study found. Protection was strongest in the first year, the "
            "authors wrote.",
            [
                AgencyRef(
                    "kamuzu",
                    "Kamuzu University of Health Sciences",
                    ("Kamuzu University",),
                    "other",
                    "Malawi",
                )
            ],
        )

        assert one(found, "had 0.41 episodes").agency == "kamuzu"
        assert one(found, "strongest in the first year").agency == "kamuzu"


class TestWhatAJournalPublished:
    def test_the_paper_is_the_journal_that_published_the_trial(self) -> None:
        found = detect(
            "NICE said the drug was too costly for now. The approval rests on a "
            "trial of 1,736 people published in The New England Journal of "
            "Medicine in November. Over 18 months, patients given the drug "
            "declined 27% more slowly, the paper reported.",
            [
                AgencyRef(
                    "nice",
                    "National Institute for Health and Care Excellence",
                    ("NICE",),
                    "government",
                    "GB",
                ),
                AgencyRef(
                    "nejm",
                    "The New England Journal of Medicine",
                    ("NEJM", "New England Journal of Medicine"),
                    "other",
                    "US",
                ),
            ],
        )

        assert one(found, "declined 27% more slowly").agency == "nejm"


class TestOrganisationsBesideTheirKind:
    def test_a_bodys_committee_speaks_for_it(self) -> None:
        found = detect(
            "In a decision published on its website, the AFC's disciplinary and "
            "ethics committee said flares had been thrown onto the pitch.",
            [AgencyRef("afc", "Asian Football Confederation", ("AFC",), "other")],
        )

        assert one(found, "flares had been thrown").agency == "afc"

    def test_a_name_before_its_kind_is_its_own(self) -> None:
        found = detect(
            "Jatim United said two players were hit. Bara Biru, the club's "
            "largest supporters' group, said on Instagram that its members had "
            "not been involved.",
            [
                AgencyRef("jatim", "Jatim United FC", ("Jatim United",), "other"),
                AgencyRef(
                    "rovers-club",
                    "Bristol Rovers Supporters' Club",
                    ("the supporters' group",),
                    "other",
                    "United Kingdom",
                ),
            ],
        )

        passage = one(found, "its members had not been involved")
        assert (passage.agency, passage.agency_name) == (None, "Bara Biru")

    def test_a_monitor_is_an_organisation(self) -> None:
        found = detect(
            '"The talks are stuck," said Nargiza Umarova, a researcher at the '
            "Bishkek-based Central Asia Conflict Monitor.",
            [],
        )

        passage = one(found, "The talks are stuck")
        assert passage.agency_name == "Central Asia Conflict Monitor"

    def test_a_hotline_is_an_organisation(self) -> None:
        found = detect(
            "Alarm Phone, a volunteer-run hotline for migrants in distress at "
            "sea, said it had received a call from the boat on Thursday.",
            [],
        )

        assert one(found, "received a call").agency_name == "Alarm Phone"

    def test_a_name_after_its_kind_is_its_own(self) -> None:
        found = detect(
            "Residents said they had heard gunfire on Sunday night, the "
            "independent Tajik news website Asia-Plus reported.",
            [TJ_MFA],
        )

        passage = one(found, "heard gunfire")
        assert (passage.agency, passage.agency_name) == (None, "Asia-Plus")

    def test_a_government_body_is_the_agency(self) -> None:
        found = detect(
            "Data from the ship-tracking service MarineTraffic showed the ship "
            "off course.\n\n"
            "The Swedish Maritime Administration said the ship had not asked "
            "for a pilot. Pilotage is compulsory only near the harbour, the "
            "agency said.",
            [
                AgencyRef("marinetraffic", "MarineTraffic", (), "company"),
                AgencyRef("sma", "Swedish Maritime Administration", (), "government"),
            ],
        )

        assert one(found, "Pilotage is compulsory").agency == "sma"


class TestPeopleGivenAnAge:
    def test_a_person_given_an_age_is_whom_she_continues(self) -> None:
        found = detect(
            "The Clean Baltic Alliance's policy director, Kaisa Lehtonen, said "
            "the quota should be halved, she said.\n\n"
            "On the north coast, in the village of Tejn, Lise Munch, 38, who "
            "fishes for flatfish with her brother, is thinking about selling "
            'her boat. "I don\'t blame the scientists," she said.',
            [AgencyRef("cba", "Clean Baltic Alliance", (), "ngo")],
        )

        assert all(
            passage.agency != "cba"
            for passage in found
            if "blame the scientists" in passage.quote
        )

    def test_an_agencys_name_is_no_strangers_surname(self) -> None:
        found = detect(
            "Analysts at Nomura, in a note to clients on Monday, said they now "
            "expected Bank Indonesia to raise its policy rate.",
            [
                AgencyRef("nomura", "Nomura", ("Nomura Holdings",), "company"),
                AgencyRef("mhi", "Mitsubishi Heavy Industries", (), "company"),
            ],
            [PersonRef("Kenji Nomura", ("Nomura",), "engineer", "mhi")],
        )

        assert one(found, "expected Bank Indonesia").agency == "nomura"

    def test_the_council_short_for_the_council_the_story_named(self) -> None:
        found = detect(
            "The Irish Fiscal Advisory Council estimated that the reform would "
            "add 1.1 billion euros a year. But the Council also said the bill "
            "on its own would not close the gap.",
            [
                AgencyRef("ifac", "Irish Fiscal Advisory Council", (), "government"),
                AgencyRef(
                    "eu-council",
                    "Council of the European Union",
                    ("the Council",),
                    "international_org",
                ),
            ],
        )

        assert one(found, "would not close the gap").agency == "ifac"

    def test_a_hyphened_name_is_whole(self) -> None:
        found = detect(
            "The European-Mediterranean Seismological Centre put the magnitude "
            "at 6.0 and the depth at 10 km.",
            [],
        )

        passage = one(found, "the magnitude at 6.0")
        assert passage.agency_name == "European-Mediterranean Seismological Centre"

    def test_data_of_a_body_named_by_its_kind(self) -> None:
        found = detect(
            "On the Indonesia Stock Exchange, overseas investors sold a net 1.9 "
            "trillion rupiah of shares on Tuesday alone, exchange data showed.",
            [AgencyRef("idx", "Indonesia Stock Exchange", ("IDX",), "other")],
        )

        assert one(found, "overseas investors sold").agency == "idx"


class TestClausesBesideTheSentence:
    def test_as_a_party_alleged_fraud_reports_no_clause(self) -> None:
        found = detect(
            "The governing Civic Alliance was on course to remain the largest "
            "party, preliminary results showed on Monday, as the main "
            "opposition party alleged fraud in several northern districts.",
            [AgencyRef("opposition", "Opposition party", ("the opposition",), "other")],
        )

        assert not any(passage.agency == "opposition" for passage in found)

    def test_data_from_a_service_named_beside_it(self) -> None:
        found = detect(
            "Data from the ship-tracking service MarineTraffic showed the Kestrel "
            "Bay travelling at about 11 knots.",
            [AgencyRef("marinetraffic", "MarineTraffic", (), "company")],
        )

        assert one(found, "travelling at about 11 knots").agency == "marinetraffic"

    def test_a_given_name_before_another_surname_is_someone_else(self) -> None:
        found = detect(
            "The People's Party is celebrating. Its secretary general, Ganbold "
            'Erdene, said on Facebook that voters had "chosen stability".',
            [
                AgencyRef("mpp", "Mongolian People's Party", ("the People's Party",)),
                AgencyRef("gec", "General Election Commission of Mongolia", ()),
            ],
            [PersonRef("Ganbold Batsukh", ("Ganbold",), "commissioner", "gec")],
        )

        assert one(found, "chosen stability").agency == "mpp"


class TestWhichHolderTheStoryMeans:
    """Which of many holders of a description ("the health ministry") a story
    means, by the words it writes and the names it gives."""

    HEALTH = AgencyRef(
        "health", "Ministry of Health", ("the health ministry",), "government"
    )
    MOROCCO_HEALTH = AgencyRef(
        "ma-health",
        "Ministry of Health and Social Protection of Morocco",
        ("the health ministry", "Morocco's health ministry"),
        "government",
        "MA",
    )

    DANISH_TRANSPORT = AgencyRef(
        "dk-transport",
        "Ministry of Transport of Denmark",
        ("the Ministry of Transport", "the government", "the ministry"),
        "government",
        "Denmark",
    )
    ITALIAN_TRANSPORT = AgencyRef(
        "it-transport",
        "Ministry of Infrastructure and Transport",
        ("the transport ministry", "the ministry"),
        "government",
        "Italy",
    )

    def test_a_government_of_a_country_the_story_never_names_is_not_its(
        self,
    ) -> None:
        # "Transport" of the Italian minister's title is no word that places
        # Denmark's ministry in a story about Italy.
        found = detect(
            "Italy's largest union, the CGIL, has called a general strike "
            "against the government's budget plans. The CGIL puts turnout at "
            "70%; the transport ministry says fewer than one in five transport "
            "workers joined. Transport Minister Davide Marchetti has accused "
            "the unions of holding the country hostage.",
            [self.DANISH_TRANSPORT, self.ITALIAN_TRANSPORT],
        )

        assert one(found, "fewer than one in five").agency == "it-transport"

    def test_a_country_named_in_passing_places_no_holder(self) -> None:
        polish = AgencyRef(
            "pl-infrastructure",
            "Ministry of Infrastructure of Poland",
            ("the government",),
            "government",
            "Poland",
        )
        czech = AgencyRef(
            "cz-health",
            "Ministry of Health of the Czech Republic",
            ("the Czech health ministry", "the ministry"),
            "government",
            "Czech Republic",
        )
        found = detect(
            "Czech hospitals were hit by a cyber attack, the Czech health "
            "ministry said. A hospital in Poland was hit last year. The "
            "government ordered an audit of Czech hospitals. The ministry said "
            "the audit contained sensitive details.",
            [polish, czech],
        )

        assert one(found, "the audit contained").agency == "cz-health"

    def test_a_holders_name_word_in_lower_case_places_nothing(self) -> None:
        found = detect(
            "More than a million children have been vaccinated, the health "
            "ministry announced. The opposition said on social media that "
            "clinics had run out of doses.",
            [self.HEALTH, self.MOROCCO_HEALTH],
        )

        assert one(found, "More than a million children").agency == "health"

    def test_a_holder_the_story_names_stands_out(self) -> None:
        found = detect(
            "More than a million children have been vaccinated, the health "
            "ministry announced. The Ministry of Health and Social Protection "
            "gave no figure for the south.",
            [self.HEALTH, self.MOROCCO_HEALTH],
        )

        assert one(found, "More than a million children").agency == "ma-health"

    def test_a_leads_description_is_the_source_it_names_next(self) -> None:
        found = detect(
            "A court in Athens has ruled a strike by cabin crew illegal. The "
            "union behind the strike says it will appeal.\n\n"
            "The Hellenic Cabin Crew Union called the walkout on Monday over "
            "pay. Members of the Transport Workers' Federation joined pickets.",
            [
                AgencyRef("hccu", "Hellenic Cabin Crew Union", (), "other", "GR"),
                AgencyRef(
                    "satawu",
                    "South African Transport and Allied Workers Union",
                    ("the union",),
                    "other",
                    "ZA",
                ),
            ],
        )

        assert one(found, "it will appeal").agency == "hccu"

    def test_of_two_countries_holders_the_one_the_story_is_about(self) -> None:
        def interior(slug: str, country: str) -> AgencyRef:
            return AgencyRef(
                slug,
                f"Ministry of the Interior of {country}",
                ("the interior ministry",),
                "government",
                country,
            )

        found = detect(
            "TUNIS - Tunisian police detained hundreds of protesters across "
            "Tunisia this week, and Tunisian lawyers said many were minors. "
            "Some had hoped to reach Italy.\n\n"
            "The interior ministry said 212 people had been arrested.",
            [interior("it-interior", "Italy"), interior("tn-interior", "Tunisia")],
        )

        assert one(found, "212 people had been arrested").agency == "tn-interior"


class TestNamesakes:
    """Someone the newsroom knows, and someone else of the same name."""

    NDMC = AgencyRef(
        "za-ndmc", "National Disaster Management Centre", ("NDMC",), "government", "ZA"
    )
    KHUMALO = PersonRef(
        "Nomvula Khumalo",
        ("Khumalo",),
        "head of the National Disaster Management Centre",
        "za-ndmc",
    )

    def test_a_namesake_described_after_the_name_is_someone_else(
        self,
    ) -> None:
        found = detect(
            "Nomvula Khumalo, who raises 20,000 broilers near Polokwane, said "
            "prices at the farm gate had finally started to cover her feed bills.",
            [self.NDMC],
            [self.KHUMALO],
            nameless=True,
        )

        assert one(found, "prices at the farm gate").agency is None

    @pytest.mark.parametrize(
        "text",
        [
            "The head of the disaster centre, Nomvula Khumalo, said more rain "
            "was coming.",
            "The NDMC was stretched. Nomvula Khumalo said more rain was coming.",
        ],
    )
    def test_the_known_person_by_her_role_or_her_agency(self, text: str) -> None:
        found = detect(text, [self.NDMC], [self.KHUMALO])

        assert one(found, "more rain was coming").agency == "za-ndmc"

    def test_a_namesake_described_before_the_name_is_someone_else(self) -> None:
        found = detect(
            "The Road Runners' Association said organisers erred. Its president, "
            "Nomvula Khumalo, wrote that the forecast had been known for a week.",
            [self.NDMC],
            [self.KHUMALO],
            nameless=True,
        )

        assert one(found, "the forecast had been known").agency is None

    def test_someone_named_by_their_trade_is_someone_else(self) -> None:
        adviser = PersonRef(
            "Nomvula Khumalo",
            ("Khumalo",),
            "regional adviser on disasters",
            "za-ndmc",
        )
        found = detect(
            "In Gamboa, a village on the lake shore, fisherman Nomvula Khumalo "
            "said the water had retreated so far that she walks to her boat.",
            [self.NDMC],
            [adviser],
            nameless=True,
        )

        assert one(found, "the water had retreated").agency is None

    def test_a_namesake_described_as_the_post_of_another_agency(self) -> None:
        ecb = AgencyRef(
            "ecb", "European Central Bank", ("ECB", "the bank"), "central_bank", "EU"
        )
        found = detect(
            "The European Central Bank kept its deposit rate at 2 percent. "
            "Speaking in Frankfurt, the bank's vice-president, Nomvula Khumalo, "
            "said policy was in a good place.",
            [self.NDMC, ecb],
            [self.KHUMALO],
        )

        assert one(found, "policy was in a good place").agency == "ecb"

    def test_a_given_name_with_an_accent_before_a_known_surname(self) -> None:
        found = detect(
            "The rights council welcomed the fine. Its senior fellow, Ciarán "
            "Khumalo, said the fine had come four years late.",
            [self.NDMC],
            [self.KHUMALO],
            nameless=True,
        )

        assert one(found, "the fine had come four years late").agency is None


class TestLettersAfterAName:
    SFO = AgencyRef("sfo", "Serious Fraud Office", ("the SFO",), "government", "GB")

    @pytest.mark.parametrize(
        ("prosecutor", "people"),
        [
            (
                "prosecutor Amelia Grant KC",
                [PersonRef("Amelia Grant KC", ("Grant",), "prosecutor", "sfo")],
            ),
            ("Amelia Grant KC, for the Serious Fraud Office,", []),
        ],
    )
    def test_a_barrister_is_not_the_other_sides_by_his_kc(
        self, prosecutor: str, people: list[PersonRef]
    ) -> None:
        found = detect(
            f"The SFO brought the case. {prosecutor} told the jury that only "
            "4 million pounds had been spent on projects. Heale's barrister, "
            "Robert Tansley KC, argued that his client was a poor manager.",
            [self.SFO],
            people,
        )

        assert one(found, "only 4 million pounds").agency == "sfo"
        assert not [d for d in found if "poor manager" in d.quote and d.agency]


class TestAWordOfAnothersName:
    TOHOKU = AgencyRef(
        "tohoku",
        "Tohoku Coastal Power Co.",
        ("the utility", "the operator"),
        "company",
        "Japan",
    )

    def test_the_utility_is_the_power_company_the_story_named(self) -> None:
        found = detect(
            "Cascade Crest Power sent us a statement a few minutes ago. The "
            "utility says it is cooperating fully with investigators.",
            [
                self.TOHOKU,
                AgencyRef("cascade", "Cascade Crest Power", (), "company", "US"),
            ],
        )

        assert one(found, "cooperating fully").agency == "cascade"

    def test_a_body_of_no_kind_called_an_operator_is_the_company(self) -> None:
        cargo = AgencyRef(
            "northrail",
            "Northrail Cargo",
            ("Northrail Cargo", "the operator", "the freight operator"),
            "other",
        )
        found = detect(
            "According to the operator, Northrail Cargo, the train had 24 wagons. "
            "The company says the driver and his assistant were not hurt.",
            [cargo],
        )

        assert one(found, "the driver and his assistant").agency == "northrail"

    def test_a_union_is_the_working_peoples_association_the_story_named(
        self,
    ) -> None:
        eu = AgencyRef(
            "eu", "European Union", ("EU", "the bloc"), "international_org", ""
        )
        found = detect(
            "The minister said no route to another EU capital would be dropped. "
            "The Northland Airline Pilots' Association said the cuts fell on "
            'crews. "Pilots have taken two pay cuts since 2017," the union\'s '
            "chairman, Jo Roe, said.",
            [eu],
        )

        pay_cuts = one(found, "Pilots have taken two pay cuts")
        assert pay_cuts.agency is None
        assert pay_cuts.agency_name == "Northland Airline Pilots' Association"

    @pytest.mark.parametrize("modifier", ["Colorado-based", "Kremlin-backed"])
    def test_a_word_that_places_or_owns_a_name_is_none_of_it(
        self, modifier: str
    ) -> None:
        found = detect(
            f"The rocket, built by {modifier} Arcadia Launch Systems, lifted off "
            "at 6:14 am. Its second stage failed, the company said.",
            [AgencyRef("arcadia", "Arcadia Launch Systems", ("Arcadia",), "company")],
        )

        assert one(found, "Its second stage failed").agency == "arcadia"

    @pytest.mark.parametrize("noun", ["Rival", "Partner", "Competitor"])
    def test_another_partys_noun_opening_a_sentence_is_no_word_of_the_name(
        self, noun: str
    ) -> None:
        northjet = AgencyRef("northjet", "Northjet", ("Northjet",), "company")
        found = detect(
            f"{noun} Northjet, which reports results next week, said on Tuesday "
            "it would add 40,000 seats from Manchester.",
            [northjet],
        )

        assert one(found, "it would add 40,000 seats").agency == "northjet"

    def test_a_word_only_inside_another_name_places_no_holder(self) -> None:
        found = detect(
            "The Cascade Power Authority met on Monday. Its chairman said the "
            "grid was stable. Later, the operator said the outage was over.",
            [
                self.TOHOKU,
                AgencyRef(
                    "cascade-authority",
                    "Cascade Power Authority",
                    (),
                    "government",
                    "US",
                ),
            ],
            nameless=True,
        )

        assert one(found, "the outage was over").agency != "tohoku"

    @pytest.mark.parametrize(
        ("text", "agency", "name"),
        [
            (
                "The Australian Securities and Investments Commission banned "
                "Greer in 2023. The regulator said its investigation into the "
                "firm was continuing.",
                "asic",
                "Australian Securities and Investments Commission",
            ),
            (
                "Diesel retails at 171 shillings, according to the Energy and "
                "Petroleum Regulatory Authority. The regulator's figures show "
                "its investigation into the firm was continuing.",
                None,
                "Energy and Petroleum Regulatory Authority",
            ),
            (
                "The SMA fined Condor in 2023. The regulator said its "
                "investigation into the firm was continuing.",
                "sma",
                "Superintendency of the Environment",
            ),
        ],
    )
    def test_the_regulator_is_the_overseeing_body_the_story_named(
        self, text: str, agency: str | None, name: str
    ) -> None:
        fca = AgencyRef(
            "fca", "Financial Conduct Authority", ("the regulator",), "government", "GB"
        )
        asic = AgencyRef(
            "asic",
            "Australian Securities and Investments Commission",
            (),
            "government",
            "AU",
        )
        sma = AgencyRef(
            "sma", "Superintendency of the Environment", ("SMA",), "government", "CL"
        )
        found = one(detect(text, [fca, asic, sma]), "its investigation into the firm")

        assert (found.agency, found.agency_name) == (agency, name)
        assert found.speaker == ""  # "The regulator" is no person


class TestAPlaceBeforeAnotherBody:
    FOREIGN_OFFICE = AgencyRef(
        "uk-fco",
        "Foreign, Commonwealth and Development Office",
        ("Foreign Office", "London", "Britain"),
        "government",
        "United Kingdom",
    )

    @pytest.mark.parametrize(
        "speaker",
        [
            "A currency strategist at one London bank",
            "A lawyer at a British insurer",
            "Two underwriters in the London market",
        ],
    )
    def test_a_capital_or_country_before_another_body_is_not_its_government(
        self, speaker: str
    ) -> None:
        found = detect(
            f"{speaker} told us the split was more dovish than feared.",
            [self.FOREIGN_OFFICE],
            nameless=True,
        )

        assert one(found, "the split was more dovish").agency is None

    def test_the_capital_alone_is_its_government(self) -> None:
        found = detect("London said the talks had failed.", [self.FOREIGN_OFFICE])

        assert one(found, "the talks had failed").agency == "uk-fco"


class TestWhereTheSentenceOpens:
    MOROCCO = AgencyRef(
        "ma-agriculture",
        "Ministry of Agriculture of Morocco",
        ("the Ministry of Agriculture", "the ministry"),
        "government",
        "Morocco",
    )
    ETHIOPIA = AgencyRef(
        "et-agriculture",
        "Ministry of Agriculture of Ethiopia",
        ("Ethiopia's agriculture ministry",),
        "government",
        "Ethiopia",
    )

    def test_a_placeless_name_is_the_government_of_the_country_opening_it(
        self,
    ) -> None:
        # "the Ministry of Agriculture", Morocco's alias, in a sentence that
        # opens "In Ethiopia,": Ethiopia's, and "the ministry" after it.
        found = detect(
            "Swarms reached Kenya last week. In Ethiopia, swarms have been "
            "sighted in 42 districts, the state news agency reported, citing "
            "the Ministry of Agriculture. More than 3,000 volunteers had been "
            "deployed, the ministry said.",
            [self.MOROCCO, self.ETHIOPIA],
        )

        assert one(found, "More than 3,000 volunteers").agency == "et-agriculture"


class TestAnotherCountrysInstitution:
    GUATEMALA = AgencyRef(
        "gt-court",
        "Constitutional Court of Guatemala",
        ("the Constitutional Court",),
        "government",
        "Guatemala",
    )
    MALAWI = AgencyRef(
        "mw-court", "Constitutional Court of Malawi", (), "government", "Malawi"
    )
    SA_MINERALS = AgencyRef(
        "za-minerals",
        "Department of Mineral Resources",
        (),
        "government",
        "South Africa",
    )
    SPAIN_POLICE = AgencyRef("es-police", "National Police", (), "government", "Spain")
    FRAUD_OFFICE = AgencyRef(
        "sfo",
        "Serious Fraud Office",
        ("the Serious Fraud Office",),
        "government",
        "United Kingdom",
    )

    def test_a_name_many_countries_give_a_body_is_not_anothers_in_the_story(
        self,
    ) -> None:
        found = detect(
            "South Africa's mining law was tested again. The company said it "
            "would take the case to the Constitutional Court, South Africa's "
            "highest. The Constitutional Court said it would hear the appeal "
            "in May.",
            [self.GUATEMALA, self.MALAWI, self.SA_MINERALS],
            nameless=True,
        )

        detection = one(found, "it would hear the appeal")
        assert (detection.agency, detection.agency_name) == (
            None,
            "Constitutional Court",
        )

    def test_a_name_of_one_countrys_body_stays_its(self) -> None:
        found = detect(
            "The fraud was run from Spain, and most of the money went to Spain. "
            "The Serious Fraud Office said it would appeal.",
            [self.FRAUD_OFFICE, self.GUATEMALA, self.MALAWI, self.SPAIN_POLICE],
        )

        assert one(found, "it would appeal").agency == "sfo"


class TestANameSpelledWithItsOwner:
    EU = AgencyRef("eu", "European Union", ("EU", "the European Union"), "other")
    MISSIONS = [
        AgencyRef(
            f"eu-eom-{country.lower()}",
            f"European Union Election Observation Mission to {country}",
            ("EU observer mission",),
            "international_org",
        )
        for country in ("Ghana", "Malawi")
    ]

    def test_an_owners_body_spelled_out_is_the_known_body_of_the_story(
        self,
    ) -> None:
        found = detect(
            "Malawi's president was declared the winner on Sunday. The European "
            "Union's election observation mission said voting had been peaceful.",
            [self.EU, *self.MISSIONS],
        )

        assert one(found, "voting had been peaceful").agency == "eu-eom-malawi"


class TestADescriptionAndTheNameBesideIt:
    def test_a_name_set_beside_a_description_is_whom_it_means(self) -> None:
        found = detect(
            "The central bank cut rates. The main opposition party, Law and "
            "Justice (PiS), said the cut had come half a year too late.",
            [
                AgencyRef(
                    "opposition",
                    "Opposition party",
                    ("the opposition",),
                    "other",
                ),
                AgencyRef("pis", "Law and Justice", ("PiS",), "other", "PL"),
            ],
        )

        assert one(found, "the cut had come").agency == "pis"

    @pytest.mark.parametrize("held_elsewhere", [True, False])
    def test_a_country_named_alone_is_no_ministry_the_ministry_continues(
        self, held_elsewhere: bool
    ) -> None:
        kenya = AgencyRef(
            "ke-health",
            "Ministry of Health of Kenya",
            ("the ministry",),
            "government",
            "Kenya",
        )
        found = detect(
            "Qatar's Ministry of Labour says inspections doubled. Gulf Meridian "
            "complies fully with Qatari labour law, the company said.\n\n"
            "The ministry said it had opened an inquiry into the company.",
            [
                AgencyRef(
                    "qa-labour",
                    "Ministry of Labour of Qatar",
                    ("Qatar's Ministry of Labour",),
                    "government",
                    "Qatar",
                ),
                AgencyRef(
                    "qa-mfa",
                    "Ministry of Foreign Affairs of Qatar",
                    ("Qatar", "Qatari"),
                    "government",
                    "Qatar",
                ),
                *([kenya] if held_elsewhere else []),
            ],
        )

        assert one(found, "opened an inquiry").agency == "qa-labour"


CHILEAN_UNION = AgencyRef(
    "sierra-alta-union",
    "Sierra Alta Workers' Union No. 1",
    ("the union",),
    "other",
    "Chile",
)
PLACELESS_UNION = AgencyRef(
    "sierra-alta-union",
    "Sierra Alta Workers' Union No. 1",
    ("the union",),
    "other",
)


@pytest.mark.parametrize(
    ("union", "story"),
    [
        # the story writes "Workers" in a name and "workers" of its own
        (
            PLACELESS_UNION,
            "Hundreds of workers at the Northgate plant walked out on Monday. "
            "The union said "
            "the strike would last a week. The Northgate Workers' Council "
            "backed it.",
        ),
        # ... and names the holder's country once, in passing
        (
            CHILEAN_UNION,
            "A strong earthquake struck southern Peru on Tuesday, and shaking was "
            "felt in the Chilean city of Arica. In Peru, the union said workers "
            "had been sent back underground too soon. The Huaracane Mine "
            "Workers' Union wants an inquiry, Peru's labour ministry said.",
        ),
    ],
)
def test_a_word_the_story_writes_in_lower_case_places_no_holder(
    union: AgencyRef, story: str
) -> None:
    """ "The union" is no union of another story for sharing "Workers" with a
    name this story writes, where it speaks of workers too."""
    ministry = AgencyRef(
        "peru-labour-ministry",
        "Ministry of Labour of Peru",
        ("Peru's labour ministry",),
        "government",
        "Peru",
    )
    found = detect(story, [union, ministry], nameless=True)
    assert all(d.agency != "sierra-alta-union" for d in found)
    assert any(
        "the strike would last" in d.quote or "underground" in d.quote for d in found
    )
