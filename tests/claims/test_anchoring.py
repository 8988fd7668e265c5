"""Claims stay anchored through edits: named cases, properties, the demo story."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from articles.models import Article
from claims import anchoring
from claims.anchoring import (
    ANCHORED,
    NEEDS_CHECK,
    ORPHANED,
    Selectors,
    edit_distance,
    locate,
    occurrences,
    reanchor,
)
from claims.edits import EditMap
from claims.models import Claim, ReviewEvent
from claims.services import reattach_claim, review_claim
from newsroom.writes import ProtectedWrite
from tests.factories import ArticleFactory, edit_text, make_claim
from tests.search_depth import examples


def claim_on(text: str, quote: str, occurrence: int | None = None) -> Selectors:
    return locate(text, quote, occurrence=occurrence)


class TestReanchorCases:
    def test_unchanged_text_keeps_position(self) -> None:
        text = "The agency said turnout was 97%. Observers disagreed."
        old = claim_on(text, "turnout was 97%")
        result = reanchor(text, old)
        assert (result.selectors, result.state, result.moved) == (old, ANCHORED, False)

    def test_insertion_before_shifts_the_claim(self) -> None:
        """Text added before a claim moves its offsets, not its words."""
        text = "The agency said turnout was 97%. Observers disagreed."
        old = claim_on(text, "turnout was 97%")
        edited = "Update: counting continues.\n\n" + text
        result = reanchor(edited, old)
        assert (
            edited[result.selectors.start : result.selectors.end] == "turnout was 97%"
        )
        assert result.state == ANCHORED
        assert not result.moved

    def test_quote_now_twice_context_decides(self) -> None:
        """A second copy of the quote appears; the one with the old context wins."""
        text = "AAAA said foo. BBBB said foo."
        old = claim_on(text, "foo", occurrence=2)
        edited = "CCCC said foo. " + text
        # The old position now holds AAAA's "foo": the exact words, the wrong claim.
        assert edited[old.start : old.end] == "foo"
        result = reanchor(edited, old)
        assert result.selectors.start == edited.index("BBBB said foo") + len(
            "BBBB said "
        )
        assert result.state == ANCHORED

    def test_quote_twice_tie_goes_to_nearest(self) -> None:
        """With equally good contexts, the occurrence nearest the old position wins."""
        old = Selectors(19, 22, "yes", "", "")
        result = reanchor("x said yes. x said yes. x said yes.", old)
        assert result.selectors.start == 19

    def test_paragraph_reordering(self) -> None:
        """Claims follow their paragraphs when the paragraphs swap places."""
        first = "RIA Novosti reported that 98% backed the move."
        second = "Kyiv said the vote was a sham."
        text = f"{first}\n\n{second}"
        one = claim_on(text, "98% backed the move")
        two = claim_on(text, "the vote was a sham")
        edited = f"{second}\n\n{first}"
        for old in (one, two):
            result = reanchor(edited, old)
            assert edited[result.selectors.start : result.selectors.end] == old.exact
            assert result.state == ANCHORED

    def test_whitespace_change_inside_quote(self) -> None:
        """A line break or double space inside a quote: followed, and flagged for a check."""
        text = "The ministry said the talks would resume next week in Geneva."
        old = claim_on(text, "the talks would resume next week in Geneva")
        edited = text.replace("resume next", "resume\nnext").replace(
            "in Geneva", "in  Geneva"
        )
        result = reanchor(edited, old)
        assert result.state == NEEDS_CHECK
        assert result.selectors.exact == "the talks would resume\nnext week in  Geneva"

    def test_typographic_quotes_change(self) -> None:
        """Straight quotes turned curly: still the same passage, flagged for a check."""
        text = 'He said "we will win" and left.'
        old = claim_on(text, '"we will win"')
        edited = text.replace('"we will win"', "\u201cwe will win\u201d")
        result = reanchor(edited, old)
        assert result.state == NEEDS_CHECK
        assert result.selectors.exact == "\u201cwe will win\u201d"
        assert edit_distance(result.selectors.exact, old.exact) == 0

    def test_deleting_the_sentence_orphans_the_claim(self) -> None:
        """The quoted sentence is gone: orphaned, keeping its last quote."""
        text = "Turnout was high, officials said. Kyiv rejected the vote."
        old = claim_on(text, "Turnout was high")
        result = reanchor("Kyiv rejected the vote.", old)
        assert result.state == ORPHANED
        assert result.selectors == old
        assert result.moved

    def test_rewritten_quote_is_not_matched_to_unrelated_text(self) -> None:
        """A quote replaced by different words is orphaned, not pinned elsewhere."""
        text = "Officials said 98.05% of voters backed joining. Other news followed."
        old = claim_on(text, "98.05% of voters backed joining")
        edited = "Officials declined to give figures. Other news followed."
        assert reanchor(edited, old).state == ORPHANED

    def test_edited_in_place_beats_similar_sentence_elsewhere(self) -> None:
        """A copy edit is followed in place, not to a look-alike sentence that is
        closer to the old words (the edit map says where the passage went)."""
        paragraphs = [
            f"District {n} turnout reached {n % 97}.{k}% at station {n * 4 + k}."
            for n in range(30)
            for k in range(4)
        ]
        text = " ".join(paragraphs)
        old = claim_on(text, "District 1 turnout reached 1.0% at station 4.")
        edited = text.replace("turnout reached 1.", "turnout was 1.")
        result = reanchor(edited, old, edits=EditMap(text, edited))
        assert result.state == NEEDS_CHECK
        assert result.selectors.exact == "District 1 turnout was 1.0% at station 4."
        assert result.selectors.start == old.start

    def test_edit_map_carries_offsets_through_an_edit(self) -> None:
        previous = "Alpha beta gamma. Delta epsilon."
        edited = "New words. Alpha beta gamma. Delta changed epsilon."
        edits = EditMap(previous, edited)
        assert edits.map(previous.index("gamma")) == edited.index("gamma")
        assert edits.map(previous.index("epsilon")) == edited.index("epsilon")

    def test_needs_check_persists_until_reviewed(self) -> None:
        """An exact match elsewhere does not clear an editor's pending check."""
        text = "Officials said turnout was high."
        old = claim_on(text, "turnout was high")
        result = reanchor("Earlier: " + text, old, state=NEEDS_CHECK)
        assert result.state == NEEDS_CHECK

    def test_orphan_comes_back_when_text_returns(self) -> None:
        text = "Officials said turnout was high."
        old = claim_on(text, "turnout was high")
        assert reanchor(text, old, state=ORPHANED).state == ANCHORED


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
GAP = st.lists(WORD, min_size=0, max_size=8).map(" ".join)
QUOTE = st.lists(WORD, min_size=3, max_size=10).map(
    lambda words: " ".join(words).upper()
)


