"""Quote checks, and long or many-script quotes followed through edits."""

import pytest

from claims import edits as edit_maps
from claims.anchoring import (
    MAX_QUOTE_LENGTH,
    NEEDS_CHECK,
    ORPHANED,
    QuoteError,
    check_quote,
    reanchor,
    selectors_at,
)
from claims.edits import EditMap


@pytest.mark.parametrize(
    "quote", ["", "   ", "\u200b", "\u200b\n\u2060", "\ufeff\u00ad", "\u3164", "\u0301"]
)
def test_invisible_quotes_are_refused(quote: str) -> None:
    with pytest.raises(QuoteError):
        check_quote(quote)


def test_visible_quotes_pass_up_to_the_limit() -> None:
    check_quote("\u200bsaid\u200b")
    check_quote("\u00e9" * MAX_QUOTE_LENGTH)
    with pytest.raises(QuoteError, match="at most 5,000 characters"):
        check_quote("a" * (MAX_QUOTE_LENGTH + 1))


def long_passage(length: int) -> str:
    words = " ".join(
        f"observers{n % 89} reported at station {n}." for n in range(length)
    )
    return words[:length]


def test_one_character_changed_in_a_legacy_long_claim_is_followed() -> None:
    """A 12,000-character claim (over today's limit) with one character changed
    is followed in place and flagged for a check."""
    passage = long_passage(12_000)
    text = "Intro paragraph.\n\n" + passage + "\n\nClosing words."
    start = text.index(passage)
    old = selectors_at(text, start, start + len(passage))
    middle = start + len(passage) // 2
    edited = text[:middle] + "#" + text[middle + 1 :]
    result = reanchor(edited, old, edits=EditMap(text, edited))
    assert result.state == NEEDS_CHECK
    assert (result.selectors.start, result.selectors.end) == (old.start, old.end)
    assert result.selectors.exact[len(passage) // 2] == "#"


def test_a_legacy_long_claim_rewritten_is_orphaned() -> None:
    """Past the edit bound the long claim is orphaned, not pinned elsewhere."""
    passage = long_passage(12_000)
    text = "Intro.\n\n" + passage
    old = selectors_at(text, text.index(passage), len(text))
    edited = "Intro.\n\n" + passage[: len(passage) // 2]
    assert reanchor(edited, old, edits=EditMap(text, edited)).state == ORPHANED


def test_text_with_many_scripts_is_matched_exactly() -> None:
    """More than 256 distinct characters: the edit is still found, exactly."""
    alphabet = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 400))
    text = "\u5f00\u59cb\u3002" + alphabet + "\u3002"
    old = selectors_at(text, 3, 3 + len(alphabet))
    edited = text[:200] + "X" + text[201:]
    result = reanchor(edited, old, edits=EditMap(text, edited))
    assert result.state == NEEDS_CHECK
    assert result.selectors.exact == alphabet[:197] + "X" + alphabet[198:]


def test_large_edits_map_paragraph_by_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the word-diff limit, unchanged paragraphs map word for word and
    words inside an edited paragraph still find their place."""
    monkeypatch.setattr(edit_maps, "WORD_DIFF_LIMIT", 5)
    paragraphs = [f"Paragraph {n} says turnout was {n}% at noon." for n in range(20)]
    text = "\n\n".join(paragraphs)
    edited_paragraphs = ["A new opening paragraph.", *paragraphs]
    edited_paragraphs[5] = edited_paragraphs[5].replace("turnout", "official turnout")
    edited_paragraphs[15] = edited_paragraphs[15].replace("noon", "moon")
    edited = "\n\n".join(edited_paragraphs)
    edits = EditMap(text, edited)
    for n in (0, 4, 10, 19):
        word = f"Paragraph {n} says"
        assert edits.map(text.index(word)) == edited.index(word)
    moved = text.index("was 14% at noon")
    assert edits.map(moved) == edited.index("was 14% at moon")
    old = selectors_at(text, moved, moved + len("was 14% at noon"))
    result = reanchor(edited, old, edits=edits)
    assert (result.state, result.selectors.exact) == (NEEDS_CHECK, "was 14% at moon")
