"""API clients are throttled: past the rate, 429 with Retry-After."""

import pytest
from django.test import Client
from pytest_django.fixtures import Settings
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