@st.composite
def edited_gap(draw: st.DrawFn, gap: str) -> str:
    """The gap with random insertions and deletions applied."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(gap)))
        if draw(st.booleans()) and gap:
            length = draw(st.integers(1, max(1, len(gap) - at)))
            gap = gap[:at] + gap[at + length :]
        else:
            gap = (
                gap[:at]
                + draw(st.text(alphabet="abcdefg .,\n", max_size=20))
                + gap[at:]
            )
    return gap


class TestReanchorProperties:
    @settings(max_examples=examples(150, 1000), deadline=None)
    @given(data=st.data(), quotes=st.lists(QUOTE, min_size=1, max_size=4, unique=True))
    def test_edits_outside_quotes_keep_every_claim_exact(
        self, data: st.DataObject, quotes: list[str]
    ) -> None:
        """Insertions and deletions outside every quote leave each claim on its quote."""
        gaps = [data.draw(GAP) for _ in range(len(quotes) + 1)]
        text = gaps[0] + "".join(
            f" {q} {g}" for q, g in zip(quotes, gaps[1:], strict=True)
        )
        for quote in quotes:
            assume(len(occurrences(text, quote)) == 1)
        olds = [claim_on(text, quote) for quote in quotes]
        new_gaps = [data.draw(edited_gap(gap)) for gap in gaps]
        edited = new_gaps[0] + "".join(
            f" {q} {g}" for q, g in zip(quotes, new_gaps[1:], strict=True)
        )
        for quote in quotes:
            assume(len(occurrences(edited, quote)) == 1)
        edits = EditMap(text, edited)
        for old in olds:
            for result in (reanchor(edited, old), reanchor(edited, old, edits=edits)):
                assert result.selectors.start == edited.index(old.exact)
                assert result.selectors.exact == old.exact
                assert result.state == ANCHORED

    @settings(max_examples=examples(150, 1000), deadline=None)
    @given(data=st.data(), before=GAP, after=GAP, quote=QUOTE)
    def test_edits_inside_quote_follow_within_bound_or_orphan(
        self, data: st.DataObject, before: str, after: str, quote: str
    ) -> None:
        """An edited quote is followed within a quarter of its length in edits
        (flagged needs_check) or orphaned; it never lands on unrelated text."""
        text = f"{before} {quote} {after}"
        assume(len(occurrences(text, quote)) == 1)
        old = claim_on(text, quote)
        start = data.draw(st.integers(0, len(quote) - 1))
        stop = data.draw(st.integers(start, len(quote)))
        replacement = data.draw(st.text(alphabet="XYZ xyz", max_size=12))
        new_quote = quote[:start] + replacement + quote[stop:]
        assume(new_quote != quote)
        edited = f"{before} {new_quote} {after}"
        with_map = data.draw(st.booleans())
        result = reanchor(
            edited, old, edits=EditMap(text, edited) if with_map else None
        )
        if result.state == ORPHANED:
            assert result.selectors == old
            return
        assert result.state in (NEEDS_CHECK, ANCHORED)
        found = result.selectors
        assert edited[found.start : found.end] == found.exact
        assert edit_distance(found.exact, old.exact) <= len(old.exact) // 4
        # The match overlaps where the edited quote stands, not some other words.
        quote_start = len(before) + 1
        assert found.start < quote_start + len(new_quote)
        assert found.end > quote_start
        if result.state == ANCHORED:
            assert found.exact == old.exact


@pytest.mark.django_db
class TestArticleEdits:
    def test_demo_percentage_edit_needs_check(self, demo: Article) -> None:
        """98.05% -> 98.1%: the claim follows the edited sentence, needs a check
        and keeps its review."""
        claim = Claim.objects.get(quote__contains="98.05%")
        review_claim(
            claim.pk,
            status=Claim.Status.CONTEXTUALIZED,
            note="Partial counts.",
            actor=None,
            expected_version=claim.version,
        )
        edit_text(demo, body=demo.body.replace("98.05%", "98.1%"))
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.NEEDS_CHECK
        assert claim.quote.startswith("With 16% of ballots counted in Donetsk")
        assert "98.1% and 97.79%" in claim.quote
        assert demo.plain_text[claim.start : claim.end] == claim.quote
        assert claim.status == Claim.Status.CONTEXTUALIZED
        event = claim.events.filter(kind=ReviewEvent.Kind.ANCHOR).get()
        assert (event.old_anchor_state, event.new_anchor_state) == (
            "anchored",
            "needs_check",
        )
        assert "98.05%" in event.old_quote
        assert "98.1%" in event.new_quote

    def test_demo_deleting_kuleba_orphans_his_claim(self, demo: Article) -> None:
        """Deleting Kuleba's quote leaves that claim orphaned, listed, with its last quote."""
        claim = Claim.objects.get(speaker="Ukrainian Foreign Minister Dmytro Kuleba")
        last_quote = claim.quote
        paragraph = demo.body.split("\n\n")[-1]
        edit_text(demo, body=demo.body.replace("\n\n" + paragraph, ""))
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.ORPHANED
        assert claim.quote == last_quote
        assert Claim.objects.filter(article=demo).count() == 9
        assert set(
            Claim.objects.exclude(pk=claim.pk).values_list("anchor_state", flat=True)
        ) == {"anchored"}

    def test_a_bare_update_of_the_body_is_refused(self, demo: Article) -> None:
        """A body changed by a queryset update, bypassing re-anchoring, is refused."""
        with pytest.raises(ProtectedWrite, match="body"):
            Article.objects.filter(pk=demo.pk).update(
                body="Intro paragraph.\n\n" + demo.body
            )
        demo.refresh_from_db()
        for claim in Claim.objects.filter(article=demo):
            assert demo.plain_text[claim.start : claim.end] == claim.quote

    def test_shift_only_is_not_logged(self, demo: Article) -> None:
        """A paragraph added at the top moves offsets without cluttering histories."""
        versions = dict(Claim.objects.values_list("pk", "version"))
        edit_text(demo, body="Intro paragraph.\n\n" + demo.body)
        assert dict(Claim.objects.values_list("pk", "version")) == versions
        assert not ReviewEvent.objects.filter(kind=ReviewEvent.Kind.ANCHOR).exists()

    @settings(
        max_examples=examples(25, 200),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def test_no_edit_reduces_the_number_of_claims(
        self, demo: Article, data: st.DataObject
    ) -> None:
        """Whatever is cut, pasted or typed, every claim is still there afterwards."""
        body = demo.body
        for _ in range(data.draw(st.integers(1, 4))):
            start = data.draw(st.integers(0, len(body)))
            stop = data.draw(st.integers(start, min(len(body), start + 400)))
            # Validation refuses NUL and lone surrogates before a body gets here.
            typed = st.text(
                st.characters(exclude_characters="\x00", exclude_categories=["Cs"]),
                max_size=30,
            )
            body = body[:start] + data.draw(typed) + body[stop:]
        with transaction.atomic():
            article = Article.objects.get(pk=demo.pk)
            edit_text(article, body=body)
            claims = list(Claim.objects.filter(article=article))
            assert len(claims) == 9
            for claim in claims:
                if claim.anchor_state != Claim.AnchorState.ORPHANED:
                    assert article.plain_text[claim.start : claim.end] == claim.quote
            transaction.set_rollback(True)

    def test_reattach_orphaned_claim(self, editor: User) -> None:
        """An editor re-attaches an orphaned claim to new words; history says so."""
        article = ArticleFactory.create(body="Officials said turnout was high.")
        claim = make_claim(article, "turnout was high")
        edit_text(article, body="Officials gave no figures.")
        claim.refresh_from_db()
        assert claim.anchor_state == ORPHANED
        reattach_claim(
            claim.pk,
            quote="gave no figures",
            actor=editor,
            expected_version=claim.version,
        )
        claim.refresh_from_db()
        assert (claim.anchor_state, claim.quote) == (ANCHORED, "gave no figures")
        assert claim.events.first().note == "Re-attached by an editor."  # type: ignore[union-attr]


def test_fuzzy_bound_uses_quarter_of_quote() -> None:
    """The bound is a quarter of the quote's length: 8 edits on a 32-character quote."""
    quote = "abcdefghijklmnopqrstuvwxyz012345"
    text = f"start {quote} end"
    old = claim_on(text, quote)
    within = quote[:8] + "########" + quote[16:]
    beyond = quote[:8] + "#########" + quote[17:] + "#"
    assert reanchor(f"start {within} end", old).state == NEEDS_CHECK
    assert anchoring.edit_distance(beyond, quote) > 8
    assert reanchor(f"start {beyond} end", old).state == ORPHANED
