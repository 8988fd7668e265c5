"""Sources the newsroom does not know keep their names, found where the
story names them: "the hospital" is the hospital the story named in
passing, "a spokesman for the rebel Arakan Army" the Arakan Army; a guest
label's bracket that names no one leaves the speaker to the name.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, PersonRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

REUTERS = AgencyRef("reuters", "Reuters", ("Reuters",), "news_agency")


def test_the_hospital_is_the_one_the_story_named_in_passing() -> None:
    found = detect(
        "At Mugda Medical College Hospital, patients lie on mats in the "
        "corridors. The hospital's director, Dr Nasreen Akter, told us that "
        "there were no beds left.",
        [REUTERS],
    )
    detection = one(found, "there were no beds left")
    assert (detection.agency, detection.agency_name) == (
        None,
        "Mugda Medical College Hospital",
    )


def test_the_group_is_the_armed_group_named_before() -> None:
    found = detect(
        "Fighting resumed near the border, where the Arakan Army controls "
        "most towns. The group said it had captured two bases.",
        [REUTERS],
    )
    assert one(found, "it had captured two bases").agency_name == "Arakan Army"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "A spokesman for the rebel Arakan Army said the ceasefire was over.",
            "Arakan Army",
        ),
        (
            "Officials at the Port of Santos said exports had fallen by a third.",
            "Port of Santos",
        ),
    ],
)
def test_whom_a_spokesman_or_officials_speak_for(text: str, name: str) -> None:
    (detection,) = detect(text, [REUTERS])
    assert (detection.agency, detection.agency_name) == (None, name)


def test_a_guest_label_whose_bracket_names_no_one_is_the_named_guest() -> None:
    party = AgencyRef("dp", "Democratic Party", (), "other", "Mongolia")
    chairman = PersonRef("Batbayar Dorj", ("Dorj",), "Chairman", "dp")
    found = detect(
        "PRESENTER: Let's have a listen.\n\n"
        "BATBAYAR DORJ (through interpreter): We have the photographs of the "
        "protocols. We will not sit in a parliament chosen by a machine.",
        [party],
        [chairman],
    )
    assert one(found, "We have the photographs").agency == "dp"


def test_its_after_people_of_an_organisation_is_that_organisation() -> None:
    """The sentence before is about the network's volunteers: "its" is the
    network's, not the source that spoke before."""
    found = detect(
        "Reuters said the outbreak was spreading. Volunteers from the Sudan "
        "Doctors Network have been working in the camps since March. Its "
        "spokesman said 40 people had died.",
        [REUTERS],
    )
    detection = one(found, "40 people had died")
    assert (detection.agency, detection.agency_name) == (
        None,
        "Sudan Doctors Network",
    )


def test_they_after_people_of_an_organisation_met_as_an_object() -> None:
    """People of an organisation the reporter spoke to are whom "they" means,
    not the source that spoke before."""
    found = detect(
        "Reuters said the outbreak was spreading. I spoke to volunteers from "
        "Lake Rescue 24, which runs patrols on the shore. They say the camps "
        "are fuller than at any time since 2021.",
        [REUTERS],
    )
    detection = one(found, "the camps are fuller")
    assert (detection.agency, detection.agency_name) == (None, "Lake Rescue 24")


def test_a_person_familiar_with_a_bank_is_not_the_bank() -> None:
    bank = AgencyRef(
        "adb", "Asian Development Bank", ("the bank",), "international_org"
    )
    text = (
        "The Asian Development Bank said it was disappointed. A person familiar "
        "with the bank's thinking said the refinancing could be withdrawn."
    )
    assert one(detect(text, [bank]), "it was disappointed").agency == "adb"
    assert not [d for d in detect(text, [bank]) if "refinancing" in d.quote]
    anonymous = one(detect(text, [bank], nameless=True), "the refinancing")
    assert anonymous.agency is None


def test_an_opec_delegate_is_a_members_envoy_not_opec() -> None:
    opec = AgencyRef("opec", "OPEC", ("OPEC",), "international_org")
    text = (
        "OPEC said the cuts would stay. An OPEC delegate, asked about the "
        'report, told us: "They have been wrong every year for three years."'
    )
    found = detect(text, [opec], nameless=True)
    assert one(found, "the cuts would stay").agency == "opec"
    assert one(found, "They have been wrong").agency is None


