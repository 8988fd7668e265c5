"""Quote checks, and long or many-script quotes followed through edits."""

import pytest

from claims.anchoring import (
    MAX_QUOTE_LENGTH,
    NEEDS_CHECK,
    ORPHANED,
    EditMap,
    QuoteError,
    check_quote,
    reanchor,
    selectors_at,
)


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
