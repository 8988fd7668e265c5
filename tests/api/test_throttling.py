"""API clients are throttled: past the rate, 429 with Retry-After."""

import pytest
from django.test import Client
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/minute"}
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": rates,
    }
    # DRF binds the rates to the throttle class when it is imported.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


def test_anonymous_clients_get_429_with_retry_after_past_the_rate(
    client: Client, demo: Article, three_a_minute: None
) -> None:
    """The fourth anonymous request in a minute is refused, saying when to retry."""
    for _ in range(3):
        assert client.get("/api/articles/").status_code == 200
    refused = client.get("/api/articles/", REMOTE_ADDR="127.0.0.1")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "Request was throttled" in refused.json()["detail"]
    # Another address has its own allowance.
    assert client.get("/api/articles/", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_every_scope_has_a_rate(settings: Settings) -> None:
    """Anonymous, signed-in, write and review scopes all have rates configured."""
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    for scope in ("anon", "user", "writes", "reviews"):
        count, _, period = rates[scope].partition("/")
        assert int(count) > 0
        assert period in {"second", "minute", "hour", "day"}


@pytest.fixture
def two_writes_and_reviews(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    rates = {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
        "writes": "2/minute",
        "reviews": "2/minute",
    }
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


def test_reviews_are_throttled_on_their_own_scope(
    editor_client: APIClient, demo: Article, two_writes_and_reviews: None
) -> None:
    """The third review in a minute is 429 with Retry-After; reading goes on."""
    claim = demo.claims.first()
    assert claim is not None
    for status in ("verified", "unreviewed"):
        claim.refresh_from_db()
        answer = editor_client.post(
            f"/api/claims/{claim.pk}/review/",
            {"status": status, "version": claim.version},
            format="json",
        )
        assert answer.status_code == 200
    claim.refresh_from_db()
    refused = editor_client.post(
        f"/api/claims/{claim.pk}/review/",
        {"status": "verified", "version": claim.version},
        format="json",
    )
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == "unreviewed"
    assert editor_client.get(f"/api/claims/{claim.pk}/").status_code == 200


def test_writes_are_throttled_on_their_own_scope(
    reporter_client: APIClient, demo: Article, two_writes_and_reviews: None
) -> None:
    """The third write in a minute is 429 with Retry-After, and nothing is written."""
    path = f"/api/articles/{demo.slug}/"
    for number in (1, 2):
        answer = reporter_client.post(
            "/api/articles/",
            {"headline": f"Draft {number}", "slug": f"draft-{number}", "body": "Text."},
            format="json",
        )
        assert answer.status_code == 201, answer.json()
    refused = reporter_client.post(
        "/api/articles/",
        {"headline": "Draft 3", "slug": "draft-3", "body": "Text."},
        format="json",
    )
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert not Article.objects.filter(slug="draft-3").exists()
    assert reporter_client.get(path).status_code == 200
