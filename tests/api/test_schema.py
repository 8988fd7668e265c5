"""Schemathesis fuzzes every operation of the OpenAPI schema as each role."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from articles.models import Article

CASES: Counter[str] = Counter()
OPERATIONS: dict[str, set[str]] = {}


@pytest.fixture(params=["anonymous", "reporter", "editor"])
def role(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def auth_headers(role: str, reporter: User, editor: User) -> dict[str, str]:
    """The Authorization header of the role under test (none for anonymous)."""
    user = {"reporter": reporter, "editor": editor}.get(role)
    if user is None:
        return {}
    return {"Authorization": f"Token {Token.objects.create(user=user).key}"}


@pytest.fixture
def in_process(demo: Article) -> Iterator[None]:
    """Requests go to the app in-process, inside the test's transaction.

    As with Django's test client, the handler must not close the connection
    between requests; the demo story gives the fuzzer real slugs and ids.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loading the schema touches no table, so it can happen at collection.
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_conforms(
    case: Any, role: str, auth_headers: dict[str, str], in_process: None
) -> None:
    """No answer is a server error, and every answer matches the schema."""
    CASES[role] += 1
    OPERATIONS.setdefault(role, set()).add(case.operation.label)
    # A well-formed request may still name an article or agency that does not
    # exist, or a quote that is not in the text: a 400 is right there.
    case.call_and_validate(
        headers=auth_headers, excluded_checks=[positive_data_acceptance]
    )
