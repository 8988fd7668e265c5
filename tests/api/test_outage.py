"""With the database unreachable, the API answers JSON 503 with Retry-After."""

from typing import Any

import pytest
from django.db import connections
from django.test import Client


def test_database_outage_is_json_503_with_retry_after(
    django_db_blocker: pytest.FixtureRequest,
) -> None:
    """The real driver fails to connect; the client is told to retry, in JSON."""
    # No test transaction (and no flush after it): only the connection is broken.
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        response = _request_while_unreachable()
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "database is unavailable" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def _request_while_unreachable() -> Any:
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "1"  # nothing listens there
    else:
        connection.settings_dict["NAME"] = "/nonexistent/directory/db.sqlite3"
    try:
        return Client(raise_request_exception=False).get("/api/claims/")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
