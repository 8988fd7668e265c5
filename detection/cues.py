"""The cue families, as data: the words that make a sentence attribute a
passage to a source, and the words that describe sources.

Each family is a table; ``detection.frames`` reads them. Spelled as lemmas
(spaCy's), lower case, except where the text's own capitals are matched.
"""

from __future__ import annotations


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs whose subject is the source of the clause or quote they govern.
SAY_VERBS = _vocabulary(
    """
    say tell report announce deny add state claim confirm warn insist note
    explain stress argue write allege acknowledge admit reveal predict
    estimate repeat reply respond assert maintain declare caution concede
    emphasise emphasize indicate disclose testify vow pledge promise
    reiterate complain forecast project tweet post recall remark comment
    observe answer counter retort mention contend recount quip joke boast
    assure clarify underline underscore highlight suggest signal hint
    recommend point expect
    """
)
# Cues that report even without a clause after them ("X said on Monday.").
WEAK_CUE_EXEMPT = _vocabulary(
    "say tell report announce call describe quote make reveal confirm forecast predict"
)
# Verbs whose noun object is the content ("announced a plan", "forecasting a
# rebound in the second half").
OBJECT_CONTENT_VERBS = _vocabulary(
    "announce report confirm reveal unveil forecast predict expect"
)
# Counts a source keeps ("counted at least nine journalists detained",
# "has recorded 312 deaths"): with a number in the object, the object is the
# content.
COUNTING_VERBS = _vocabulary("count record register tally log document")
# When a thing was told, which the parser may hang on the thing ("announced
# the exercises early on Thursday morning"): not part of what is named.
MONTHS = _vocabulary(
    """
    january february march april may june july august september october
    november december
    """
)
TIME_WORDS = MONTHS | _vocabulary(
    """
    monday tuesday wednesday thursday friday saturday sunday morning
    afternoon evening night today yesterday tonight week month year weekend
    """
)
# Stances on something named: the whole sentence is the claim.
STANCE_VERBS = _vocabulary("reject deny blame accuse condemn")
# The newsroom's own voices in a broadcast transcript ("ANCHOR:",
# "CORRESPONDENT (Lima):", "TOM ROE (technology correspondent):").
NEWSROOM_ROLES = _vocabulary(
    """
    anchor correspondent host presenter reporter newsreader interviewer
    editor announcer narrator voiceover
    """
)
# What a transcript's label may call a guest for their part, not for whom
# they speak: "UTOPIA 56 VOLUNTEER:" is Utopia 56's.
LAY_ROLES = _vocabulary(
    """
    caller listener viewer resident witness volunteer voter passenger
    student farmer worker shopper parent patient fan commuter
    """
)
# What someone does in private life, said before their name ("fisherman
# Luis Ortega"): a person the story introduces, not a namesake the newsroom
# files under an agency.
LAY_PEOPLE = LAY_ROLES | _vocabulary(
    """
    fisherman fishermen fisher shopkeeper vendor villager pensioner retiree
    homeowner tenant refugee protester survivor widow mother father
    grandmother grandfather neighbour neighbor driver nurse teacher miner
    """
)
# People gathered in public, who work for no one they march against: "the
# organisers put the turnout at 200,000".
CROWD_NOUNS = _vocabulary(
    "organiser organizer protester demonstrator marcher activist striker campaigner"
)
# People who speak for their country's side without naming its body: "a Saudi
# negotiator", "a Ukrainian official".
PEOPLE_NOUNS = _vocabulary(
    "negotiator official diplomat delegate envoy source spokesman spokeswoman "
    "spokesperson"
)
# A headline's rubric in capitals ("LIVE: ...", "UPDATE: ..."): no speaker.
RUBRICS = _vocabulary(
    """
    live update updates breaking watch listen analysis explainer exclusive
    opinion latest recap video pictures photos
    """
)
# Warnings whose content is what they are of: "warned of significant
# delays", "cautioned against a rate cut".
WARNING_VERBS = _vocabulary("warn caution")
# Findings: "the commission found that ...", "the judge ruled that ...", a
# court "held that ...", counsel "submitted that ...", a body "agrees" or
# "accepts that ...": cues only with a that-clause ("found the bodies",
# "agreed a deal", "accepted the offer" report nothing).
FINDING_VERBS = _vocabulary("find conclude rule determine submit hold agree accept")
# Appeals: "X urged Y to Z", "X appealed to Y to Z", "X demanded that ...":
# cues only with what is urged (an infinitive or a clause), which, with
# whom it is urged on, is the content.
APPEAL_VERBS = _vocabulary("urge appeal implore exhort demand recommend")
# What a denial or rejection can be of without saying anything itself: "X
# denied the allegations", "rejected the appeal" (the stance's own words, if
# any, follow: "..., saying ...").
REBUTTED_NOUNS = _vocabulary(
    """
    allegation accusation charge claim criticism appeal request wrongdoing
    suggestion assertion conclusion it this that them
    """
)
# "The figures were put out by X": the previous sentence is X's.
RELEASE_VERBS = _vocabulary("put release publish issue give provide circulate")
DATA_NOUNS = _vocabulary(
    """
    figure number result data report statement estimate finding count
    tally total
    """
)
CHANNEL_VERBS = _vocabulary("quote cite carry publish air broadcast poll survey")
MODALS = _vocabulary("will would could may might should can shall must")
PRONOUNS = _vocabulary("he she they it we i him her them")
POSSESSIVES = _vocabulary("its his her their")
# Words that tell a person's gender, for "he" and "she" to agree with.
FEMININE = _vocabulary(
    "she her herself ms mrs madam spokeswoman chairwoman woman congresswoman"
)
MASCULINE = _vocabulary("he him his himself mr spokesman chairman man congressman")
# What can carry a speaker's words to readers ("told Reuters", "told the
# public broadcaster NOS"), by its record's kind or its name's words; a body
# told ("told the chamber", "told the court") is an audience, not an outlet.
OUTLET_KINDS = _vocabulary("news_agency broadcaster")
# Kinds of agency a place's name stands for ("Kyiv", "Brussels"), and through
# which a country speaks ("a Brazilian diplomat").
PLACE_KINDS = _vocabulary("government international_org")
OUTLET_WORDS = _vocabulary(
    """
    news times post press tv radio television herald journal gazette tribune
    daily newspaper broadcaster agency channel wire
    """
)
# What a speaker tells that is an occasion, not an outlet ("told a news
# conference", "told a briefing", "told reporters").
# What a copula says of a source that introduces its words: "The minister was
# blunt: ...".
MANNER_OF_SAYING = _vocabulary(
    """
    blunt clear unequivocal emphatic direct firm categorical defiant adamant
    candid frank explicit short brief simple
    """
)
# What one calls by convening it, not by naming it: "called a strike", "called
# the 24-hour walkout", "called a snap election".
CONVENED_NOUNS = _vocabulary(
    """
    strike walkout stoppage election vote referendum meeting summit session
    protest rally march boycott demonstration inquiry halt ceasefire truce
    """
)
EVENT_NOUNS = _vocabulary(
    """
    conference briefing rally meeting hearing session summit gathering crowd
    audience reporter journalist lawmaker delegate supporter member
    """
)
# Nouns that name an agency by its kind, when no mention in the story did.
KIND_NOUNS: dict[str, frozenset[str]] = {
    "news_agency": _vocabulary("agency outlet broadcaster newspaper channel"),
    "government": _vocabulary(
        "government ministry department office administration authority"
        " service committee commission bank agency"
    ),
    "company": _vocabulary(
        "company firm operator airline group maker carrier producer"
        " miner insurer lender retailer carmaker automaker manufacturer refiner"
        " exporter supplier agency"
    ),
    "international_org": _vocabulary("organisation organization agency body"),
    "ngo": _vocabulary("organisation organization group charity"),
}
# Every kind's nouns together.
ALL_KIND_NOUNS = frozenset().union(*KIND_NOUNS.values())
# Places an organisation's description may open with, that are not part of
# its name: "the town's fishermen's cooperative" is the fishermen's
# cooperative (of that town).
PLACE_NOUNS = _vocabulary(
    "town city village country region district province county island nation"
)
# Words that make a speaker an organisation rather than a person.
ORGANISATION_NOUNS = _vocabulary(
    """
    company firm union group party agency organisation organization
    association council institute university bank charity network
    newspaper broadcaster operator ministry committee commission authority
    federation foundation cooperative coalition alliance forum chamber lobby
    brokerage house fund consultancy watchdog monitor movement campaign
    outlet station channel court tribunal pollster hospital clinic army
    militia club insurer lender retailer carmaker automaker manufacturer miner
    refiner exporter supplier website portal exchange hotline helpline
    regulator utility mission
    """
)
ORGANISATION_WORDS = _vocabulary(
    """
    Cross Crescent University Institute Aerospace Union Council Agency
    Bank Group Party Association Committee Organization Organisation
    International Ministry Service Corporation Company Inc Ltd Fund
    Foundation Times Post News Press Network Watch Federation Authority
    Commission Airlines Airways Forum Alliance Chamber Coalition Capital
    Research Securities Sekuritas Partners Holdings Media Movement Front
    Society League Trust Centre Center Board Office Court BV AG SA GmbH
    Club Cooperative Cooperativa Systems Group Labs Institute Observatory
    Army Forces Militia Brigade Brigades Police Guard Hospital Clinic Port
    Airport Railways Exchange Church Parliament Assembly Directorate Bureau
    Secretariat Department Confederation Initiative Monitor Comunidad Comunidade
    Asociación Associação Associazione Sindicato Sindacato Fundación
    Fundação Federación Instituto Istituto Consejo Conselho Ministerio
    Ministério Verband Bund Stiftung Gewerkschaft Vereniging Stichting
    Agencies Gestion Management Advisers Advisors Analytics Consulting
    Economics Insights Intelligence Herald Gazette
    Tribune Journal Echo Chronicle Courier Observer Telegraph Mirror
    Solutions Technologies Industries Pharmaceuticals Resources Motors
    Telecom Ventures Enterprises Chemicals Petroleum Shipmanagement Collective
    """
)
# A person's title: an alias ending in one ("Finance Minister") describes
# whoever holds it, in whichever country the story is about.
TITLES = _vocabulary(
    """
    minister ministers spokesman spokeswoman spokesperson secretary governor
    president chancellor mayor premier
    """
)
# Words that stand before a surname without being a given name ("Governor
# Roe", "Dr Roe"): a known person's surname after any other capitalised word
# ("Igun Roe" for the known "Andry Roe") is someone else's.
HONORIFICS = _vocabulary(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady judge justice
    general gen colonel col captain capt major sergeant lieutenant deputy
    chief senator sen rep representative congressman congresswoman mp mep
    ambassador commissioner inspector superintendent detective bishop
    cardinal father rev reverend rabbi imam sheikh king queen prince princess
    president chairman chairwoman chair director governor minister secretary
    mayor premier chancellor spokesman spokeswoman spokesperson economist
    councillor councilor cllr alderman
    """
)
# Verbs whose "it" is often nobody's ("it was too early", "it seemed",
# "it will take weeks"): not the speaker of "X said it ...".
EMPTY_IT_VERBS = _vocabulary(
    "be seem appear look remain take become feel sound matter happen make get"
)
# Whom a person has speak for them, or speaks of them, that no organisation
# has: "his solicitor", "her husband".
PERSONAL_PARTIES = _vocabulary(
    """
    lawyer solicitor barrister attorney counsel advocate agent wife husband
    partner son daughter mother father brother sister family relative friend
    """
)
# What people answered in ("economists in a Reuters poll"): what they
# said is the poll's finding.
POLLS = _vocabulary("poll survey")
# What opens a condition, in which a cue reports nothing: "unless their
# airline has confirmed that ...".
CONDITIONS = _vocabulary("unless if until once whether")
# A government's word opening a longer name ("Regional Government of
# Moquegua"); alone ("the Government") it is a description.
GOVERNMENT_WORDS = _vocabulary("Government Municipality Governorate Prefecture")
# Letters after a name, no part of it: "Amelia Grant KC" is not "KC".
POST_NOMINALS = _vocabulary("kc qc sc obe mbe cbe kbe dbe jr sr phd")
# Another party than the one whose possessive they follow: "Glencore's
# rival" is not Glencore ("Glencore's spokesman" is).
OTHER_PARTIES = _vocabulary(
    """
    rival competitor critic opponent partner customer client supplier buyer
    creditor neighbour neighbor ally counterpart peer
    """
)
# Who speaks for an organisation without being named for one: "a
# spokesperson said" is the organisation that spoke.
SPOKESPEOPLE = _vocabulary("spokesman spokeswoman spokesperson")
# An organisation's own staff, by title before a name: "editor-in-chief Jane
# Roe told reporters" right after the organisation spoke is its editor.
STAFF_TITLES = _vocabulary(
    """
    editor director coordinator chairman chairwoman founder manager
    spokesman spokeswoman spokesperson
    """
)
# A person's post at an organisation, said of them: "Jane Roe is president
# of the Harbour Traders' Association", "Roe heads the Harbour Traders'
# Association": whom "she said" after it speaks for.
POST_NOUNS = _vocabulary(
    """
    president chairman chairwoman chair head director leader founder
    coordinator secretary spokesman spokeswoman spokesperson executive
    manager chief
    """
)
POST_VERBS = _vocabulary("head lead run chair direct")
# ... and where someone works: "who studies migration at the Centre for
# Labour and Mobility" speaks for the Centre.
WORK_VERBS = _vocabulary("work study research teach lecture serve")
# What is declared as an act, not said: "declared a state of emergency".
DECLARED_ACTS = _vocabulary(
    "state emergency disaster calamity holiday mourning war curfew ceasefire truce"
)
# Last words of a company's name.
COMPANY_WORDS = _vocabulary(
    """
    Inc Ltd Limited Plc PLC Corp Corporation Company Co Holdings Systems
    Group Industries Technologies Airlines Airways Labs AG SA GmbH BV NV
    LLC Partners Securities Sekuritas Motors Energy Mining Resources
    Solutions Enterprises Ventures Pharmaceuticals Chemicals Petroleum
    Telecom Shipmanagement
    """
)
# Small words inside an organisation's name ("Union of Cocoa Producers").
NAME_JOINERS = _vocabulary("of de del la for on in and")
ROLE_TOKENS = {
    "minister": "ministry",
    "ministers": "ministry",
    "ministerial": "ministry",
}
STOP_WORDS = _vocabulary("the of a an 's and for in")
# Words that open a sentence or a phrase before a name and are no part of
# it ("By Eurostat's count", "So the City Council").
FUNCTION_WORDS = _vocabulary(
    """
    by at in on for from with to of as after before since under over into
    about across against among during without within through via per and
    but or so then yet while when if once though although because also
    still later earlier today yesterday now here there this that these those
    its their his her our my your we they he she it according meanwhile
    """
)
# A people's adjective read as its country, where the two differ by more
# than an ending ("Turkish Finance Minister" speaks for Turkey's ministry).
DEMONYMS = {
    "turkish": "turkey",
    "french": "france",
    "dutch": "netherlands",
    "british": "britain",
    "swiss": "switzerland",
    "greek": "greece",
    "polish": "poland",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "norwegian": "norway",
    "spanish": "spain",
    "german": "germany",
    "irish": "ireland",
    "thai": "thailand",
    "filipino": "philippines",
    "philippine": "philippines",
    "peruvian": "peru",
    "chilean": "chile",
    "malagasy": "madagascar",
    "emirati": "emirates",
    "saudi": "arabia",
    "kyrgyz": "kyrgyzstan",
    "kazakh": "kazakhstan",
    "uzbek": "uzbekistan",
    "tajik": "tajikistan",
    "afghan": "afghanistan",
    "pakistani": "pakistan",
    "bangladeshi": "bangladesh",
    "israeli": "israel",
    "iraqi": "iraq",
    "kuwaiti": "kuwait",
    "omani": "oman",
    "yemeni": "yemen",
    "somali": "somalia",
    "ivorian": "ivory",
    "dominican": "dominican",
    "american": "us",
    "czech": "czech",
    "czechia": "czech",
    "america": "us",
    "slovak": "slovakia",
    "welsh": "wales",
    "scottish": "scotland",
}
# Words of a country's name that place nothing by themselves ("United
# Kingdom", "Democratic Republic of the Congo", "North Korea").
COUNTRY_FILLERS = _vocabulary(
    """
    united states kingdom republic democratic people federation islands
    island state arab north south east west central new and of the
    """
)
# Words any public body's name may hold ("city", "council", "national"):
# among agencies sharing a description, a story's use of them tells none
# apart ("the mayor's office" in a story about Duluth's city council is not
# Lisbon's city council).
# The small words of names in other languages ("Administração dos Portos de
# Sines e do Algarve"): a story that uses them ("de", "do") names no place
# of the agency's, so they tell no holders of a description apart.
NAME_PARTICLES = _vocabulary(
    "de del della di da das do dos du des la le les y e o von van der den het"
)
INSTITUTION_WORDS = _vocabulary(
    """
    city town county municipal municipality metropolitan district province
    provincial regional region state federal national central public
    general hall council office mayor ministry department government
    administration authority agency service committee commission board
    directorate bureau secretariat police court
    """
)
# Words a story places a country by when its name is all filler words
# ("United Kingdom": "Britain", "British", "UK"), or by its former English
# name ("Türkiye": "Turkey").
COUNTRY_WORDS = {
    "united kingdom": frozenset(("britain", "uk")),
    # a name whose every word is a filler or a continent's: its short form
    # and its capital
    "central african republic": frozenset(("car", "bangui")),
    "türkiye": frozenset(("turkey",)),
}
# A continent's adjective, which places no one country.
CONTINENT_ADJECTIVES = _vocabulary("african american asian european")
# Who speaks for an institution of a kind a label's word tells, and what it
# publishes: "the judge" and "the judgment" are the court's voice, as "the
# court" is; "the study" and "the researchers" a university's.
_RESEARCH = "study paper author authors researcher researchers scientist scientists"
# What a story calls research it said a journal published ("a trial
# published in The Lancet ... the paper reported"); its authors ("the
# researchers") are whoever did it, not the journal.
PUBLISHED_RESEARCH = _vocabulary("study paper trial findings results")
MEMBER_NOUNS: dict[str, frozenset[str]] = {
    "court": _vocabulary("judge justice magistrate bench judgment judgement ruling"),
    "tribunal": _vocabulary("judge justice panel judgment judgement ruling"),
    "university": _vocabulary(_RESEARCH),
    "institute": _vocabulary(_RESEARCH),
}
# What a company's name says it supplies, for which a story calls it "the
# utility" ("Cascade Crest Power ... The utility says").
UTILITY_WORDS = _vocabulary("power energy electric electricity gas water grid")
# What a public body's name says it oversees by, for which a story calls it
# "the regulator" or "the watchdog" ("The Australian Securities and
# Investments Commission ... The regulator said").
REGULATOR_WORDS = _vocabulary(
    """
    regulatory regulator regulation supervisory supervision inspectorate
    ombudsman conduct competition standards commission authority
    superintendency superintendence superintendencia
    """
)
# A body of working people, which a story calls "the union" ("The Lithuanian
# Airline Pilots' Association said ... the union's chairman"): one of these
# nouns with one of the trades before it. (A federation is of unions, "the
# European Transport Workers' Federation, which represents unions".)
MEMBERSHIP_WORDS = _vocabulary("association guild syndicate brotherhood")
TRADE_WORDS = _vocabulary(
    """
    workers employees pilots nurses doctors physicians teachers journalists
    engineers drivers miners dockers dockworkers seafarers officers crew
    controllers firefighters midwives farmers fishermen
    """
)
# Parts of an organisation that speak for it: "the AFC's disciplinary
# committee" is the AFC's voice ("the university's students' union" is not).
PART_NOUNS = _vocabulary("committee panel board unit division secretariat")
# Nouns that fit any organisation, one the newsroom does not know included.
ANY_ORGANISATION = _vocabulary("group organisation organization body")
# Verbs that name what was said ("called the strike unnecessary",
# "described it as"): the object is the content, and what follows is theirs.
NAMING_VERBS = _vocabulary("call describe")
# Verbs that characterise a thing "as" something ("dismissed the report as
# fiction", "assessed the risk as high", "hailed the deal as a
# breakthrough"): with an object and its "as", the object and what it is
# called are the content, a stance on it included ("rejected the charge as
# insulting").
CHARACTERISING_VERBS = _vocabulary(
    """
    describe dismiss reject hail welcome condemn denounce assess rate
    characterise characterize brand label portray criticise criticize
    praise decry slam
    """
)
# Participles that give the name of what they follow ("a coalition called
# Casa Para Viver", "a group known as X"): that name is the phrase's own.
NAME_GIVING_VERBS = _vocabulary("call name know dub")
# Participles that belong to the frame, whatever the parser hangs them on:
# "citing a source", "speaking on condition of anonymity", "quoting X".
CHAIN_PARTICIPLES = _vocabulary("cite speak quote")
# What stands before a trailing cue ("..., X said", '..." X said', "... - X said").
# Dashes arrive folded to "-" (detection.records.fold).
TRAILING_MARKS = frozenset((",", '"', ":", "\u2014", "-"))
# Documents and data as sources: "an exit poll by X gave ...", "data from X
# showed ...", "X's figures suggest ...": a document noun as the subject of
# one of these verbs is a cue, its object or clause the content.
DOCUMENT_NOUNS = _vocabulary(
    """
    poll survey data figure number result report statement estimate finding
    count tally forecast projection study analysis census index bulletin
    filing ruling post review audit assessment statistic datum telemetry
    draft text communique declaration letter memo note paper message
    conclusion update verdict log record
    """
)
# Where a document is published for its source: "published on the website
# of X" is X's.
OUTLET_NOUNS = _vocabulary("website site page account channel")
# Who works measurements into data: "satellite images analysed by X".
ANALYSING_VERBS = _vocabulary("analyse analyze process model interpret")
# What makes a document someone's: "published by X", "compiled by X".
PUBLISHING_VERBS = _vocabulary(
    """
    publish compile release issue produce conduct table prepare commission
    gather collect post carry run see obtain review
    """
)
SOURCE_PREPOSITIONS = _vocabulary("by from of")
# "By the estimate of X", "in X's estimate", "by X's count": X is the
# source of the sentence, as with "according to X".
# What things are done "according to" that says nothing: "handled according
# to the law", "going according to plan".
NORM_NOUNS = _vocabulary(
    """
    law rule regulation plan schedule constitution procedure protocol
    guideline tradition custom statute
    """
)
ESTIMATE_NOUNS = _vocabulary("estimate count reckoning calculation tally")
# What a pollster does, set beside its name: "Gallup, polling for bTV, gives
# ...": the pollster speaks through its figures, as a document does.
# (the parser at times reads "polling" as a noun).
POLLING_VERBS = _vocabulary("poll polling survey surveying")
DOCUMENT_VERBS = _vocabulary(
    "show give suggest find indicate put project forecast estimate predict see"
    " conclude reveal"
)
# A tally with its source as the subject of "is" or "stands at": "The latest
# figure from X is 62 dead", "The toll from X stands at 41": the number is X's.
TALLY_NOUNS = _vocabulary("figure toll tally count total number estimate")
TALLY_VERBS = _vocabulary("be stand")
