"""The article detail's claims, kept one by one: each reader gets what they
may see, and a change reaches the next answer."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from claims.models import Claim
from claims.services import change_attribution, review_claim
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editor: User) -> tuple[str, Claim]:
    """A published story with two claims, each with an internal note: one
    reviewed (it has a reviewer), one not."""
    article = ArticleFactory.create(
        slug="kept-story",
        body="Officials said turnout was high. Observers said the count was slow.",
    )
    agency = AgencyFactory.create()
    claim = make_claim(article, "turnout was high", agency=agency)
    unreviewed = make_claim(article, "the count was slow", agency=agency)
    change_attribution(
        unreviewed.pk,
        internal_note="Ask the observers' mission.",
        expected_version=None,
        actor=editor,
    )
    review_claim(
        claim.pk,
        status=Claim.Status.DISPUTED,
        note="Other counts differ.",
        disputed_by="Observers",
        internal_note="Source is the deputy's aide.",
        actor=editor,
        expected_version=claim.version,
    )
    return f"/api/articles/{article.slug}/", Claim.objects.get(pk=claim.pk)


def claim_in(client: APIClient, url: str, claim: Claim) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == 200
    (found,) = (c for c in response.json()["claims"] if c["id"] == claim.pk)
    return found


@pytest.mark.parametrize("first", ["anonymous", "editor"])
def test_each_reader_gets_their_own_answer_whoever_asked_first(
    clients: dict[str, APIClient], editor: User, story: tuple[str, Claim], first: str
) -> None:
    """A member's kept claim (internal note, reviewer) never reaches an
    anonymous reader, and an anonymous one never hides them from a member."""
    url, claim = story
    order = [first, *(role for role in ("anonymous", "editor") if role != first)]
    for role in order:
        response = clients[role].get(url)
        assert response.status_code == 200
        reviewed, unreviewed = response.json()["claims"]
        assert reviewed["id"] == claim.pk
        assert reviewed["status"] == "disputed"
        if role == "editor":
            assert reviewed["internal_note"] == "Source is the deputy's aide."
            assert reviewed["reviewed_by"] == editor.username
            assert unreviewed["internal_note"] == "Ask the observers' mission."
        else:
            for shown in (reviewed, unreviewed):
                assert "internal_note" not in shown
                assert "reviewed_by" not in shown


def test_a_new_internal_note_reaches_members_at_once(
    editor_client: APIClient, editor: User, story: tuple[str, Claim]
) -> None:
    """An internal note changed without a new version still reaches the next
    member's answer: a claim is kept by every value it stores."""
    url, claim = story
    assert claim_in(editor_client, url, claim)["internal_note"] == (
        "Source is the deputy's aide."
    )
    response = editor_client.patch(
        f"/api/claims/{claim.pk}/", {"internal_note": "Aide confirmed."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert claim_in(editor_client, url, claim)["internal_note"] == "Aide confirmed."
