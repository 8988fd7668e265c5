"""The admin refuses quotes a claim may not have, with the reason on the form."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.anchoring import MAX_QUOTE_LENGTH
from claims.models import Claim
from tests.admin.conftest import claim_url
from tests.factories import AgencyFactory, ArticleFactory, edit_text, make_claim

pytestmark = pytest.mark.django_db


def test_quote_over_the_limit_is_a_form_error(reporter_client: Client) -> None:
    """Adding a claim longer than the limit shows the limit; nothing is created."""
    words = " ".join(f"word{n}" for n in range(MAX_QUOTE_LENGTH // 4))
    article = ArticleFactory.create(body=words)
    response = reporter_client.post(
        reverse("admin:claims_claim_add"),
        {
            "article": article.pk,
            "agency": AgencyFactory.create().pk,
            "speaker": "",
            "quote": article.plain_text[: MAX_QUOTE_LENGTH + 1],
            "internal_note": "",
        },
    )
    assert response.status_code == 200
    assert f"at most {MAX_QUOTE_LENGTH:,} characters" in response.content.decode()
    assert not Claim.objects.exists()


def test_reattach_to_invisible_characters_is_a_form_error(
    reporter_client: Client,
) -> None:
    """Re-attaching an orphaned claim to a zero-width space is refused."""
    article = ArticleFactory.create(body="Alpha said the dam holds. Beta agreed.")
    claim = make_claim(article, "the dam holds")
    edit_text(article, body="Alpha said\u200bnothing. Beta agreed.")
    claim.refresh_from_db()
    response = reporter_client.post(
        claim_url(claim),
        {
            "agency": claim.agency_id,
            "speaker": claim.speaker,
            "internal_note": "",
            "expected_version": claim.version,
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "_save": "Save",
            "reattach_quote": "\u200b",
        },
    )
    assert response.status_code == 200
    assert "no visible characters" in response.content.decode()
    claim.refresh_from_db()
    assert claim.anchor_state == Claim.AnchorState.ORPHANED
