"""Rules the database holds: an ORM update() that breaks one fails."""

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from claims.models import Agency, Claim, ReviewEvent
from claims.services import review_claim
from newsroom.writes import service_write
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim() -> Claim:
    article = ArticleFactory.create()
    return make_claim(article, "says hello")


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"start": 10, "end": 10, "quote": ""}, "claim_start_before_end"),
        ({"end": 99}, "claim_span_matches_quote"),
        ({"status": "approved"}, "claim_status_valid"),
        ({"anchor_state": "lost"}, "claim_anchor_state_valid"),
        (
            {"status": "disputed", "note": "", "disputed_by": "Kyiv"},
            "claim_reviewed_note_required",
        ),
        ({"status": "contextualized", "note": ""}, "claim_reviewed_note_required"),
        ({"status": "contextualized", "note": "  \n "}, "claim_reviewed_note_required"),
        (
            {"status": "disputed", "note": "Why.", "disputed_by": ""},
            "claim_disputed_by_required",
        ),
        ({"version": 0}, "claim_version_positive"),
    ],
)
def test_claim_update_breaking_a_rule_fails(
    claim: Claim, changes: dict[str, Any], constraint: str
) -> None:
    """The database refuses a claim that breaks one of its rules, and keeps the old row."""
    span = (claim.start, claim.end)
    # service_write() lets the update past the application's guard, so the
    # database's own rule is what refuses it.
    with (
        pytest.raises(IntegrityError, match=constraint),
        service_write(),
        transaction.atomic(),
    ):
        Claim.objects.filter(pk=claim.pk).update(**changes)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNREVIEWED
    assert (claim.start, claim.end) == span


def test_valid_reviewed_state_is_accepted(claim: Claim) -> None:
    """The same columns with a note pass: the constraints are not refusing everything."""
    with service_write():
        Claim.objects.filter(pk=claim.pk).update(
            status="disputed", note="Why.", disputed_by="Kyiv"
        )
    assert Claim.objects.get(pk=claim.pk).status == "disputed"


def test_slugs_are_unique() -> None:
    """Two agencies or two articles cannot share a slug."""
    AgencyFactory.create(slug="tass")
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(name="TASS again", slug="tass")
    ArticleFactory.create(slug="story")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory.create(slug="story")


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"status": "archived"}, "article_status_valid"),
        ({"published_at": None}, "article_published_has_date"),
    ],
)
def test_article_update_breaking_a_rule_fails(
    changes: dict[str, Any], constraint: str
) -> None:
    """An article's status stays in its vocabulary, and a published one has a date."""
    article = ArticleFactory.create()
    with (
        pytest.raises(IntegrityError, match=constraint),
        service_write(),
        transaction.atomic(),
    ):
        Article.objects.filter(pk=article.pk).update(**changes)


def test_review_events_are_append_only(claim: Claim) -> None:
    """A review event cannot be edited or deleted through the ORM."""
    review_claim(claim.pk, status="verified", actor=None, expected_version=1)
    event = ReviewEvent.objects.get(claim=claim)
    event.note = "rewritten"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        ReviewEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(TypeError, match="append-only"):
        ReviewEvent.objects.all().delete()
    assert ReviewEvent.objects.get(pk=event.pk).note == ""
