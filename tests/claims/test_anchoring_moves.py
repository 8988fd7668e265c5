"""Re-anchoring never hides a move: a claim stays anchored only where the edit
put its own text, and every other outcome is in its history."""

import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from claims.anchoring import (
    ANCHORED,
    NEEDS_CHECK,
    Selectors,
    locate,
    reanchor,
)
from claims.edits import EditMap
from claims.models import Claim, ReviewEvent
from claims.services import create_claim
from tests.factories import AgencyFactory, ArticleFactory, edit_text
from tests.search_depth import examples

# A small vocabulary, so that sentences and paragraphs repeat and look alike.
WORDS = ["the", "vote", "was", "free", "fair", "said", "kyiv", "tass", "ria", "not"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=6).map(
    lambda words: " ".join(words).capitalize() + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@st.composite
def edited(draw: st.DrawFn, paragraphs: list[str]) -> list[str]:
    """The paragraphs after a few random edits of the kinds reporters make."""
    paragraphs = list(paragraphs)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(["duplicate", "delete", "insert", "swap", "reword"])
        )
        at = draw(st.integers(0, len(paragraphs) - 1))
        if kind == "duplicate":
            to = draw(st.integers(0, len(paragraphs)))
            paragraphs.insert(to, paragraphs[at])
        elif kind == "delete" and len(paragraphs) > 1:
            del paragraphs[at]
        elif kind == "insert":
            paragraphs.insert(at, draw(PARAGRAPH))
        elif kind == "swap":
            other = draw(st.integers(0, len(paragraphs) - 1))
            paragraphs[at], paragraphs[other] = paragraphs[other], paragraphs[at]
        else:
            words = paragraphs[at].split(" ")
            index = draw(st.integers(0, len(words) - 1))
            words[index] = draw(st.sampled_from([*WORDS, "fraudulent", "98%"]))
            paragraphs[at] = " ".join(words)
    return paragraphs


@pytest.mark.django_db
class TestMovesThroughTheServices:
    @settings(
        max_examples=examples(40, 300),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data(), paragraphs=st.lists(PARAGRAPH, min_size=2, max_size=5))
    def test_anchored_only_where_its_own_text_went(
        self, data: st.DataObject, paragraphs: list[str]
    ) -> None:
        """Duplicating, deleting, inserting, swapping and rewording paragraphs
        never leaves a claim anchored away from where the edit carried its
        text; every other outcome bumps its version and writes an event."""
        with transaction.atomic():
            agency = AgencyFactory.create()
            article = ArticleFactory.create(body="\n\n".join(paragraphs))
            text = article.plain_text
            sentences = sorted(
                {s.strip() for p in paragraphs for s in re.findall(r"[^.]+\.", p)}
            )
            unique = [s for s in sentences if text.count(s) == 1]
            quotes = data.draw(
                st.lists(st.sampled_from(unique), max_size=3, unique=True)
                if unique
                else st.just([])
            )
            claims = [
                create_claim(article, quote=quote, agency=agency) for quote in quotes
            ]
            before = {claim.pk: (claim.selectors, claim.version) for claim in claims}

            edit_text(article, body="\n\n".join(data.draw(edited(paragraphs))))

            new_text = Article.objects.get(pk=article.pk).plain_text
            edits = EditMap(text, new_text)
            for claim in Claim.objects.filter(article=article):
                old, version = before[claim.pk]
                went = edits.map(old.start)
                stayed = (
                    claim.anchor_state == ANCHORED
                    and claim.start == went
                    and claim.quote == old.exact
                )
                # A passage that moved whole, its words once in the text
                # before and after, is still the same claim.
                moved_whole = (
                    claim.quote == old.exact
                    and new_text.count(old.exact) == 1
                    and not edits.kept_in_place(old.start, old.end)
                )
                if claim.anchor_state == ANCHORED and not stayed:
                    assert moved_whole, (old, claim.selectors)
                if claim.anchor_state != "orphaned":
                    assert new_text[claim.start : claim.end] == claim.quote
                events = claim.events.filter(kind=ReviewEvent.Kind.ANCHOR)
                # Every version bump is an event, and every move is both.
                assert events.count() == claim.version - version
                if not stayed:
                    assert claim.version == version + 1
                    event = events.get()
                    assert event.old_quote == old.exact
                    assert event.new_anchor_state == claim.anchor_state
            transaction.set_rollback(True)


def claim_on(text: str, quote: str) -> Selectors:
    return locate(text, quote)


