"""Error pages are the site's own, with the status and what went wrong."""

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from newsroom.urls import urlpatterns as site_urls


def denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def malformed(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("malformed")


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    path("test-403/", denied),
    path("test-400/", malformed),
    path("test-500/", broken),
    *site_urls,
]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls(__name__),
]


def heading(response: Any) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    title = soup.select_one("h1")
    assert title is not None
    # The site's header and stylesheet: the page is branded, not Django's bare one.
    assert soup.select_one("header.site-header a.site-name") is not None
    assert soup.select_one('link[rel="stylesheet"]') is not None
    return title.get_text(" ", strip=True)


def test_404_names_the_missing_address(client: Client) -> None:
    """An unknown address answers 404 saying there is no page there."""
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    assert heading(response) == "Page not found"
    assert "There is no page at /no-such-story/" in " ".join(
        BeautifulSoup(response.content, "html.parser").get_text(" ").split()
    )


def test_403_says_access_is_denied(client: Client) -> None:
    response = client.get("/test-403/")
    assert response.status_code == 403
    assert heading(response) == "Access denied"
    assert "You do not have permission to see this page" in response.text


def test_400_says_the_request_was_malformed(client: Client) -> None:
    response = client.get("/test-400/")
    assert response.status_code == 400
    assert heading(response) == "Bad request"
    assert "The request could not be understood" in response.text


@override_settings(DEBUG=False)
def test_500_is_branded_and_needs_no_request_context() -> None:
    """A crash answers 500 with the site's page, rendered without context processors."""
    client = Client(raise_request_exception=False)
    response = client.get("/test-500/")
    assert response.status_code == 500
    assert heading(response) == "Something went wrong on our side"
    assert "A server error stopped this page from loading" in response.text
