"""Confirmed repeats form a group with one review, reaching every story."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.test import TestCase

from articles.models import Article, ArticleRevision
from articles.services import record_revision
from claims import group_review, groups
from claims.models import Agency, Claim, ClaimGroup, ClaimMatch, ReviewEvent
from claims.services import StaleReview, review_claim
from notifications.models import Kind, Notification
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    confirm_as_one_group,
    make_claim,
)

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Zaporizhzhia reached 61% by Tuesday evening, officials said"


@pytest.fixture
def ria() -> Agency:
    return AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")


def published(sentence: str, agency: Agency) -> Claim:
    return make_claim(
        ArticleFactory.create(body=f"{sentence}.\n\nOther matters followed."),
        sentence,
        agency=agency,
    )


def draft(sentence: str, agency: Agency) -> Claim:
    return make_claim(
        ArticleFactory.create(
            body=f"{sentence}.\n\nOther matters followed.",
            status=Article.Status.DRAFT,
            published_at=None,
        ),
        sentence,
        agency=agency,
    )


def dispute(claim: Claim, actor: User | None, note: str = "Counts differ.") -> Claim:
    claim.refresh_from_db()
    return review_claim(
        claim.pk,
        status=Claim.Status.DISPUTED,
        note=note,
        disputed_by="Ukraine's election observers",
        actor=actor,
        expected_version=claim.version,
    )


def entries(claim: Claim) -> list[str]:
    return [
        r.change_note for r in Article.objects.get(pk=claim.article_id).corrections()
    ]


class TestConfirm:
    def test_confirming_makes_one_group(self, ria: Agency, editor: User) -> None:
        """Confirming a proposed repeat puts both claims in one group."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        group = groups.confirm_match(second.pk, first.pk, actor=editor)
        assert set(group.claims.values_list("pk", flat=True)) == {first.pk, second.pk}
        pair = ClaimMatch.objects.get()
        assert pair.state == ClaimMatch.State.CONFIRMED
        assert pair.decided_by == editor

    def test_the_reviewed_sides_review_is_the_groups(
        self, ria: Agency, editor: User
    ) -> None:
        """An unreviewed claim joining takes the group's review, with its own
        history entry, and its published story is told."""
        first = dispute(published(TURNOUT, ria), editor)
        second = published(TURNOUT, ria)
        groups.confirm_match(second.pk, first.pk, actor=editor)
        second.refresh_from_db()
        assert (second.status, second.note) == (first.status, first.note)
        assert second.events.filter(kind=ReviewEvent.Kind.REVIEW).count() == 1
        assert entries(second) == [
            f"A claim in this story is now disputed: \u201c{TURNOUT}\u201d. "
            "Disputed by Ukraine's election observers. Counts differ."
        ]

    def test_two_different_reviews_are_refused(self, ria: Agency, editor: User) -> None:
        """A group holds one review: two different ones are settled first."""
        first = dispute(published(TURNOUT, ria), editor)
        second = published(TURNOUT, ria)
        review_claim(
            second.pk,
            status=Claim.Status.VERIFIED,
            actor=editor,
            expected_version=second.version,
        )
        with pytest.raises(ValidationError, match="reviewed differently"):
            groups.confirm_match(first.pk, second.pk, actor=editor)
        assert not ClaimGroup.objects.exists()

    @pytest.mark.parametrize(
        ("one", "other", "reason"),
        [
            (TURNOUT, TURNOUT.replace("61%", "16%"), "different figures"),
            (
                "Moscow will recognise the results of the votes",
                "Moscow will not recognise the results of the votes",
                "negation",
            ),
        ],
        ids=["61-vs-16", "will-vs-will-not"],
    )
    def test_near_misses_are_never_confirmed(
        self, ria: Agency, editor: User, one: str, other: str, reason: str
    ) -> None:
        """A different figure or a "not" is never the same claim, even if asked."""
        first, second = published(one, ria), published(other, ria)
        with pytest.raises(ValidationError, match=reason):
            groups.confirm_match(first.pk, second.pk, actor=editor)
        assert not ClaimGroup.objects.exists()

    def test_another_agency_is_never_confirmed(self, ria: Agency, editor: User) -> None:
        """TASS against RIA Novosti: refused, though the words are the same."""
        tass = AgencyFactory.create(name="TASS", slug="tass")
        first, second = published(TURNOUT, ria), published(TURNOUT, tass)
        with pytest.raises(ValidationError, match="different sources"):
            groups.confirm_match(first.pk, second.pk, actor=editor)

    def test_reporters_may_not_confirm(self, ria: Agency, reporter: User) -> None:
        """Only editors decide what is the same claim."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        with pytest.raises(PermissionDenied):
            groups.confirm_match(first.pk, second.pk, actor=reporter)

    def test_groups_merge(self, ria: Agency, editor: User) -> None:
        """Confirming members of two groups makes one group of all of them."""
        a, b, c, d = (published(TURNOUT, ria) for _ in range(4))
        groups.confirm_match(a.pk, b.pk, actor=editor)
        groups.confirm_match(c.pk, d.pk, actor=editor)
        group = groups.confirm_match(b.pk, c.pk, actor=editor)
        assert group.claims.count() == 4
        assert ClaimGroup.objects.count() == 1


class TestGroupReview:
    def test_reviewing_one_member_reviews_all(
        self, ria: Agency, editor: User, reporter: User
    ) -> None:
        """One review, one history entry per claim, a correction entry in each
        published story and none in a draft; each published story's reporter
        is told, in the words of the story's claim."""
        first, second = published(TURNOUT, ria), draft(TURNOUT, ria)
        third = published(TURNOUT, ria)
        Article.objects.filter(pk__in=[first.article_id, second.article_id]).update(
            created_by=reporter
        )
        groups.confirm_match(first.pk, second.pk, actor=editor)
        groups.confirm_match(first.pk, third.pk, actor=editor)
        with TestCase.captureOnCommitCallbacks(execute=True):
            dispute(second, editor)
        for claim in (first, second, third):
            claim.refresh_from_db()
            assert claim.status == Claim.Status.DISPUTED
            event = claim.events.get(kind=ReviewEvent.Kind.REVIEW)
            assert (event.old_status, event.new_status, event.actor) == (
                Claim.Status.UNREVIEWED,
                Claim.Status.DISPUTED,
                editor,
            )
        assert len(entries(first)) == len(entries(third)) == 1
        assert entries(second) == []
        group = ClaimGroup.objects.get()
        assert (group.status, group.reviewed_by) == (Claim.Status.DISPUTED, editor)
        # The draft's reporter hears nothing of a story readers do not see.
        (told,) = Notification.objects.filter(
            kind=Kind.CLAIM_REVIEWED, target_label="articles.article"
        )
        assert (told.recipient, told.target_id) == (reporter, first.article_id)
        assert told.title == (
            "A claim your story shares with other stories was reviewed "
            f"(Disputed): “{TURNOUT}”"
        )
        assert told.text == entries(first)[0]

    def test_a_stale_member_is_refused(self, ria: Agency, editor: User) -> None:
        """A stale version of the member sent is refused, and nothing changes."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        groups.confirm_match(first.pk, second.pk, actor=editor)
        with pytest.raises(StaleReview):
            review_claim(
                first.pk,
                status=Claim.Status.VERIFIED,
                actor=editor,
                expected_version=first.version - 1 if first.version > 1 else 99,
            )
        assert not ReviewEvent.objects.filter(kind=ReviewEvent.Kind.REVIEW).exists()

    def test_a_note_change_keeps_the_stories_as_they_are(
        self, ria: Agency, editor: User
    ) -> None:
        """Only a changed verdict adds an entry: a new note alone does not."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        groups.confirm_match(first.pk, second.pk, actor=editor)
        dispute(first, editor)
        dispute(first, editor, note="Counts differ, the commission says.")
        second.refresh_from_db()
        assert second.note == "Counts differ, the commission says."
        assert len(entries(second)) == 1


