"""Fixtures for search: which database the tests run on."""

import pytest
from django.db import connection


@pytest.fixture
def postgres_only(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "stemming and GIN indexes are PostgreSQL full-text search; "
            "other databases match words as substrings"
        )
