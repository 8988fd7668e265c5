"""Claim detection, one construction per sentence, with the real spaCy model.

Run on their own with ``pytest -m detection``.
"""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from articles.rendering import plain_text
from detection import AgencyRef, Detection, PersonRef, detect, load_model

pytestmark = pytest.mark.detection

AGENCIES = [
    AgencyRef("tass", "TASS", ("TASS", "the TASS news agency"), "news_agency"),
    AgencyRef("irna", "IRNA", ("IRNA", "the IRNA news agency"), "news_agency"),
    AgencyRef("ap", "Associated Press", ("AP", "the Associated Press"), "news_agency"),
    AgencyRef("reuters", "Reuters", ("Reuters",), "news_agency"),
    AgencyRef(
        "economy-ministry",
        "Ministry of Economy",
        ("the economy ministry", "Ukraine's economy ministry"),
        "government",
    ),
    AgencyRef("kremlin", "The Kremlin", ("the Kremlin", "Kremlin"), "government"),
    AgencyRef("energoatom", "Energoatom", ("Energoatom",), "company"),
    AgencyRef("who", "World Health Organization", ("WHO",), "international_org"),
]
PEOPLE = [PersonRef("Dmitry Peskov", ("Peskov",), "Kremlin spokesman", "kremlin")]

Detect = Callable[[str], list[Detection]]


@pytest.fixture(scope="session")
def run() -> Detect:
    load_model()

    def run(text: str) -> list[Detection]:
        found = detect(text, AGENCIES, PEOPLE)
        for detection in found:
            assert text[detection.start : detection.end] == detection.quote
            assert 0 < detection.confidence <= 1
        return found

    return run


def only(found: list[Detection]) -> Detection:
    assert len(found) == 1, found
    return found[0]


def test_that_clause(run: Detect) -> None:
    claim = only(run("The economy ministry said that exports rose by 5% in May."))
    assert claim.quote == "exports rose by 5% in May"
    assert claim.agency == "economy-ministry"
    assert claim.speaker == ""  # an organisation is the agency, not a speaker
    assert claim.cue == "said"
    assert not claim.is_direct_quote


def test_two_cues_in_one_sentence(run: Detect) -> None:
    found = run(
        "The economy ministry said on Monday exports had risen, while the Kremlin "
        "said imports had fallen."
    )
    assert [(d.quote, d.agency) for d in found] == [
        ("exports had risen", "economy-ministry"),
        ("imports had fallen", "kremlin"),
    ]


def test_clause_without_that(run: Detect) -> None:
    claim = only(run("Ukraine's economy ministry announced exports rose in May."))
    assert claim.quote == "exports rose in May"
    assert (claim.agency, claim.cue) == ("economy-ministry", "announced")


def test_trailing_cue(run: Detect) -> None:
    claim = only(run("Exports rose by 5% in May, the economy ministry said."))
    assert claim.quote == "Exports rose by 5% in May"
    assert (claim.agency, claim.speaker, claim.cue) == (
        "economy-ministry",
        "",
        "said",
    )
    assert not claim.is_direct_quote


def test_inverted_cue(run: Detect) -> None:
    claim = only(
        run(
            "Exports rose by 5% in May, said Olena Marchenko, a spokeswoman for "
            "the economy ministry."
        )
    )
    assert claim.quote == "Exports rose by 5% in May"
    assert claim.agency == "economy-ministry"
    assert claim.speaker.startswith("Olena Marchenko")
    assert claim.cue == "said"


def test_according_to(run: Detect) -> None:
    claim = only(run("Cases fell by 40% in three provinces, according to the WHO."))
    assert claim.quote == "Cases fell by 40% in three provinces"
    assert (claim.agency, claim.cue) == ("who", "according to")
    assert claim.speaker == ""  # the agency itself, not a person


def test_according_to_first(run: Detect) -> None:
    claim = only(run("According to Energoatom, the plant lost power twice."))
    assert claim.quote == "the plant lost power twice"
    assert claim.agency == "energoatom"


def test_direct_quote(run: Detect) -> None:
    claim = only(
        run('"We will rebuild every bridge," Kremlin spokesman Dmitry Peskov said.')
    )
    assert claim.quote == "We will rebuild every bridge"
    assert claim.agency == "kremlin"
    assert claim.speaker == "Kremlin spokesman Dmitry Peskov"
    assert claim.is_direct_quote


def test_typographic_quotes_keep_offsets(run: Detect) -> None:
    text = "\u201cThe talks are over,\u201d Peskov told reporters."
    claim = only(run(text))
    assert claim.quote == "The talks are over"
    assert (claim.agency, claim.cue) == ("kremlin", "told")
    assert claim.is_direct_quote


def test_quote_continues_after_the_cue(run: Detect) -> None:
    found = run('"Our conditions are known," Peskov said, "and nobody has met them."')
    assert [d.quote for d in found] == [
        "Our conditions are known",
        "and nobody has met them",
    ]
    assert all(d.agency == "kremlin" and d.is_direct_quote for d in found)