def test_opec_plus_delegates_are_members_envoys_not_opec() -> None:
    # The parser reads "OPEC+" as an adjective, not a compound.
    opec = AgencyRef("opec", "OPEC", ("OPEC", "OPEC+"), "international_org")
    text = (
        "OPEC said the cuts would stay. Two OPEC+ delegates, speaking on "
        "condition of anonymity, said Iraq had been pressed to respect its quota."
    )
    found = detect(text, [opec], nameless=True)
    assert one(found, "the cuts would stay").agency == "opec"
    assert one(found, "Iraq had been pressed").agency is None


def test_a_companys_rival_is_not_the_company() -> None:
    glencore = AgencyRef("glencore", "Glencore", ("Glencore",), "company")
    found = detect(
        "Glencore's rival, Vale, said output fell. Glencore's spokesman said "
        "prices were too low.",
        [glencore],
    )
    rival = one(found, "output fell")
    assert (rival.agency, rival.agency_name) == (None, "Vale")
    assert one(found, "prices were too low").agency == "glencore"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "At least 65 ships are waiting, according to canal agent Leth Agencies.",
            "Leth Agencies",
        ),
        (
            "The Hollingford Echo reported last week that the council spent "
            "more than £180,000 on appeals.",
            "Hollingford Echo",
        ),
        (
            "Pierre Castaing, a portfolio manager at Lyon-based Carmin Gestion, "
            "said he had cut his fund's holdings of French debt.",
            "Carmin Gestion",
        ),
    ],
)
def test_a_name_ending_in_a_word_bodies_end_in(text: str, name: str) -> None:
    (detection,) = detect(text, [REUTERS])
    assert (detection.agency, detection.agency_name) == (None, name)


def test_a_body_of_another_place_is_not_the_one_of_that_kind_the_newsroom_knows() -> (
    None
):
    ventura = AgencyRef(
        "ventura",
        "Ventura County Sheriff's Office",
        ("Sheriff's Office",),
        "government",
        "United States of America",
    )
    (detection,) = detect(
        "In the last hour, the Deschutes County Sheriff's Office said the "
        "communities of Terrebonne are now at Level 3.",
        [ventura],
    )
    assert (detection.agency, detection.agency_name) == (
        None,
        "Deschutes County Sheriff's Office",
    )


def test_where_a_body_is_is_no_part_of_its_name() -> None:
    (detection,) = detect(
        "Tatiana Belova, a fellow at the Carnegie Russia Eurasia Center in "
        "Berlin, said Moscow was running out of levers.",
        [REUTERS],
    )
    assert detection.agency_name == "Carnegie Russia Eurasia Center"


def test_a_name_a_which_clause_follows_is_a_bodys() -> None:
    # "which", not "who": an organisation the newsroom does not know.
    found = detect(
        "Power is back for 40,000 homes. Northpower, which runs the lines "
        "network in Whangarei, says a further 19,000 customers are cut off.",
        [REUTERS],
    )
    detection = one(found, "a further 19,000 customers are cut off")
    assert (detection.agency, detection.agency_name) == (None, "Northpower")


@pytest.mark.parametrize("kind", ["Consultancy", "Pollster", "Brokerage"])
def test_the_kind_opening_a_sentence_is_no_word_of_the_name(kind: str) -> None:
    found = detect(
        f"{kind} CRU expects the copper market to swing to a deficit next year.",
        [REUTERS],
    )
    detection = one(found, "the copper market to swing to a deficit")
    assert (detection.agency, detection.agency_name) == (None, "CRU")


def test_a_body_named_after_a_known_one_is_a_body_of_its_own() -> None:
    # "Trust", read as a common noun, still ends the trust's own name.
    rovers = AgencyRef("rovers", "Ardmore Rovers FC", ("Ardmore Rovers",), "other")
    found = detect(
        "The Ardmore Rovers Supporters' Trust accused officers of using "
        "heavy-handed tactics at the south end.",
        [REUTERS, rovers],
        nameless=True,
    )
    assert one(found, "heavy-handed tactics").agency is None


