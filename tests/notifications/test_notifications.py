"""Each kind of notification reaches the right people, in the desk and by
e-mail as each person chose; nobody hears of their own act or of a change
that was rolled back."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from articles.editing import edit_article
from articles.models import Article
from articles.services import send_back_article, submit_article
from claims.services import review_claim
from notifications.models import Kind, Notification
from notifications.services import email_kinds, mark_read, set_email_kinds
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

BODY = "Exports reached 120,000 tonnes, the ministry said. Prices rose."


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run what the services leave for the commit (the e-mail tasks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def draft(reporter: User) -> Article:
    return ArticleFactory.create(
        status=Article.Status.DRAFT, published_at=None, created_by=reporter, body=BODY
    )


def told(user: User, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


def mailed_to(user: User) -> list[Any]:
    return [message for message in mail.outbox if user.email in message.to]


def test_a_submission_is_told_to_every_editor_by_their_choice(
    run_on_commit: Any,
    draft: Article,
    reporter: User,
    editor: User,
    second_editor: User,
) -> None:
    """Both editors see it in the desk; only the one who kept e-mail gets one."""
    set_email_kinds(second_editor, [Kind.SENT_BACK])
    with run_on_commit():
        submit_article(draft.pk, actor=reporter, comment="Ready.")
    for person in (editor, second_editor):
        [note] = told(person, Kind.SUBMITTED)
        assert draft.headline in note.title
        assert note.get_absolute_url() == f"/admin/articles/article/{draft.pk}/change/"
    assert not Notification.objects.filter(recipient=reporter).exists()
    [message] = mailed_to(editor)
    assert draft.headline in message.subject
    assert f"/admin/articles/article/{draft.pk}/change/" in message.body
    assert mailed_to(second_editor) == []
    assert told(editor, Kind.SUBMITTED)[0].emailed_at is not None


def test_a_story_sent_back_tells_its_reporter_why(
    run_on_commit: Any, draft: Article, reporter: User, editor: User
) -> None:
    with run_on_commit():
        submit_article(draft.pk, actor=reporter)
        send_back_article(draft.pk, actor=editor, comment="Name the second source.")
    [note] = told(reporter, Kind.SENT_BACK)
    assert note.text == "Name the second source."
    assert note.actor == editor
    [message] = mailed_to(reporter)
    assert "Sent back to you" in message.subject
    assert "Name the second source." in message.body


def test_a_claim_disputed_or_given_context_is_told_to_the_stories_reporter(
    run_on_commit: Any, draft: Article, reporter: User, editor: User
) -> None:
    """Disputed and contextualized are told; verified is not."""
    exports = make_claim(draft, "Exports reached 120,000 tonnes")
    prices = make_claim(draft, "Prices rose.")
    with run_on_commit():
        review_claim(prices.pk, status="verified", actor=editor, expected_version=1)
        review_claim(
            exports.pk,
            status="disputed",
            note="Customs data show 90,000.",
            disputed_by="Customs service",
            actor=editor,
            expected_version=1,
        )
    [note] = told(reporter, Kind.CLAIM_REVIEWED)
    assert "Disputed" in note.title
    assert "Exports reached 120,000 tonnes" in note.title
    assert note.text == "Customs data show 90,000."
    assert note.get_absolute_url() == f"/admin/claims/claim/{exports.pk}/change/"
    assert len(mailed_to(reporter)) == 1


def test_a_review_changed_by_someone_else_is_told_to_its_reviewer(
    run_on_commit: Any, draft: Article, editor: User, second_editor: User
) -> None:
    claim = make_claim(draft, "Prices rose.")
    with run_on_commit():
        review_claim(claim.pk, status="verified", actor=editor, expected_version=1)
        review_claim(
            claim.pk,
            status="contextualized",
            note="Only in the capital.",
            actor=second_editor,
            expected_version=2,
        )
        # Changing one's own review again tells nobody of it.
        review_claim(
            claim.pk, status="verified", actor=second_editor, expected_version=3
        )
    [note] = told(editor, Kind.REVIEW_CHANGED)
    assert "Context added" in note.title
    assert note.actor == second_editor
    assert told(second_editor, Kind.REVIEW_CHANGED) == []


def test_a_reviewed_claims_words_changed_is_told_to_its_reviewer(
    run_on_commit: Any, draft: Article, reporter: User, editor: User
) -> None:
    """Changing a verified claim's words tells its reviewer; an unreviewed
    claim's, or an edit elsewhere, tells nobody."""
    verified = make_claim(draft, "Exports reached 120,000 tonnes")
    make_claim(draft, "Prices rose.")
    review_claim(verified.pk, status="verified", actor=editor, expected_version=1)
    with run_on_commit():
        edit_article(draft.pk, actor=reporter, body=BODY + " Nothing else.")
    assert not Notification.objects.filter(kind=Kind.WORDS_CHANGED).exists()
    with run_on_commit():
        edit_article(
            draft.pk,
            actor=reporter,
            body=BODY.replace("120,000", "102,000").replace("rose", "rise"),
        )
    [note] = Notification.objects.filter(kind=Kind.WORDS_CHANGED)
    assert note.recipient == editor
    assert "102,000" in note.title
    assert "120,000" in note.text
    assert len(mailed_to(editor)) == 1


def test_a_change_that_is_rolled_back_tells_nobody(
    run_on_commit: Any, draft: Article, reporter: User, editor: User
) -> None:
    """A submission undone by a failure later in the same transaction."""

    def submit_then_fail() -> None:
        with transaction.atomic():
            submit_article(draft.pk, actor=reporter)
            assert Notification.objects.filter(recipient=editor).exists()
            raise RuntimeError("the rest of the change failed")

    with run_on_commit(), pytest.raises(RuntimeError):
        submit_then_fail()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_preferences_and_reading(
    run_on_commit: Any, draft: Article, reporter: User, editor: User
) -> None:
    assert email_kinds(editor) == set(Kind.values)
    set_email_kinds(editor, [Kind.WORDS_CHANGED])
    assert email_kinds(editor) == {Kind.WORDS_CHANGED}
    with pytest.raises(ValidationError, match="Unknown kinds"):
        set_email_kinds(editor, ["everything"])
    with run_on_commit():
        submit_article(draft.pk, actor=reporter)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=editor).unread().count() == 1
    assert mark_read(reporter) == 0
    assert mark_read(editor) == 1
    assert not Notification.objects.unread().exists()
