"""Fixtures for the desk's pages: clients per role come from the admin tests."""

from tests.admin.conftest import (  # noqa: F401  (fixtures)
    editor_client,
    reporter_client,
    second_editor_client,
    unreviewed,
)