def test_a_surname_speaks_for_the_organisation_the_story_gave_its_person() -> None:
    found = detect(
        "A sample was posted on a forum on Tuesday, according to Lena Brandt, "
        "a threat researcher at security firm Kestrel Intelligence. Brandt "
        "said the attackers had got in through a contractor's account.",
        [REUTERS],
    )
    detection = one(found, "the attackers had got in")
    assert (detection.agency, detection.agency_name) == (None, "Kestrel Intelligence")


def test_a_month_after_in_is_when_not_part_of_the_name() -> None:
    found = detect(
        "A report by the consultancy Kite Analytics in May found that the "
        "club's wage bill had risen to 91% of turnover.",
        [REUTERS],
    )
    detection = one(found, "the club's wage bill had risen")
    assert (detection.agency, detection.agency_name) == (None, "Kite Analytics")


def test_a_dateline_is_no_organisation_a_later_description_means() -> None:
    found = detect(
        "UNITED NATIONS, March 18 — Fighting went on around the city on "
        "Tuesday.\n\nIn a statement on its Telegram channel, the group said "
        "it welcomed any initiative that protects civilians.",
        [REUTERS],
        nameless=True,
    )
    assert one(found, "it welcomed any initiative").agency_name != "UNITED NATIONS"


def test_a_body_a_speaker_is_only_at_is_no_lead_for_a_later_name() -> None:
    # "a Lagos commercial bank" is no lead to the bank-like body named later.
    treasury = AgencyRef(
        "uk-treasury", "HM Treasury", ("London",), "government", "United Kingdom"
    )
    found = detect(
        '"The market has heard this before," said a currency dealer at a Lagos '
        "commercial bank. Later, an economist at Standard Chartered in London "
        "said the naira would weaken.",
        [REUTERS, treasury],
        nameless=True,
    )
    assert one(found, "The market has heard this before").agency is None


def test_a_person_who_heads_an_organisation_speaks_for_it() -> None:
    ministry = AgencyRef("health-ministry", "Ministry of Health", (), "government")
    found = detect(
        '"They come with maps where our communities don\'t exist," says '
        "Chauque, 47, who heads the Tres Pozos salt workers' cooperative. "
        '"First they drill, then they ask." Marta Rojas, who runs the Ministry '
        "of Health's field clinics, said the water was safe.",
        [REUTERS, ministry],
    )
    cooperative = one(found, "They come with maps")
    assert (cooperative.agency, cooperative.agency_name) == (
        None,
        "Tres Pozos salt workers' cooperative",
    )
    assert one(found, "the water was safe").agency == "health-ministry"


def test_a_post_at_an_organisation_the_newsroom_does_not_know_is_its() -> None:
    """A title of someone's ("general secretary") is no agency holding it
    elsewhere when the phrase says whose post it is."""
    secretary = AgencyRef(
        "un-sg", "United Nations Secretary-General", ("the Secretary-General",)
    )
    found = detect(
        '"They told us the structure was fine," Wilber Condori, general '
        "secretary of the Huaracane Mine Workers' Union, said in a video.",
        [REUTERS, secretary],
    )
    detection = one(found, "the structure was fine")
    assert (detection.agency, detection.agency_name) == (
        None,
        "Huaracane Mine Workers' Union",
    )


def test_a_short_name_is_the_whole_one_the_story_gave_first() -> None:
    found = detect(
        "Shares had fallen 38% after short seller Blackfin Research said the "
        "company had booked round-trip trades.\n\n"
        "Blackfin, which disclosed a short position in the stock, said on "
        "Wednesday that the auditor's findings vindicated its report.",
        [REUTERS],
    )
    detection = one(found, "the auditor's findings")
    assert (detection.agency, detection.agency_name) == (None, "Blackfin Research")