def test_quote_continues_in_the_next_paragraph(run: Detect) -> None:
    found = run(
        '"The plant is safe," an Energoatom engineer told Reuters.\n\n'
        '"We have power for ten days. After that, nobody knows."'
    )
    assert [d.quote for d in found] == [
        "The plant is safe",
        "We have power for ten days. After that, nobody knows",
    ]
    # The engineer's company, carried by the outlet the engineer told.
    assert {(d.agency, d.also_agency) for d in found} == {("energoatom", "reuters")}
    assert found[1].is_direct_quote
    assert found[1].confidence < found[0].confidence


def test_quote_of_several_sentences_after_a_colon(run: Detect) -> None:
    claim = only(run('Peskov said: "The vote was fair. Nobody has proved otherwise."'))
    assert claim.quote == "The vote was fair. Nobody has proved otherwise"
    assert (claim.agency, claim.cue) == ("kremlin", "said")
    assert claim.is_direct_quote


def test_participle_with_a_quote(run: Detect) -> None:
    claim = only(
        run('Peskov did not rule out talks, saying that "everything depends on Kyiv."')
    )
    assert claim.quote == "everything depends on Kyiv"
    assert (claim.agency, claim.cue) == ("kremlin", "saying")
    assert claim.is_direct_quote


def test_chain_quoted_by(run: Detect) -> None:
    claim = only(
        run(
            "A source in the Russian parliament, quoted by the TASS news agency, "
            "said the vote would be held on Sunday."
        )
    )
    assert claim.quote == "the vote would be held on Sunday"
    assert claim.agency == "tass"
    assert claim.speaker == "A source in the Russian parliament"
    assert claim.cue == "quoted by"


def test_chain_carried_by(run: Detect) -> None:
    claim = only(
        run(
            "Iran has begun enriching uranium at a second site, a statement "
            "carried by the IRNA news agency said."
        )
    )
    assert claim.quote == "Iran has begun enriching uranium at a second site"
    assert (claim.agency, claim.cue) == ("irna", "carried by")


def test_chain_citing(run: Detect) -> None:
    claim = only(
        run("Citing unnamed officials, AP reported that inspectors had left the site.")
    )
    assert claim.quote == "inspectors had left the site"
    assert claim.agency == "ap"
    assert claim.speaker == "unnamed officials"
    assert claim.cue == "reported, citing"


def test_chain_citing_after_the_cue(run: Detect) -> None:
    claim = only(run("The fire was out, TASS reported citing a source in the army."))
    assert claim.quote == "The fire was out"
    assert claim.agency == "tass"
    assert claim.speaker == "a source in the army"
    assert claim.cue == "reported, citing"


def test_chain_names_both_agencies(run: Detect) -> None:
    claim = only(
        run(
            "The Kremlin said the talks had stalled, the TASS news agency reported, "
            "citing the economy ministry."
        )
    )
    assert claim.quote == "the talks had stalled"
    assert claim.agency == "tass"
    assert claim.also_agency in {"kremlin", "economy-ministry"}


def test_told_an_agency(run: Detect) -> None:
    claim = only(run("Premiums have tripled since July, two brokers told Reuters."))
    assert (claim.agency, claim.speaker, claim.cue) == (
        "reuters",
        "two brokers",
        "told",
    )


@pytest.mark.parametrize(
    ("second", "agency"),
    [
        ("The ministry said no deaths were reported.", "economy-ministry"),
        ("The agency said no deaths were reported.", "tass"),
        ("The operator said no deaths were reported.", "energoatom"),
    ],
)
def test_coreference_to_an_earlier_mention(
    run: Detect, second: str, agency: str
) -> None:
    text = (
        "Grid operator Energoatom said the line was cut, the TASS news agency "
        "reported. Ukraine's economy ministry said the damage was limited. " + second
    )
    found = run(text)
    last = found[-1]
    assert last.quote == "no deaths were reported"
    assert last.agency == agency


def test_surname_after_full_name(run: Detect) -> None:
    found = run(
        "Olena Marchenko, a spokeswoman for the economy ministry, said exports rose. "
        "Marchenko added that imports fell."
    )
    assert [(d.quote, d.agency) for d in found] == [
        ("exports rose", "economy-ministry"),
        ("imports fell", "economy-ministry"),
    ]
    assert found[1].speaker == "Marchenko"


def test_pronoun_after_speaker(run: Detect) -> None:
    found = run("Peskov said the talks were over. He said sanctions had failed.")
    assert [(d.quote, d.agency) for d in found] == [
        ("the talks were over", "kremlin"),
        ("sanctions had failed", "kremlin"),
    ]


def test_known_person_without_agency_in_text(run: Detect) -> None:
    claim = only(run("Peskov said the talks were over."))
    assert claim.agency == "kremlin"
    assert claim.agency_name == "The Kremlin"


