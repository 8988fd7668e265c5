"""How the queue shows a claim: badges with words, why it is first, cut quotes."""

from claims.models import Claim
from desk.admin.badges import anchor_badge, queue_status, short_quote


def test_quotes_are_cut_at_a_word_boundary() -> None:
    quote = "Officials installed by Moscow carried ballot boxes from door to door in what Ukraine called a farce"
    cut = short_quote(quote, words=6)
    assert cut == "Officials installed by Moscow carried ballot\u2026"
    assert short_quote("Short quote.") == "Short quote."


def test_an_orphaned_claim_says_why_it_is_first() -> None:
    claim = Claim(status="verified", anchor_state="orphaned")
    html = str(queue_status(claim))
    assert "Verified" in html
    assert "Text gone" in html
    assert "Its text is no longer in the article" in html
    assert 'aria-hidden="true"' in html


def test_an_anchored_claim_has_no_reason_line() -> None:
    html = str(queue_status(Claim(status="unreviewed", anchor_state="anchored")))
    assert "Not reviewed" in html
    assert "In the text" in html
    assert "queue-why" not in html
    assert "Text changed" in str(anchor_badge("needs_check"))
