"""The publishing requests refuse wrong JSON types naming the field; a
reviewed claim whose words changed says so in every claim answer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim
from tests.factories import ArticleFactory, edit_text, make_claim
from tests.pages.conftest import review


@pytest.fixture
def draft(db: None) -> Article:
    return ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)


@pytest.mark.parametrize("at", [1767225600, ["2030-01-01T00:00:00Z"], {"at": 1}, True])
def test_publish_at_that_is_no_string_is_a_400_naming_it(
    draft: Article, editor_client: APIClient, at: object
) -> None:
    """A number, a list or an object as ``at`` is refused, not a 500, and the
    story stays a draft."""
    response = editor_client.post(
        f"/api/articles/{draft.slug}/publish/", {"at": at, "confirm": True}
    )
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["at"][0]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_publish_at_as_a_string_still_schedules(
    draft: Article, editor_client: APIClient
) -> None:
    """The strict check leaves a well-formed time alone."""
    at = (timezone.now() + timedelta(days=1)).isoformat()
    response = editor_client.post(
        f"/api/articles/{draft.slug}/publish/", {"at": at, "confirm": True}
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.publish_at is not None


@pytest.mark.parametrize("reason", [5, ["lifted"], {"why": "x"}])
def test_a_lift_reason_that_is_no_string_is_a_400_naming_it(
    draft: Article, editor_client: APIClient, reason: object
) -> None:
    """An embargo's early lift refuses a reason of the wrong type by name."""
    at = (timezone.now() + timedelta(days=1)).isoformat()
    editor_client.post(
        f"/api/articles/{draft.slug}/publish/", {"at": at, "confirm": True}
    )
    response = editor_client.post(
        f"/api/articles/{draft.slug}/lift-embargo/", {"reason": reason}
    )
    assert response.status_code == 400
    assert response.json()["reason"] == ["Give a string."]
    draft.refresh_from_db()
    assert draft.publish_at is not None
    assert draft.publish_at > timezone.now()


def test_claim_answers_say_under_review_again_when_words_changed(
    db: None, anonymous_client: APIClient
) -> None:
    """After a correction inside a verified claim's words, the claim's answer,
    the list and the article's detail say it is under review again, since
    when, as readers see it; an untouched verified claim does not."""
    article = ArticleFactory.create(
        body="Exports reached 120,000 tonnes. Imports fell to 40,000 tonnes."
    )
    changed = review(
        make_claim(article, "Exports reached 120,000 tonnes"), Claim.Status.VERIFIED
    )
    kept = review(
        make_claim(article, "Imports fell to 40,000 tonnes"), Claim.Status.VERIFIED
    )
    edit_text(article, body=article.body.replace("120,000", "102,000"))
    changed.refresh_from_db()
    assert changed.words_changed_at is not None

    one = anonymous_client.get(f"/api/claims/{changed.pk}/").json()
    assert one["under_review_again"] is True
    assert one["reader_status"] == "under_review"
    assert one["status"] == "verified"
    assert one["words_changed_at"] is not None
    detail = anonymous_client.get(f"/api/articles/{article.slug}/").json()
    by_id = {claim["id"]: claim for claim in detail["claims"]}
    assert by_id[changed.pk]["under_review_again"] is True
    assert by_id[kept.pk]["under_review_again"] is False
    assert by_id[kept.pk]["reader_status"] == "verified"
    assert by_id[kept.pk]["words_changed_at"] is None
    listed = anonymous_client.get("/api/claims/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {row["id"]: row["under_review_again"] for row in rows} == {
        changed.pk: True,
        kept.pk: False,
    }
