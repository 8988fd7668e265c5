"""Search and the agency index answer with an ETag and a public Cache-Control."""

import pytest
from django.test import Client

from articles.models import Article
from tests.pages.conftest import review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/search/?q=referendum", "/agencies/"])
def test_public_answer_carries_validators(
    client: Client, demo: Article, path: str
) -> None:
    """A reader's browser may keep the page, and revalidates it for a 304."""
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    again = client.get(path, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("path", ["/search/?q=referendum", "/agencies/"])
def test_a_review_changes_the_answer(client: Client, demo: Article, path: str) -> None:
    """After a review the old ETag no longer matches and the new verdict shows."""
    before = client.get(path)
    claim = demo.claims.get(quote__startswith="Preliminary results")
    assert claim.status == "disputed"
    review(claim, "verified")
    after = client.get(path, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.text != before.text