class TestLeaving:
    def test_a_member_leaves_with_its_review(self, ria: Agency, editor: User) -> None:
        """A member that leaves keeps the group's review; later reviews are its own."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        third = published(TURNOUT, ria)
        groups.confirm_match(first.pk, second.pk, actor=editor)
        groups.confirm_match(first.pk, third.pk, actor=editor)
        dispute(first, editor)
        groups.leave_group(third.pk, actor=editor)
        third.refresh_from_db()
        assert (third.group_id, third.status) == (None, Claim.Status.DISPUTED)
        review_claim(
            first.pk,
            status=Claim.Status.VERIFIED,
            note="",
            actor=editor,
            expected_version=Claim.objects.get(pk=first.pk).version,
        )
        third.refresh_from_db()
        second.refresh_from_db()
        assert third.status == Claim.Status.DISPUTED
        assert second.status == Claim.Status.VERIFIED
        assert ClaimMatch.objects.get(first_id=first.pk, second_id=third.pk).state == (
            ClaimMatch.State.REJECTED
        )

    def test_a_group_of_one_is_dissolved(self, ria: Agency, editor: User) -> None:
        """When one of two leaves, the other is alone, and in no group."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        groups.confirm_match(first.pk, second.pk, actor=editor)
        groups.leave_group(second.pk, actor=editor)
        assert not ClaimGroup.objects.exists()
        assert Claim.objects.filter(group__isnull=False).count() == 0

    def test_rejecting_is_remembered(self, ria: Agency, editor: User) -> None:
        """A rejected repeat stays rejected, and a claim found later is still
        proposed."""
        first, second = published(TURNOUT, ria), published(TURNOUT, ria)
        pair = groups.reject_match(second.pk, first.pk, actor=editor)
        assert pair.state == ClaimMatch.State.REJECTED
        published(TURNOUT, ria)
        assert ClaimMatch.objects.filter(state=ClaimMatch.State.PENDING).count() == 2
        assert ClaimMatch.objects.get(pk=pair.pk).state == ClaimMatch.State.REJECTED


