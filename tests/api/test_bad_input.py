"""Malformed requests get a 4xx whose JSON names the problem, never a 500 or HTML."""

import json

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim

pytestmark = pytest.mark.django_db


def detail(response: object) -> str:
    """The JSON message of an error answer (failing if the answer is not JSON)."""
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    return json.dumps(response.json())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "path", ["/api/articles/a%00b/", "/api/agencies/a%00b/", "/api/claims/1%00/"]
)
def test_nul_in_a_lookup_is_400(client: Client, demo: Article, path: str) -> None:
    """A NUL character in a slug or id is refused by name, not passed to the database."""
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in detail(response)


def test_nul_in_a_filter_value_is_400(client: Client, demo: Article) -> None:
    """A NUL in a query parameter names the parameter."""
    response = client.get("/api/claims/?agency=ria%00")
    assert response.status_code == 400
    assert "'agency'" in detail(response)
    assert "NUL character" in detail(response)


@pytest.mark.parametrize("field", ["agency", "article"])
def test_nul_in_a_claim_writes_slug_is_400(
    reporter_client: APIClient, demo: Article, field: str
) -> None:
    """A NUL in the agency or article slug of a new claim is refused on that field."""
    claim = demo.claims.select_related("agency").first()
    assert claim is not None
    body = {"article": demo.slug, "agency": claim.agency.slug, "quote": claim.quote}
    body[field] = "a\x00b"
    before = Claim.objects.count()
    response = reporter_client.post("/api/claims/", body, format="json")
    assert response.status_code == 400
    assert "NUL" in json.dumps(response.json()[field])
    assert Claim.objects.count() == before


def test_nul_in_a_claim_patch_of_the_agency_is_400(
    reporter_client: APIClient, demo: Article
) -> None:
    """The same for a change of attribution; the claim stays as it was."""
    claim = demo.claims.first()
    assert claim is not None
    response = reporter_client.patch(
        f"/api/claims/{claim.pk}/",
        {"agency": "a\x00b", "version": claim.version},
        format="json",
    )
    assert response.status_code == 400
    assert "NUL" in json.dumps(response.json()["agency"])
    claim.refresh_from_db()
    assert claim.version == claim.version


@pytest.mark.parametrize("offset", ["%2B16:00", "-16:00", "%2B23:30"])
def test_updated_since_with_a_large_offset_works(
    client: Client, demo: Article, offset: str
) -> None:
    """An ISO 8601 offset beyond PostgreSQL's ±15:59 is taken as the same moment in UTC."""
    response = client.get(f"/api/claims/?updated_since=2020-01-01T00:00:00{offset}")
    assert response.status_code == 200
    assert response.json()["count"] == demo.claims.count()
    future = client.get(f"/api/claims/?updated_since=2999-01-01T00:00:00{offset}")
    assert future.status_code == 200
    assert future.json()["count"] == 0


def test_json_nested_100000_deep_is_400(
    reporter_client: APIClient, demo: Article
) -> None:
    """A deeply nested body is refused as too deep; the parser does not crash."""
    body = "[" * 100_000 + "]" * 100_000
    response = reporter_client.post(
        "/api/claims/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested" in detail(response)


@pytest.mark.parametrize("megabytes", [5, 10])
def test_a_body_over_the_limit_is_413_naming_it(
    reporter_client: APIClient, demo: Article, megabytes: int
) -> None:
    """A body of several megabytes is answered 413 in JSON, with the limit."""
    body = json.dumps({"quote": "x" * (megabytes * 1024 * 1024)})
    before = Claim.objects.count()
    response = reporter_client.post(
        "/api/claims/", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes" in detail(response)
    assert Claim.objects.count() == before


@pytest.mark.parametrize("page", ["abc", "", "0", "-1", "1.5"])
def test_a_page_that_is_not_a_positive_number_is_400(
    client: Client, demo: Article, page: str
) -> None:
    """``?page=abc`` and ``?page=`` are refused alike, saying what a page is."""
    response = client.get(f"/api/claims/?page={page}")
    assert response.status_code == 400
    assert "whole number from 1" in json.dumps(response.json()["page"])


def test_a_page_past_the_end_is_404(client: Client, demo: Article) -> None:
    """A well-formed page number with nothing on it is not found."""
    response = client.get("/api/claims/?page=999")
    assert response.status_code == 404
    assert "Invalid page" in detail(response)


@pytest.mark.parametrize("name", ["agency", "article"])
def test_an_empty_slug_filter_is_ignored(
    client: Client, demo: Article, name: str
) -> None:
    """An empty slug filters nothing, as the schema (a plain string) allows."""
    everything = client.get("/api/claims/").json()["count"]
    response = client.get(f"/api/claims/?{name}=")
    assert response.status_code == 200
    assert response.json()["count"] == everything


@pytest.mark.parametrize("name", ["status", "anchor_state", "updated_since"])
def test_an_empty_choice_or_time_is_400(
    client: Client, demo: Article, name: str
) -> None:
    """Where the schema's choices or format exclude an empty value, it is refused."""
    response = client.get(f"/api/claims/?{name}=")
    assert response.status_code == 400
    assert "Give a value" in json.dumps(response.json()[name])


def test_an_unknown_api_address_is_json_404(client: Client) -> None:
    """Not only the endpoints: any address under /api/ answers JSON."""
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert "No such endpoint" in detail(response)
