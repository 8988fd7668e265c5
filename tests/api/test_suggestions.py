"""The suggestion endpoints: list, accept, reject; who may use them."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, Suggestion
from claims.services import detect_suggestions
from tests.api.conftest import client_for
from tests.claims.test_suggestions import suggestion_on
from tests.factories import PESKOV, RED_CROSS, TASS, UserFactory, suggestion_story

pytestmark = [pytest.mark.django_db, pytest.mark.detection]


@pytest.fixture
def detected(db: None) -> Article:
    story = suggestion_story()
    detect_suggestions(story.pk)
    return story


def url_list(article: Article) -> str:
    return f"/api/articles/{article.slug}/suggestions/"


def test_reporter_lists_an_articles_suggestions(
    detected: Article, reporter_client: APIClient
) -> None:
    """Each suggestion with its quote, span, agency slug, source, speaker, cue,
    confidence and state, in text order."""
    response = reporter_client.get(url_list(detected))
    assert response.status_code == 200
    rows = response.json()
    assert [row["start"] for row in rows] == sorted(row["start"] for row in rows)
    peskov = next(row for row in rows if PESKOV in row["quote"])
    assert peskov["agency"] == "kremlin"
    assert peskov["speaker"] == "Kremlin spokesman Dmitry Peskov"
    assert peskov["cue"] == "said"
    assert peskov["state"] == "pending"
    assert 0 < peskov["confidence"] <= 1
    assert detected.plain_text[peskov["start"] : peskov["end"]] == peskov["quote"]
    red_cross = next(row for row in rows if RED_CROSS in row["quote"])
    assert (red_cross["agency"], red_cross["agency_name"]) == (None, "Red Cross")
    assert {"id", "agency_name", "is_direct_quote"} <= peskov.keys()


def test_accept_makes_one_claim(detected: Article, reporter_client: APIClient) -> None:
    """POST accept: 200 with the new claim; the suggestion is accepted."""
    suggestion = suggestion_on(detected, PESKOV)
    response = reporter_client.post(
        f"/api/suggestions/{suggestion.pk}/accept/", {}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["suggestion"]["state"] == "accepted"
    assert body["claim"]["agency"] == "kremlin"
    assert body["claim"]["quote"] == suggestion.exact
    assert Claim.objects.filter(article=detected).count() == 1
    again = reporter_client.post(
        f"/api/suggestions/{suggestion.pk}/accept/", {}, format="json"
    )
    assert again.status_code == 400
    assert "already accepted" in again.json()["state"][0]


def test_edit_and_accept(detected: Article, editor_client: APIClient) -> None:
    """Another agency, speaker and a shorter span; an unknown source as a new agency."""
    suggestion = suggestion_on(detected, TASS)
    start = suggestion.start
    response = editor_client.post(
        f"/api/suggestions/{suggestion.pk}/accept/",
        {"agency": "kremlin", "speaker": "an aide", "start": start, "end": start + 9},
        format="json",
    )
    assert response.status_code == 200, response.content
    claim = response.json()["claim"]
    assert (claim["agency"], claim["speaker"], claim["quote"]) == (
        "kremlin",
        "an aide",
        "Gas flows",
    )
    red_cross = suggestion_on(detected, RED_CROSS)
    response = editor_client.post(
        f"/api/suggestions/{red_cross.pk}/accept/",
        {"new_agency_name": "Red Cross"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["claim"]["agency"] == "red-cross"


def test_bad_input_is_a_400_naming_the_field(
    detected: Article, reporter_client: APIClient
) -> None:
    """An unknown agency slug, a span past the text, an unknown source without an agency."""
    suggestion = suggestion_on(detected, TASS)
    url = f"/api/suggestions/{suggestion.pk}/accept/"
    response = reporter_client.post(url, {"agency": "nope"}, format="json")
    assert response.status_code == 400
    assert "agency" in response.json()
    response = reporter_client.post(url, {"start": 0, "end": 10**6}, format="json")
    assert response.status_code == 400
    assert "end" in response.json()
    red_cross = suggestion_on(detected, RED_CROSS)
    response = reporter_client.post(
        f"/api/suggestions/{red_cross.pk}/accept/", {}, format="json"
    )
    assert response.status_code == 400
    assert "not an agency the newsroom knows" in response.json()["agency"][0]
    assert not Claim.objects.exists()


def test_reject(detected: Article, reporter_client: APIClient, reporter: User) -> None:
    """POST reject: 200, rejected by the reporter; the list says so."""
    suggestion = suggestion_on(detected, TASS)
    response = reporter_client.post(f"/api/suggestions/{suggestion.pk}/reject/")
    assert response.status_code == 200
    assert response.json()["state"] == "rejected"
    assert response.json()["decided_by"] == "reporter"
    rows = reporter_client.get(url_list(detected) + "?state=rejected").json()
    assert [row["id"] for row in rows] == [suggestion.pk]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", (401, 401, 401)),
        ("outsider", (403, 403, 403)),
        ("reporter", (200, 200, 200)),
        ("editor", (200, 200, 200)),
    ],
)
def test_permission_matrix(
    detected: Article, roles: None, role: str, expected: tuple[int, int, int]
) -> None:
    """Anonymous clients are asked to sign in and see nothing; staff without the
    newsroom roles are refused; reporters and editors list, accept and reject."""
    users = {
        "anonymous": None,
        "outsider": UserFactory.create(),
        "reporter": UserFactory.create(role="Reporters"),
        "editor": UserFactory.create(role="Editors"),
    }
    client = client_for(users[role])
    first, second = suggestion_on(detected, TASS), suggestion_on(detected, PESKOV)
    listed = client.get(url_list(detected))
    accepted = client.post(f"/api/suggestions/{first.pk}/accept/", {}, format="json")
    rejected = client.post(f"/api/suggestions/{second.pk}/reject/")
    assert (listed.status_code, accepted.status_code, rejected.status_code) == expected
    if expected[0] != 200:
        assert "Peskov" not in listed.text
        assert Suggestion.objects.pending().count() == 3
        assert not Claim.objects.exists()


def test_unknown_ids_and_slugs_are_404(reporter_client: APIClient, db: None) -> None:
    assert reporter_client.get("/api/articles/nope/suggestions/").status_code == 404
    assert reporter_client.post("/api/suggestions/999/reject/").status_code == 404