class TestLargeGroup:
    SIZE = 100

    def test_a_review_of_100_members_is_one_transaction(
        self, ria: Agency, editor: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Should the last story's entry fail, no member of 100 is reviewed and
        no story gains an entry; without the failure, all 100 are, at once."""
        members = [published(TURNOUT, ria) for _ in range(self.SIZE)]
        confirm_as_one_group(members, actor=editor)
        written: list[int] = []

        def failing_last(article: Article, **fields: object) -> ArticleRevision:
            written.append(article.pk)
            if len(written) == self.SIZE:
                raise DatabaseError("The disk is full.")
            return record_revision(article, **fields)  # type: ignore[arg-type]

        monkeypatch.setattr(group_review, "record_revision", failing_last)
        with pytest.raises(DatabaseError):
            dispute(members[50], editor)
        assert len(written) == self.SIZE
        assert not Claim.objects.exclude(status=Claim.Status.UNREVIEWED).exists()
        assert not ReviewEvent.objects.filter(kind=ReviewEvent.Kind.REVIEW).exists()
        assert not ArticleRevision.objects.filter(
            change_kind=ArticleRevision.ChangeKind.UPDATE
        ).exists()
        assert ClaimGroup.objects.get().status == Claim.Status.UNREVIEWED
        monkeypatch.undo()
        dispute(members[50], editor)
        assert Claim.objects.filter(status=Claim.Status.DISPUTED).count() == self.SIZE
        assert ReviewEvent.objects.filter(kind=ReviewEvent.Kind.REVIEW).count() == (
            self.SIZE
        )
        assert ArticleRevision.objects.filter(
            change_kind=ArticleRevision.ChangeKind.UPDATE
        ).count() == (self.SIZE)
