"""API fixtures: clients holding each role's token, and a snapshot of the data."""

import sys
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import serializers
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Agency, Claim, ReviewEvent

ROLES = ("anonymous", "reporter", "editor")


def client_for(user: User | None) -> APIClient:
    """An API client sending the user's token, or none for anonymous."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()


@pytest.fixture
def reporter_client(reporter: User) -> APIClient:
    return client_for(reporter)


@pytest.fixture
def editor_client(editor: User) -> APIClient:
    return client_for(editor)


@pytest.fixture
def clients(
    anonymous_client: APIClient, reporter_client: APIClient, editor_client: APIClient
) -> dict[str, APIClient]:
    return {
        "anonymous": anonymous_client,
        "reporter": reporter_client,
        "editor": editor_client,
    }


def snapshot() -> str:
    """Every article, agency, claim and review event, serialized: equal means unchanged."""
    objects: list[Any] = [
        *Article.objects.order_by("pk"),
        *Agency.objects.order_by("pk"),
        *Claim.objects.order_by("pk"),
        *ReviewEvent.objects.order_by("pk"),
    ]
    return serializers.serialize("json", objects)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Report how many cases Schemathesis generated, per role."""
    module = sys.modules.get("tests.api.test_schema")
    if module is None:
        return
    CASES, OPERATIONS = module.CASES, module.OPERATIONS
    if CASES:
        terminalreporter.write_line(
            "schemathesis: "
            + ", ".join(
                f"{role} {CASES[role]} cases over {len(OPERATIONS[role])} operations"
                for role in sorted(CASES)
            )
            + f"; {sum(CASES.values())} cases in all, seed {module.SEED}"
        )
