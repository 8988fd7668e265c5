"""A persistent PostgreSQL connection is checked before each request's first
query without a query of its own, and one the server closed is replaced."""

import psycopg
import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

# Reads outside a transaction, on a connection of its own, as in a server.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the health check made without a query is PostgreSQL's")


def _server_side(pid: int) -> tuple[str, str]:
    """What the server says of the backend ``pid``: its state and last query."""
    with psycopg.connect(
        **connection.get_connection_params(), autocommit=True
    ) as other:
        row = other.execute(
            "SELECT state, query FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def _begin_request() -> None:
    """What Django does as a request begins (``close_old_connections``)."""
    connection.close_if_unusable_or_obsolete()


def test_an_idle_connection_is_checked_without_a_query(postgres: None) -> None:
    ArticleFactory.create(slug="checked")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), 'last query before the check'")
        pid = cursor.fetchone()[0]
    _begin_request()
    # What the request's first query does first.
    connection.close_if_health_check_failed()
    state, query = _server_side(pid)
    assert state == "idle"
    # Checked, kept, and nothing sent: the server's last query is the one before.
    assert connection.health_check_done  # type: ignore[attr-defined]
    assert query == "SELECT pg_backend_pid(), 'last query before the check'"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] == pid


def test_a_connection_the_server_closed_is_replaced_before_the_first_query(
    postgres: None,
) -> None:
    ArticleFactory.create(slug="replaced")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with psycopg.connect(
        **connection.get_connection_params(), autocommit=True
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        # Terminated: the backend is gone once the server says so.
        for _ in range(1000):
            if not other.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]
            ).fetchone():
                break
    _begin_request()
    # The request reads as if nothing happened, on a new connection.
    assert Article.objects.filter(slug="replaced").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