class TestMoves:
    def test_own_passage_edited_copy_elsewhere_needs_check(self) -> None:
        """The claim's sentence is reworded, an identical copy survives in a
        duplicated paragraph further down: the claim may follow the copy, but
        not silently."""
        claimed = "Officials said the vote was fair and free."
        text = f"Opening remarks came first.\n\n{claimed}\n\nKyiv disagreed."
        old = claim_on(text, "the vote was fair and free")
        edited = text.replace("fair and free", "fair, mostly,") + f"\n\n{claimed}"
        edits = EditMap(text, edited)
        # The edit put the claim's words where the reworded sentence now is.
        assert edited[edits.map(old.start) :].startswith("the vote was fair, mostly")
        result = reanchor(edited, old, edits=edits)
        assert result.state == NEEDS_CHECK
        assert result.moved
        assert result.selectors.start == edited.rindex("the vote was fair and free")
        # Without the edit's record, the same copy would have been trusted.
        assert reanchor(edited, old).state == ANCHORED

    def test_swapped_paragraphs_stay_anchored(self) -> None:
        """Paragraphs swapped, no word changed: the claim in the paragraph the
        diff sees as moved follows its words and stays anchored; both are
        logged (a move, and new neighbours on both sides)."""
        first = "RIA Novosti reported that 98% backed the move, officials said."
        second = "Kyiv said the vote was a sham."
        text = f"{first}\n\n{second}"
        edited = f"{second}\n\n{first}"
        edits = EditMap(text, edited)
        states = set()
        for quote in ("98% backed the move", "the vote was a sham"):
            old = claim_on(text, quote)
            result = reanchor(edited, old, edits=edits)
            assert edited[result.selectors.start : result.selectors.end] == quote
            states.add((result.state, result.moved))
        assert states == {(ANCHORED, True)}

    def test_edited_passage_whose_words_occur_twice_needs_check(self) -> None:
        """The claim's sentence is edited and its words now stand twice
        elsewhere: which one is the claim is an editor's call."""
        claimed = "Officials said the vote was fair and free."
        text = f"Opening remarks came first.\n\n{claimed}\n\nKyiv disagreed."
        old = claim_on(text, "the vote was fair and free")
        edited = (
            text.replace("fair and free", "fair, mostly,")
            + f"\n\n{claimed}\n\nAgain: {claimed}"
        )
        result = reanchor(edited, old, edits=EditMap(text, edited))
        assert (result.state, result.moved, result.method) == (
            NEEDS_CHECK,
            True,
            "quote",
        )

    def test_moved_passage_whose_words_occur_twice_needs_check(self) -> None:
        """A paragraph moved whole, but its words now occur twice: flagged."""
        first = "RIA Novosti reported that 98% backed the move."
        second = "Kyiv said the vote was a sham."
        text = f"{first}\n\n{second}"
        old = claim_on(text, "the vote was a sham")
        edited = f"{second} Again: the vote was a sham.\n\n{first}"
        edits = EditMap(text, edited)
        assert not edits.kept_in_place(old.start, old.end)
        result = reanchor(edited, old, edits=edits)
        assert result.state == NEEDS_CHECK

    def test_shift_stays_silent(self) -> None:
        """Text added before the claim moves its offsets only: no history line."""
        text = "Officials said the vote was fair."
        old = claim_on(text, "the vote was fair")
        edited = "Update: counting continues.\n\n" + text
        result = reanchor(edited, old, edits=EditMap(text, edited))
        assert (result.state, result.moved) == (ANCHORED, False)
        assert result.selectors.start == old.start + len(
            "Update: counting continues.\n\n"
        )


@pytest.mark.django_db
def test_article_edit_logs_the_move_and_bumps_the_version() -> None:
    """Through a save: the moved claim needs a check, has a new version and a
    history line saying its passage now stands elsewhere."""
    claimed = "Officials said the vote was fair and free."
    article = ArticleFactory.create(
        body=f"Opening remarks came first.\n\n{claimed}\n\nKyiv disagreed."
    )
    claim = create_claim(
        article, quote="the vote was fair and free", agency=AgencyFactory.create()
    )
    edit_text(
        article,
        body=article.body.replace("fair and free", "fair, mostly,") + f"\n\n{claimed}",
    )
    claim.refresh_from_db()
    assert claim.anchor_state == NEEDS_CHECK
    assert claim.version == 2
    assert article.plain_text[claim.start : claim.end] == "the vote was fair and free"
    event = claim.events.get(kind=ReviewEvent.Kind.ANCHOR)
    assert (event.old_anchor_state, event.new_anchor_state) == (ANCHORED, NEEDS_CHECK)
    assert event.version == 2
    assert "elsewhere" in event.note


@pytest.mark.django_db
@pytest.mark.parametrize("first", range(2, 9))
def test_swapping_demo_paragraphs_keeps_every_claim(demo: Article, first: int) -> None:
    """Two neighbouring claimed paragraphs of the demo story swapped, no word changed:
    every claim stays anchored on its words; the one that moved has a move
    event and a new version, and readers' verdicts are untouched."""
    before = {
        claim.pk: (claim.quote, claim.version, claim.status)
        for claim in Claim.objects.filter(article=demo)
    }
    paragraphs = demo.body.split("\n\n")
    paragraphs[first], paragraphs[first + 1] = paragraphs[first + 1], paragraphs[first]
    edit_text(demo, body="\n\n".join(paragraphs))
    moves = 0
    for claim in Claim.objects.filter(article=demo):
        quote, version, status = before[claim.pk]
        assert claim.anchor_state == ANCHORED, claim.quote
        assert demo.plain_text[claim.start : claim.end] == quote
        assert claim.status == status
        move = claim.events.filter(kind=ReviewEvent.Kind.ANCHOR).first()
        if move is not None:
            assert claim.version == version + 1
            assert move.new_anchor_state == ANCHORED
            moves += 1 if "moved, unchanged" in move.note else 0
    assert moves >= 1
