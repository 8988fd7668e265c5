"""Guessing tokens is throttled: the 31st failure in a minute from one address is a 429."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from pytest_django.fixtures import Settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.models import Article
from tests.factories import UserFactory
from tests.shared_redis import REDIS_URL

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def each_cache(request: pytest.FixtureRequest, settings: Settings) -> Iterator[str]:
    """The per-process cache, then Redis as several processes would share it."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
            }
        }
        try:
            cache.clear()
        except Exception:  # no Redis here: nothing to show
            pytest.skip("Redis is not running")
    yield request.param
    cache.clear()


def bad_token_client(address: str) -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    return client


def test_the_31st_bad_token_is_throttled(
    demo: Article, each_cache: str, roles: None
) -> None:
    """Thirty bad tokens are 401; the 31st is 429 with Retry-After, and while
    it lasts a good token from that address is refused too. Another address
    is untouched."""
    client = bad_token_client("198.51.100.7")
    for _ in range(30):
        assert client.get("/api/articles/").status_code == 401
    refused = client.post("/api/agencies/", {"name": "Guess"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "failed authentications" in refused.json()["detail"]
    good = Token.objects.create(user=UserFactory.create(role="Editors")).key
    client.credentials(HTTP_AUTHORIZATION=f"Token {good}")
    assert client.get("/api/articles/").status_code == 429
    other = APIClient(REMOTE_ADDR="198.51.100.8")
    other.credentials(HTTP_AUTHORIZATION=f"Token {good}")
    assert other.get("/api/articles/").status_code == 200


def test_anonymous_writes_count_too(demo: Article, each_cache: str) -> None:
    """Writes sent without a token are 401 thirty times, then 429; reads
    without one stay open."""
    client = APIClient(REMOTE_ADDR="198.51.100.9")
    for _ in range(30):
        assert client.post("/api/agencies/", {"name": "Guess"}).status_code == 401
    assert client.post("/api/agencies/", {"name": "Guess"}).status_code == 429
    assert client.get("/api/articles/").status_code == 200