@pytest.mark.parametrize(
    "text",
    [
        "Needless to say, the talks failed.",
        "The decision is, frankly, a gamble that Moscow will regret.",
        "It is hard to see how Europe could replace those volumes quickly.",
        "The ceasefire did not hold, and the talks failed.",
        "Will the ceasefire hold?",
        "The economy ministry did not say whether exports rose.",
        "The economy ministry declined to comment.",
        "Reuters has reported from Kyiv since 1991.",
        "The economy ministry will announce the figures on Friday.",
    ],
)
def test_not_a_claim(run: Detect, text: str) -> None:
    assert run(text) == []


def test_quoted_question_is_not_a_claim(run: Detect) -> None:
    assert run('"Who will pay for this?" Peskov asked.') == []


def test_attributed_opinion_is_a_claim_of_its_source(run: Detect) -> None:
    claim = only(run("The Kremlin said the sanctions were a mistake."))
    assert claim.quote == "the sanctions were a mistake"
    assert claim.agency == "kremlin"


def test_no_nameable_agency(run: Detect) -> None:
    """A passage no reader could attribute to a source is no claim for the
    newsroom; asked for, it comes with no agency and low confidence."""
    assert run("Analysts said prices would rise.") == []
    text = "Analysts said prices would rise."
    claim = only(detect(text, AGENCIES, PEOPLE, nameless=True))
    assert claim.quote == "prices would rise"
    assert (claim.agency, claim.agency_name) == (None, "")
    assert claim.speaker == "Analysts"
    assert claim.confidence < 0.5


def test_a_proper_name_no_one_knows_is_still_proposed(run: Detect) -> None:
    """ "Bankova" may be an organisation the desk teaches: kept, unplaced."""
    claim = only(run("Bankova said the talks would resume in March."))
    assert (claim.agency, claim.agency_name) == (None, "")
    assert claim.confidence < 0.5


def test_the_who_in_capitals_is_no_relative_pronoun(run: Detect) -> None:
    claim = only(run("The WHO said the virus was spreading."))
    assert (claim.quote, claim.agency) == ("the virus was spreading", "who")


def test_unknown_agency_is_named(run: Detect) -> None:
    claim = only(run("The Red Cross said it had opened eight shelters."))
    assert claim.agency is None
    assert claim.agency_name == "Red Cross"
    assert claim.quote == "it had opened eight shelters"


def test_speaker_named_by_a_clause_about_someone_else(run: Detect) -> None:
    claim = only(
        run(
            "The union representing Energoatom engineers, Tekna, said it had not "
            "been consulted."
        )
    )
    assert claim.agency is None
    assert claim.agency_name == "Tekna"


def test_same_quote_twice(run: Detect) -> None:
    text = (
        '"There will be no devaluation," Peskov said on Monday. '
        'Asked again on Tuesday, Peskov said: "There will be no devaluation."'
    )
    found = run(text)
    assert [d.quote for d in found] == ["There will be no devaluation"] * 2
    assert found[0].start != found[1].start
    assert all(d.agency == "kremlin" for d in found)


def test_stance_with_an_object_takes_the_sentence(run: Detect) -> None:
    claim = only(run("The Kremlin rejected the report."))
    assert claim.quote == "The Kremlin rejected the report."
    assert (claim.agency, claim.cue) == ("kremlin", "rejected")


def test_figures_attributed_in_the_next_sentence(run: Detect) -> None:
    text = (
        "Turnout reached 97% in the region. The figures were put out by the TASS "
        "news agency."
    )
    claim = only(run(text))
    assert claim.quote == "Turnout reached 97% in the region."
    assert claim.agency == "tass"


def test_offsets_are_those_of_the_plain_text(run: Detect) -> None:
    text = (
        "Shelling cut the line, Energoatom said.\n\n"
        "The plant has diesel for ten days, according to the WHO."
    )
    found = run(text)
    assert [(d.start, d.end) for d in found] == [
        (0, text.index(",")),
        (text.index("The plant"), text.index(", according")),
    ]


def test_empty_text(run: Detect) -> None:
    assert run("") == []
    assert run("   \n\n ") == []


def test_model_is_loaded_once() -> None:
    assert load_model() is load_model()


CORPUS = sorted(
    (Path(__file__).resolve().parents[2] / "detection" / "corpus" / "dev").glob(
        "*.json"
    )
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_corpus_story_passages_lie_in_its_plain_text(path: Path) -> None:
    """On every story of the corpus, each passage is the plain text at its
    offsets, names an agency the story lists (or none), and is found once."""
    story = json.loads(path.read_text())
    text = plain_text(story["article"]["body"])
    agencies = [
        AgencyRef(a["slug"], a["name"], tuple(a.get("aliases", ())), a.get("kind", ""))
        for a in story["agencies"]
    ]
    found = detect(text, agencies)
    assert found
    slugs = {a.slug for a in agencies}
    for detection in found:
        assert text[detection.start : detection.end] == detection.quote
        assert detection.agency is None or detection.agency in slugs
    starts = [d.start for d in found]
    assert starts == sorted(starts)
    assert len({(d.start, d.end) for d in found}) == len(found)
