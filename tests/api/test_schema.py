"""Schemathesis fuzzes every operation of the OpenAPI schema as each role."""

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, seed, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from articles.models import Article
from newsroom.apiauth import FailedAuthentications
from tests.search_depth import LONG, examples

# Writes whose valid bodies name stored objects (an article, an agency, a
# claim) or a quote that must occur in the text, or whose fields depend on each other
# (an agency's state-affiliation label needs its source and date): the schema
# cannot say so, so a schema-valid body may rightly get a 400 naming the rule.
# A webhook's URL must also resolve, to a public address unless private ones
# are allowed.
NEEDS_STORED_OBJECTS = {
    "POST /api/webhooks/",
    "POST /api/claims/",
    "PUT /api/claims/{id}/",
    "PATCH /api/claims/{id}/",
    "POST /api/agencies/",
    "PUT /api/agencies/{slug}/",
    "PATCH /api/agencies/{slug}/",
    # The other claim named in the body, which must exist and be a repeat.
    "POST /api/claims/{id}/matches/",
}
# Fixed, so a failure can be replayed; change it to explore other cases.
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261125"))
# Examples per operation and role: a few in `make test`, 100 in `make fault`.
SCHEMA_EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", examples(12, 100)))
# `make fault` also runs the schema's examples and Schemathesis's coverage
# phase (every boundary of every field: over four fifths of the cases, and
# of the suite's time, at 12 examples); `make test` the random examples.
PHASES = (
    tuple(Phase)
    if LONG or os.environ.get("SCHEMATHESIS_COVERAGE")
    else (Phase.generate, Phase.shrink)
)
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
def unthrottled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzzer sends hundreds of requests a minute; throttling has its own tests."""
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        dict.fromkeys(("anon", "user", "writes", "reviews"), "100000/minute"),
    )
    # Invalid credentials are part of what it sends: they count too.
    monkeypatch.setattr(FailedAuthentications, "get_rate", lambda self: "100000/minute")


@pytest.fixture
def in_process(demo: Article, unthrottled: None) -> Iterator[None]:
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
@seed(SEED)
@settings(
    max_examples=SCHEMA_EXAMPLES,
    phases=PHASES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms(
    case: Any, role: str, auth_headers: dict[str, str], in_process: None
) -> None:
    """Every check Schemathesis has passes: no server error, every answer as the
    schema says, schema-valid input accepted, invalid input refused."""
    CASES[role] += 1
    OPERATIONS.setdefault(role, set()).add(case.operation.label)
    excluded = (
        [positive_data_acceptance]
        if case.operation.label in NEEDS_STORED_OBJECTS
        else []
    )
    # Schemathesis's in-process transport says it takes gzip but does not
    # undo it: an anonymous answer would reach the checks compressed. The
    # compressed answers are checked against the plain ones byte for byte in
    # tests/newsroom/test_front_encoding.py.
    headers = {**auth_headers, "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, excluded_checks=excluded)
