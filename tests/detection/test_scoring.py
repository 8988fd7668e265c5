"""The evaluation's matching rule (detection/corpus/README.md, "Scoring")."""

from detection.records import Detection
from detection.scoring import same_source, score_story
from detection.stories import Gold


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
