"""The claim services: creating a claim from its quote, and reviewing it."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ReviewEvent
from claims.services import StaleReview, create_claim, review_claim
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

BODY = "The agency said *turnout* was high.\n\nLater the agency said turnout was high again."


class TestCreateClaim:
    def test_quote_found_once_stores_both_selectors(self) -> None:
        """A quote that occurs once is placed, with its position and its context."""
        article = ArticleFactory.create(body=BODY)
        claim = make_claim(article, "turnout was high again")
        assert article.plain_text[claim.start : claim.end] == "turnout was high again"
        assert (
            claim.prefix == article.plain_text[max(0, claim.start - 32) : claim.start]
        )
        assert claim.prefix.endswith("the agency said ")
        assert claim.suffix == "."
        assert claim.anchor_state == Claim.AnchorState.ANCHORED

    def test_quote_spanning_emphasis_is_found_in_plain_text(self) -> None:
        """Markup is not part of the text: "*turnout*" is quoted as "turnout"."""
        article = ArticleFactory.create(body=BODY)
        claim = make_claim(article, "said turnout was high.")
        assert claim.start == article.plain_text.index("said turnout")

    def test_missing_quote_is_refused(self) -> None:
        """A quote that is not in the text is refused, saying so, and nothing is saved."""
        article = ArticleFactory.create(body=BODY)
        with pytest.raises(ValidationError) as error:
            make_claim(article, "turnout was low")
        assert (
            "does not occur in the article's text"
            in error.value.message_dict["quote"][0]
        )
        assert not Claim.objects.exists()

    def test_ambiguous_quote_needs_a_position(self) -> None:
        """A quote that occurs twice is refused without a position, naming both."""
        article = ArticleFactory.create(body=BODY)
        with pytest.raises(ValidationError) as error:
            make_claim(article, "turnout was high")
        message = error.value.message_dict["quote"][0]
        assert "occurs 2 times" in message
        assert "give its position or occurrence" in message
        assert not Claim.objects.exists()

    def test_ambiguous_quote_with_occurrence_or_position(self) -> None:
        """An occurrence index (from 1) or a start position picks one."""
        article = ArticleFactory.create(body=BODY)
        agency = AgencyFactory.create()
        second = create_claim(
            article, quote="turnout was high", agency=agency, occurrence=2
        )
        assert second.start == article.plain_text.rindex("turnout was high")
        first = create_claim(
            article,
            quote="turnout was high",
            agency=agency,
            start=article.plain_text.index("turnout"),
        )
        assert first.start == article.plain_text.index("turnout")

    def test_wrong_position_is_refused(self) -> None:
        article = ArticleFactory.create(body=BODY)
        with pytest.raises(ValidationError, match="is not at position 3"):
            make_claim(article, "turnout was high", start=3)

    def test_reporter_may_create_a_claim(self, reporter: User) -> None:
        article = ArticleFactory.create(body=BODY)
        claim = make_claim(article, "turnout was high again", actor=reporter)
        assert claim.created_by == reporter


@pytest.fixture
def claim() -> Claim:
    return make_claim(ArticleFactory.create(body=BODY), "turnout was high again")


class TestReviewClaim:
    def test_dispute_logs_event_and_bumps_version(
        self, claim: Claim, editor: User
    ) -> None:
        """A review sets status and note, writes one event, and bumps the version."""
        reviewed = review_claim(
            claim.pk,
            status="disputed",
            note="  Turnout figures come from the occupying authorities.  ",
            disputed_by="Ukraine",
            actor=editor,
            expected_version=1,
        )
        claim.refresh_from_db()
        assert reviewed.version == claim.version == 2
        assert claim.status == "disputed"
        assert claim.note == "Turnout figures come from the occupying authorities."
        assert claim.reviewed_by == editor
        event = ReviewEvent.objects.get(claim=claim)
        assert (event.old_status, event.new_status, event.actor) == (
            "unreviewed",
            "disputed",
            editor,
        )
        assert event.version == 2

    def test_stale_version_is_refused_and_nothing_written(
        self, claim: Claim, editor: User, second_editor: User
    ) -> None:
        """A review against an older version fails, naming who changed it; nothing is written."""
        review_claim(claim.pk, status="verified", actor=editor, expected_version=1)
        with pytest.raises(
            StaleReview, match=r"changed by editor \(review\) since you opened it"
        ):
            review_claim(
                claim.pk,
                status="disputed",
                note="No.",
                disputed_by="Kyiv",
                actor=second_editor,
                expected_version=1,
            )
        claim.refresh_from_db()
        assert (claim.status, claim.version, claim.reviewed_by) == (
            "verified",
            2,
            editor,
        )
        assert ReviewEvent.objects.filter(claim=claim).count() == 1

    @pytest.mark.parametrize("status", ["disputed", "contextualized"])
    @pytest.mark.parametrize("note", ["", "   "])
    def test_note_is_required(
        self, claim: Claim, editor: User, status: str, note: str
    ) -> None:
        """Disputed and contextualized claims need a note; nothing is written without one."""
        with pytest.raises(ValidationError) as error:
            review_claim(
                claim.pk,
                status=status,
                note=note,
                disputed_by="Kyiv",
                actor=editor,
                expected_version=1,
            )
        assert "note" in error.value.message_dict
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("unreviewed", 1)
        assert not ReviewEvent.objects.exists()

    def test_dispute_needs_who_disputes(self, claim: Claim, editor: User) -> None:
        with pytest.raises(ValidationError) as error:
            review_claim(
                claim.pk,
                status="disputed",
                note="Wrong.",
                actor=editor,
                expected_version=1,
            )
        assert "disputed_by" in error.value.message_dict

    def test_unknown_status_is_refused(self, claim: Claim, editor: User) -> None:
        with pytest.raises(ValidationError, match="Unknown status"):
            review_claim(claim.pk, status="approved", actor=editor, expected_version=1)

    @pytest.mark.parametrize("status", ["unreviewed", "verified"])
    def test_same_status_is_refused(
        self, claim: Claim, editor: User, status: str
    ) -> None:
        """Reopening an unreviewed claim or verifying a verified one is refused."""
        if status == "verified":
            review_claim(claim.pk, status="verified", actor=editor, expected_version=1)
        claim.refresh_from_db()
        with pytest.raises(ValidationError, match="already"):
            review_claim(
                claim.pk, status=status, actor=editor, expected_version=claim.version
            )

    def test_reopen_clears_note(self, claim: Claim, editor: User) -> None:
        review_claim(
            claim.pk,
            status="contextualized",
            note="Context.",
            actor=editor,
            expected_version=1,
        )
        reopened = review_claim(
            claim.pk, status="unreviewed", actor=editor, expected_version=2
        )
        assert (reopened.status, reopened.note, reopened.version) == (
            "unreviewed",
            "",
            3,
        )
        assert list(
            ReviewEvent.objects.filter(claim=claim).values_list("new_status", flat=True)
        ) == [
            "unreviewed",
            "contextualized",
        ]

    def test_reporter_may_not_review(self, claim: Claim, reporter: User) -> None:
        """Reviewing is an editor's job; a reporter is refused and nothing changes."""
        with pytest.raises(PermissionDenied):
            review_claim(
                claim.pk, status="verified", actor=reporter, expected_version=1
            )
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("unreviewed", 1)


@pytest.mark.parametrize("note", ["Null \x00 byte", "Lone \ud800 surrogate"])
def test_unstorable_characters_in_a_note_are_refused(
    claim: Claim, editor: User, note: str
) -> None:
    """A note no database can store is refused as bad input, not a server error."""
    with pytest.raises(ValidationError) as error:
        review_claim(
            claim.pk,
            status="contextualized",
            note=note,
            actor=editor,
            expected_version=1,
        )
    assert "note" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.version == 1