def test_the_company_is_a_company_the_newsroom_does_not_know_by_its_name() -> None:
    """ "Aerodata Solutions ... The company says": a name that says it is a
    company's, unless an agency that may be one was named since, or the
    story called it something else ("the consultancy")."""
    airline = AgencyRef("lufthansa", "Lufthansa", ("Lufthansa",), "company")
    fraport = AgencyRef("fraport", "Fraport", ("Fraport", "Fraport AG"), "other")
    thaba = AgencyRef("thaba-iron", "Thaba Iron", ("Thaba Iron",), "other")
    owner = AgencyRef("holding", "Northern Holding", ("the company",), "other")
    found = detect(
        "Lufthansa cancelled 200 flights on Friday.\n\n"
        "Aerodata Solutions has issued its first statement. The company says "
        "it detected unauthorised activity in its network.\n\n"
        "Fraport, which operates Frankfurt airport, says passengers should "
        'allow three hours. "Our staff are doing everything they can," a '
        "Fraport spokesman told reporters. The company said it had set up "
        "emergency counters.\n\n"
        "Thaba Iron wants to mine the ridge. A report by the consultancy "
        "GeoAqua Solutions found that pumping could lower the water table. The "
        "company's own assessment put the affected area at under 6 square "
        "kilometres.",
        [airline, fraport, thaba, owner],
    )
    aerodata = one(found, "unauthorised activity")
    assert (aerodata.agency, aerodata.agency_name) == (None, "Aerodata Solutions")
    assert one(found, "emergency counters").agency == "fraport"
    assert one(found, "under 6 square kilometres").agency_name != "GeoAqua Solutions"


def test_whoever_publishes_a_poll_is_an_organisation() -> None:
    """ "A poll by Maskína": a one-word name no organisation's word marks
    is the pollster's, since polls are published by organisations."""
    found = detect(
        "A poll by Maskína this month found that 58 per cent of Icelanders "
        "believe the quota system favours the big fishing companies.",
        [REUTERS],
    )
    poll = one(found, "58 per cent of Icelanders")
    assert (poll.agency, poll.agency_name) == (None, "Maskína")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The Regional Government of Moquegua said the road had been reopened.",
            "Regional Government of Moquegua",
        ),
        ("The Government said the road had been reopened.", ""),
    ],
)
def test_a_government_is_an_organisation_by_a_longer_name(
    sentence: str, name: str
) -> None:
    found = detect(sentence, [REUTERS], nameless=True)
    assert one(found, "the road had been reopened").agency_name == name


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Citizens Advice said it had seen a rise in people asking.",
            "Citizens Advice",
        ),
        ("Tom Ellery said it was too early to say how many people were asking.", ""),
    ],
)
def test_a_name_a_cue_reports_as_it_is_an_organisation(
    sentence: str, source: str
) -> None:
    found = detect(sentence, [], nameless=True)

    assert len(found) == 1
    assert found[0].agency is None
    assert found[0].agency_name == source


def test_a_surname_set_beside_a_description_speaks_for_their_organisation() -> None:
    found = detect(
        "The player's agent, Marco Salvi of Milan-based Salvi Sports Management, "
        'said his client\'s mind had not changed. "Caio wants Northgate," Salvi '
        "told reporters outside a hotel in Lisbon.",
        [],
        nameless=True,
    )

    assert one(found, "Caio wants Northgate").agency_name == "Salvi Sports Management"


def test_letters_after_a_persons_name_do_not_make_it_an_organisations() -> None:
    found = detect(
        "Greer's barrister, Michael Petrakis SC, said Greer had repaid some of "
        "the money.",
        [],
        nameless=True,
    )

    assert one(found, "Greer had repaid some").agency_name == ""


def test_a_persons_solicitor_speaks_for_no_organisation_met_before() -> None:
    court = AgencyRef(
        "district-court",
        "District Court",
        ("the court", "District Court"),
        "government",
        "AU",
    )
    found = detect(
        "The District Court jailed Greer for nine years on Friday, the court "
        "said. Outside court, his solicitor, Tom Hanlon, said Greer would "
        "consider an appeal.",
        [court],
        nameless=True,
    )

    appeal = one(found, "Greer would consider an appeal")
    assert (appeal.agency, appeal.agency_name) == (None, "")


def test_a_person_who_works_at_an_organisation_speaks_for_it() -> None:
    found = detect(
        "Such sub-agents remain almost entirely unregulated, according to Binod "
        "Rai, who studies migration at the Centre for Labour and Mobility, a "
        "research group in Kathmandu.",
        [],
        nameless=True,
    )

    assert (
        one(found, "Such sub-agents remain").agency_name
        == "Centre for Labour and Mobility"
    )


