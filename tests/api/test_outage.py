"""With the database unreachable, the API answers JSON 503 with Retry-After."""

import pytest
from django.db import connections
from django.test import Client


# Its own connection handling needs a real commit; serialized_rollback puts
# back the groups the data migration made, for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_outage_is_json_503_with_retry_after() -> None:
    """The real driver fails to connect; the client is told to retry, in JSON."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "1"  # nothing listens there
    else:
        connection.settings_dict["NAME"] = "/nonexistent/directory/db.sqlite3"
    try:
        response = Client(raise_request_exception=False).get("/api/claims/")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "database is unavailable" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    # Back in service once the database is reachable again.
    assert Client().get("/api/").status_code == 200
