"""Every desk and admin address with a malformed id is a 404, never a 500."""

import re
from collections.abc import Iterator, Sequence

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver

from desk import urls as desk_urls

BAD_IDS = ["abc", "1.5", "%20", "1%00"]

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _patterns(
    patterns: Sequence[URLPattern | URLResolver], prefix: str
) -> Iterator[str]:
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + route)
        elif "<" in route:
            yield prefix + route


def addresses() -> list[str]:
    """Every admin and desk route with an id in it, the first id malformed
    and any others a real-looking number."""
    routes = [
        *_patterns(admin.site.get_urls(), "/admin/"),
        *_patterns(desk_urls.urlpatterns, "/admin/desk/"),
    ]
    found = []
    for route in routes:
        if route.startswith("/admin/r/") or "<url>" in route or "^" in route:
            continue  # the "view on site" shortcut and the catch-all
        for bad in BAD_IDS:
            first = True

            def fill(match: re.Match[str], bad: str = bad) -> str:
                nonlocal first
                value = bad if first else "1"
                first = False
                return value

            found.append(_CONVERTER.sub(fill, route))
    return sorted(set(found))


ADDRESSES = addresses()


def test_the_addresses_named_in_the_report_are_covered() -> None:
    """The addresses the desk reported as failing are among those checked."""
    for address in [
        "/admin/articles/article/abc/change/",
        "/admin/articles/article/abc/revisions/",
        "/admin/articles/article/abc/claim-from-selection/",
        "/admin/articles/article/abc/suggestions/detect/",
        "/admin/articles/article/abc/suggestions/1/accept/",
        "/admin/desk/articles/abc/workspace/",
    ]:
        assert address in ADDRESSES


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_malformed_ids_are_404(roles: None, method: str) -> None:
    """A superuser, who may open every screen, gets a 404 for each."""
    user = User.objects.create_superuser("root", "root@example.org", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    wrong = {}
    for address in ADDRESSES:
        status = getattr(client, method)(address).status_code
        if status != 404:
            wrong[address] = status
    assert wrong == {}
