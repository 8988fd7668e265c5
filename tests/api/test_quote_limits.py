"""Quotes a claim may not have are refused through the API with a message."""

import pytest
from rest_framework.test import APIClient

from claims.anchoring import MAX_QUOTE_LENGTH
from claims.models import Claim
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_quote_over_the_limit_is_refused(reporter_client: APIClient) -> None:
    """A quote longer than the limit is 400 naming the limit; nothing is created."""
    words = " ".join(f"word{n}" for n in range(MAX_QUOTE_LENGTH // 4))
    article = ArticleFactory.create(slug="long", body=words)
    AgencyFactory.create(slug="tass")
    too_long = article.plain_text[: MAX_QUOTE_LENGTH + 1]
    response = reporter_client.post(
        "/api/claims/",
        {"article": "long", "quote": too_long, "agency": "tass"},
        format="json",
    )
    assert response.status_code == 400, response.content
    message = response.json()["quote"][0]
    assert f"at most {MAX_QUOTE_LENGTH:,} characters" in message
    assert f"{MAX_QUOTE_LENGTH + 1:,} characters long" in message
    assert not Claim.objects.exists()
    at_limit = article.plain_text[:MAX_QUOTE_LENGTH]
    accepted = reporter_client.post(
        "/api/claims/",
        {"article": "long", "quote": at_limit, "agency": "tass"},
        format="json",
    )
    assert accepted.status_code == 201, accepted.content
    assert len(accepted.json()["quote"]) == MAX_QUOTE_LENGTH


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200b\u200b\u200b", "\u200b \u2060\u200d", "\u00ad\ufeff"],
    ids=["zero-width-space", "three-zero-width", "mixed", "soft-hyphen-bom"],
)
def test_quote_of_invisible_characters_is_refused(
    reporter_client: APIClient, invisible: str
) -> None:
    """A quote that shows nothing (zero-width, format characters) is 400."""
    ArticleFactory.create(slug="story", body=f"Officials said{invisible}it was so.")
    AgencyFactory.create(slug="tass")
    response = reporter_client.post(
        "/api/claims/",
        {"article": "story", "quote": invisible, "agency": "tass"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "no visible characters" in response.json()["quote"][0]
    assert not Claim.objects.exists()


def test_quote_with_a_zero_width_space_inside_is_accepted(
    reporter_client: APIClient,
) -> None:
    """Invisible characters beside visible words are part of the quote."""
    ArticleFactory.create(slug="story", body="Officials said\u200bit was so.")
    AgencyFactory.create(slug="tass")
    response = reporter_client.post(
        "/api/claims/",
        {"article": "story", "quote": "said\u200bit", "agency": "tass"},
        format="json",
    )
    assert response.status_code == 201, response.content
