"""Sentences the parser reads wrongly, whose speaker is still found, with the
real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import pytest

from detection import AgencyRef, detect
from tests.detection.passages import one

pytestmark = [pytest.mark.detection, pytest.mark.usefixtures("spacy_model")]

WIRE = AgencyRef(
    "north-wire", "Northland News Agency", ("the Northland News Agency",), "news_agency"
)


def test_a_poll_before_a_meeting_is_the_pollster_s_not_the_meeting_s() -> None:
    found = detect(
        "A poll of 16 analysts conducted by the Northland News Agency before the "
        "meeting had found that 13 expected a cut.",
        [WIRE],
    )
    assert one(found, "13 expected a cut").agency == "north-wire"


GRAIN_BOARD = AgencyRef(
    "grain-board", "Grain Board", ("the Grain Board", "GB"), "government"
)
FUND = AgencyRef("fund", "Nordic Savings Fund", ("the fund",), "company")


def test_a_trailing_speaker_read_as_an_apposition_speaks() -> None:
    # The parser hangs "its director of production, Ana Roe" on "million".
    found = detect(
        "The Grain Board (GB) now expects the October-March main crop to reach "
        "about 2.1 million tonnes, down from an earlier estimate of 2.48 "
        "million, its director of production, Ana Roe, told a news conference "
        "in Riga.",
        [GRAIN_BOARD],
    )
    assert one(found, "to reach about 2.1 million").agency == "grain-board"


def test_a_title_read_as_an_object_goes_with_the_name_after_it() -> None:
    # The parser reads "the fund's vice-president" as objects of "Speaking"
    # and leaves "said" without a subject.
    found = detect(
        "The Nordic Savings Fund cut its fees. Speaking in Oslo after that "
        "decision, the fund's vice-president, Ana Roe, said returns were "
        '"in a good place" and that savers should not expect a change.',
        [FUND],
    )
    assert one(found, "returns were").agency == "fund"


def test_a_name_the_parser_took_for_an_opening_times_is_the_speaker() -> None:
    # The parser reads "By lunchtime Vestacontrol" as one phrase and
    # leaves "said" without a subject.
    wire = AgencyRef("vesta", "Vestacontrol", ("Vestacontrol",), "international_org")
    found = detect(
        "By lunchtime Vestacontrol, the regional air traffic agency, said more "
        "than 300 flights had been cancelled.",
        [wire],
    )
    assert one(found, "300 flights").agency == "vesta"


def test_an_acronym_the_parser_cut_off_a_trailing_speaker_goes_with_it() -> None:
    # As the parser at times reads it: '," NDWU general secretary Ana Roe
    # told ...' with "NDWU" a stray word hung on the quoted verb.
    from spacy.tokens import Doc  # noqa: PLC0415

    from detection.pipeline import load_model  # noqa: PLC0415
    from detection.repairs import acronym_before  # noqa: PLC0415

    words = [
        "We",
        "left",
        ",",
        '"',
        "NDWU",
        "general",
        "secretary",
        "Ana",
        "Roe",
        "told",
        "us",
        ".",
    ]
    heads = [1, 1, 1, 1, 1, 6, 8, 8, 9, 9, 9, 9]
    deps = [
        "nsubj",
        "ROOT",
        "punct",
        "punct",
        "dep",
        "amod",
        "compound",
        "compound",
        "nsubj",
        "ROOT",
        "dobj",
        "punct",
    ]
    doc = Doc(
        load_model().vocab,
        words=words,
        heads=heads,
        deps=deps,
        sent_starts=[True, *[False] * 11],
    )
    speaker = list(doc[8].subtree)
    assert [t.text for t in acronym_before(speaker)] == ["NDWU"]
    assert acronym_before(list(doc[1:2])) == []


def test_a_that_clause_read_as_a_relative_deep_in_the_phrase_is_the_cues() -> None:
    # As the parser at times reads "X said in an answer to questions that it
    # bought fish": "bought" a relative clause of "questions", "that" its object.
    from spacy.tokens import Doc  # noqa: PLC0415

    from detection.pipeline import load_model  # noqa: PLC0415
    from detection.repairs import that_clause_of_a_document  # noqa: PLC0415

    words = [
        "X",
        "said",
        "in",
        "an",
        "answer",
        "to",
        "questions",
        "that",
        "it",
        "bought",
        "fish",
    ]
    heads = [1, 1, 1, 4, 2, 4, 5, 9, 9, 6, 9]
    deps = [
        "nsubj",
        "ROOT",
        "prep",
        "det",
        "pobj",
        "prep",
        "pobj",
        "dobj",
        "nsubj",
        "relcl",
        "dobj",
    ]
    pos = [
        "PROPN",
        "VERB",
        "ADP",
        "DET",
        "NOUN",
        "ADP",
        "NOUN",
        "SCONJ",
        "PRON",
        "VERB",
        "NOUN",
    ]
    doc = Doc(load_model().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert that_clause_of_a_document(doc[2]) == doc[9]
    # "the questions that it asked": "that" the clause's only object.
    deps[10], heads[10] = "npadvmod", 9
    doc = Doc(load_model().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert that_clause_of_a_document(doc[2]) is None


@pytest.mark.parametrize("dateline", ["", "RIGA, May 3 - "])
def test_what_follows_a_participle_after_the_cue_is_not_the_cues_frame(
    dateline: str,
) -> None:
    # The parser reads "non-compliant" as a clause and hangs "a ruling that
    # ..." on the verb; with a dateline it gives the verb a second subject.
    found = detect(
        f"{dateline}The Grain Board declared the city's lottery non-compliant "
        "on Friday, saying it had failed to publish its accounts for two years, "
        "a ruling that could close the lottery by the summer.",
        [GRAIN_BOARD, WIRE],
    )
    assert one(found, "it had failed to publish its accounts").agency == "grain-board"


def test_a_participle_speaks_for_the_nearest_of_two_subjects() -> None:
    # The parser gives "suspended" two subjects: the dateline's city too.
    found = detect(
        "OSLO, May 3 - The Grain Board suspended the lottery on Friday, saying "
        "it had failed to publish its accounts for two years.",
        [GRAIN_BOARD, WIRE],
    )
    assert one(found, "it had failed to publish its accounts").agency == "grain-board"


def test_a_hyphen_after_a_name_in_capitals_is_no_datelines_dash() -> None:
    # "NADO Italia, the country's anti-doping agency": a name in capitals
    # opening a sentence, and a hyphen inside a word, are no dateline.
    nado = AgencyRef("nado", "NADO Italia", ("NADO Italia",), "government", "Italy")
    found = detect(
        "NADO Italia, the country's anti-doping agency, said it would study "
        "the panel's reasoning.",
        [nado],
    )
    assert one(found, "it would study the panel's reasoning").agency == "nado"


def test_a_cue_set_off_inside_a_passive_takes_what_follows() -> None:
    # "explained" is a speech verb; here it is a passive whose subject, "The
    # gap", is what is explained, not who speaks.
    found = detect(
        "The gap, the Grain Board said, was largely explained by forward sales "
        "agreed a year in advance.",
        [GRAIN_BOARD, WIRE],
    )
    assert one(found, "explained by forward sales").agency == "grain-board"


def test_a_trailing_speaker_with_its_acronym_read_as_an_apposition() -> None:
    # The parser joins "said" to "is recalling" and hangs the speaker on
    # "A" as an apposition.
    found = detect(
        "Northfield Foods is recalling several batches of frozen berries after "
        "they were linked to an outbreak of hepatitis A, the Grain Board (GB) "
        "said on Wednesday.",
        [GRAIN_BOARD, WIRE],
    )
    assert one(found, "Northfield Foods is recalling").agency == "grain-board"


def test_a_speakers_words_keep_a_space_where_a_comma_was_left_out() -> None:
    found = detect(
        "In a note to clients this morning, ING's chief economist, Marta "
        'Zielinska, called today\'s meeting "the easiest decision of the year".',
        [AgencyRef("ing", "ING", ("ING",), "company")],
    )

    assert "economistMarta" not in found[0].speaker
    assert "Marta Zielinska" in found[0].speaker


def test_a_participle_after_a_published_report_is_its_publishers() -> None:
    northgate = AgencyRef("northgate", "Northgate Resources", ("Northgate",), "company")
    found = detect(
        "Northgate shares had fallen 38% in the three weeks before the halt, after "
        "short seller Kestrel Research published a report on Feb. 19 alleging "
        "that the company had booked round-trip trades to inflate revenue.",
        [northgate],
    )

    trades = one(found, "the company had booked round-trip trades")
    assert trades.agency is None
    assert trades.agency_name == "Kestrel Research"


@pytest.mark.parametrize(
    "report",
    [
        "A report by the Kestrel Trust found in March",
        "A report by the Kestrel Trust, a health think tank, found in March",
    ],
)
def test_a_finding_read_as_the_reports_modifier_is_the_reports(report: str) -> None:
    found = detect(
        f"{report} that the number of shortage notices had doubled in three years.",
        [],
        nameless=True,
    )

    notices = one(found, "the number of shortage notices had doubled")
    assert notices.agency_name == "Kestrel Trust"
    assert notices.source.startswith("A report by the Kestrel Trust")
    assert not notices.source.endswith(".")