def test_a_kind_hung_on_a_person_of_a_body_is_the_bodys() -> None:
    found = detect(
        "Hamida Begum of the Rohingya Justice Collective, a refugee-led group in "
        "the camps, said women who survived the violence were tired.",
        [],
        nameless=True,
    )

    assert one(found, "women who survived").agency_name == "Rohingya Justice Collective"


def test_its_after_a_company_named_in_passing_the_sentence_before() -> None:
    authority = AgencyRef(
        "biwta", "Inland Water Transport Authority", ("BIWTA",), "government", "BD"
    )
    found = detect(
        "A BIWTA official said the launch had left early. The Sonar Tori-2 "
        "belongs to Tori Navigation, a Dhaka-based company that runs four "
        "launches. Its managing director, Enamul Haque, denied the vessel had "
        "been overloaded.",
        [authority],
        nameless=True,
    )

    denial = one(found, "the vessel had been overloaded")
    assert (denial.agency, denial.agency_name) == (None, "Tori Navigation")


def test_it_after_a_sentence_about_an_organisation_that_said_nothing() -> None:
    northatom = AgencyRef("northatom", "Northatom", ("Northatom",), "company", "RU")
    watch = AgencyRef("watch", "Bellhaven Foundation", ("Bellhaven",), "ngo", "NO")
    found = detect(
        'Every new icebreaker is "another reactor", said Andreas Lunde, who '
        "leads Bellhaven's Arctic work. Northatom did not respond to a request "
        "for comment on Bellhaven's criticism. It has previously said its "
        "icebreakers meet all international safety standards.",
        [northatom, watch],
    )

    assert one(found, "its icebreakers meet").agency == "northatom"


def test_a_ministry_seated_in_another_countrys_capital_is_not_this_ones() -> None:
    nigeria = AgencyRef(
        "ng-water",
        "Federal Ministry of Water Resources and Sanitation",
        ("Federal Ministry of Water Resources", "Minister of Water Resources"),
        "government",
        "NG",
    )
    found = detect(
        "The Federal Ministry of Water Resources says it passed the warning on. "
        "The Ministry of Water Resources and Energy in Yaoundé said in a "
        "statement that the release had been gradual and controlled.",
        [nigeria],
        nameless=True,
    )

    release = one(found, "the release had been gradual")
    assert (release.agency, release.agency_name) == (
        None,
        "Ministry of Water Resources and Energy",
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Priya Shah, an analyst at Kavach Securities in Mumbai, said buyers "
            "were asking for extra testing.",
            "Kavach Securities",
        ),
        (
            "The Association of Senegalese Residents in Tenerife said buyers "
            "were asking for extra testing.",
            "Association of Senegalese Residents in Tenerife",
        ),
    ],
)
def test_the_town_a_body_is_in_is_no_part_of_its_name(text: str, name: str) -> None:
    found = detect(text, [], nameless=True)

    assert one(found, "buyers were asking").agency_name == name


def test_a_body_calling_itself_a_name_is_that_name() -> None:
    """ "a ransomware group calling itself Cold Harbor" is Cold Harbor, which
    the newsroom does not know, not a group the story named before."""
    patients = AgencyRef(
        "patients",
        "Satakunta Patients' Association",
        ("the association", "the group"),
        "ngo",
        "Finland",
    )
    found = detect(
        "The Satakunta Patients' Association said members were worried.\n\n"
        "Late on Wednesday, a ransomware group calling itself Cold Harbor "
        "claimed responsibility on its leak site on the dark web, saying it "
        "had stolen 1.4 terabytes of data, including patient records.",
        [patients],
        nameless=True,
    )
    stolen = one(found, "it had stolen 1.4 terabytes of data")
    assert (stolen.agency, stolen.agency_name) == (None, "Cold Harbor")


def test_a_name_the_story_gave_an_unknown_body_names_it_again() -> None:
    """ "La Fraternidad said", after "the train drivers' union La
    Fraternidad": the union, though its name has no word of a kind."""
    found = detect(
        "Ríos accused the train drivers' union La Fraternidad of breaking an "
        'agreement. The union denied it. "There is no minimum service '
        'agreement for a general strike," La Fraternidad said in a statement.',
        [],
        nameless=True,
    )
    assert one(found, "There is no minimum service").agency_name == "La Fraternidad"
