"""The one pattern that finds every known agency's name and alias in a story."""

from detection.agencies import agency_index, country_words
from detection.records import AgencyRef

TASS = AgencyRef("tass", "TASS", ("the TASS news agency", "the TASS news", "Tass"))
UN = AgencyRef("un", "United Nations", ("the UN", "UN agencies"))


def found(text: str) -> list[str]:
    pattern = agency_index((TASS, UN)).pattern
    assert pattern is not None
    return [match.group() for match in pattern.finditer(text)]


def test_the_longest_name_wins_where_several_start() -> None:
    assert found("The TASS news agency said so.") == ["The TASS news agency"]
    assert found("Two UN agencies said") == ["UN agencies"]


def test_a_longer_name_cut_off_mid_word_gives_way_to_a_shorter_one() -> None:
    # "the TASS news" runs into "newsroom": no name there but "TASS".
    assert found("the TASS newsroom said") == ["TASS"]
    assert found("the UNESCO office and the UN.") == ["the UN"]


def test_only_the_first_letter_folds_case() -> None:
    assert found("tASS and TASs and tass") == ["tASS", "tass"]
    assert found("united Nations, United nations") == ["united Nations"]


def test_a_country_is_placed_by_its_former_english_name_too() -> None:
    finance = AgencyRef(
        "tr-finance", "Ministry of Finance", (), "government", "Türkiye"
    )

    assert {"türkiye", "turkey"} <= country_words(finance)
