"""Shared fixtures: the demo story, users in each role, the browser."""

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from articles.models import Article
from claims.demo import load_seed
from newsroom import parts
from newsroom.versions import store
from tests import search_depth
from tests.factories import UserFactory

_ROLES_MIGRATION = import_module("claims.migrations.0002_roles")
_GRANTS_MIGRATION = import_module("claims.migrations.0009_roles_people_suggestions")
ROLES: dict[str, list[str]] = {
    name: [*codes, *_GRANTS_MIGRATION.GRANTS[name]]
    for name, codes in _ROLES_MIGRATION.ROLES.items()
}
_DESK_ROLES_MIGRATION = import_module("desk.migrations.0001_reporters_add_agencies")
_PARTNER_ROLES_MIGRATION = import_module(
    "partners.migrations.0002_editors_manage_partner_keys"
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


# The longest tests, longest first: run first, they are dealt out to the
# parallel workers in turn, and the short ones fill in after them, so both
# workers finish together instead of one running a long test alone at the end.
LONGEST_FIRST = (
    "tests/newsroom/test_differential.py::test_the_cache_never_differs_",
    "tests/newsroom/test_cache_outages.py::test_180_reviews_",
    "tests/newsroom/test_differential.py::test_with_every_change_committed",
    "tests/browser/test_shift.py::",
    "tests/pages/test_group_pages.py::test_a_group_review_retires_every_page",
    "tests/claims/test_groups.py::TestLargeGroup::",
    "tests/desk/test_desk.py::TestWorkspace::test_query_count_is_the_same_",
    "tests/browser/test_repeats.py::",
    "tests/admin/test_queue_groups.py::test_the_grouped_queue_costs_",
    "tests/api/test_caching.py::test_reviewed_claims_cost_no_query_each",
    "tests/claims/test_anchoring_moves.py::TestMovesThroughTheServices::",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        for index, prefix in enumerate(LONGEST_FIRST):
            if item.nodeid.startswith(prefix):
                return index
        return len(LONGEST_FIRST)

    items.sort(key=rank)


def pytest_report_header() -> str:
    depth = "long (make fault)" if search_depth.LONG else "brief (make test)"
    return f"property tests: {depth} search"


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Collect static files once, as a deployment does: pages link the hashed names.

    Each test process collects into a folder of its own: parallel workers
    sharing one STATIC_ROOT delete each other's files. The files are not
    compressed (``tests/static_storage.py``); the pages are served with the
    deployed storage, reading the manifest.
    """
    with override_settings(STATIC_ROOT=tmp_path_factory.getbasetemp() / "static"):
        uncompressed = {
            "BACKEND": "tests.static_storage.UncompressedStaticFilesStorage"
        }
        with override_settings(
            STORAGES={**django_settings.STORAGES, "staticfiles": uncompressed}
        ):
            call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Each test starts with an empty cache, so API throttle counts do not
    carry over, nor answers kept in memory under another test's (rolled
    back) versions."""
    cache.clear()
    parts.forget_local()


@pytest.fixture(autouse=True)
def versions_ready(request: pytest.FixtureRequest) -> None:
    """A test in a transaction starts from a database with its epoch and
    schedule, as every migrated one has (``post_migrate``): a test that
    runs after a browser test (whose serialized rollback empties the tables
    without ``post_migrate``) would otherwise pay for making them on its
    first read, and its query budget would count them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if transactional or (marker is None and "db" not in request.fixturenames):
        return
    request.getfixturevalue("db")
    store.prepare()
    # Django asks SQLite whether it has JSON functions the first time a
    # connection needs them (a query in a savepoint, kept for the
    # connection's life): asked here, it is not counted in the budget of a
    # page that happens to be the first on its connection to need them.
    if connection.vendor == "sqlite":
        connection.features.supports_json_field  # noqa: B018


@pytest.fixture(autouse=True)
def webhooks_to_loopback(settings: Any) -> None:
    """Tests receive webhooks on loopback ports, as development does (DEBUG)."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Test users' passwords are hashed cheaply: the deployed hasher's
    1.5 million PBKDF2 rounds are half a second of CPU for each user a
    fixture makes and each sign-in, and no test measures the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed() -> dict[str, Any]:
    return load_seed()


@pytest.fixture
def demo(db: None) -> Article:
    """The demo story, loaded as `manage.py load_demo` does."""
    call_command("load_demo", verbosity=0)
    return Article.objects.get(slug="occupied-regions-referendums-early-results")


@pytest.fixture
def roles(db: None) -> None:
    """The Reporters and Editors groups, as the data migration makes them.

    Tests on the live server flush the database afterwards, and serialized
    rollback cannot be relied on to bring the groups back once Playwright's
    event loop runs in the test thread (Django then hands out a connection
    object without the serialized contents); so make them again when needed.
    """
    if Group.objects.filter(name__in=ROLES).count() == len(ROLES):
        return
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    _ROLES_MIGRATION.grant_roles(Group, Permission)
    _GRANTS_MIGRATION.grant(Group, Permission)
    _DESK_ROLES_MIGRATION.grant(Group, Permission)
    _PARTNER_ROLES_MIGRATION.grant(Group, Permission)


@pytest.fixture(autouse=True)
def unhashed_static(request: pytest.FixtureRequest) -> None:
    """In browser tests, link static files by their plain names.

    The live server answers /static/ from the finders, which know no
    manifest-hashed names; whitenoise serves those in production.
    """
    if request.node.get_closest_marker("browser") is None:
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def editor(roles: None) -> User:
    return UserFactory.create(username="editor", role="Editors")


@pytest.fixture
def second_editor(roles: None) -> User:
    return UserFactory.create(username="editor2", role="Editors")


@pytest.fixture
def reporter(roles: None) -> User:
    return UserFactory.create(username="reporter", role="Reporters")


@pytest.fixture
def w3c_check(tmp_path: Path) -> Callable[[dict[str, Any]], str]:
    """Run the W3C suite's checker on a document; fail on any must-assertion.

    Returns the checker's report. Skips when ../shared is not beside the project.
    """
    checker = SHARED / "tools" / "check_w3c_annotation.py"
    if not checker.exists():
        pytest.skip("../shared is not beside the project")

    def check(document: dict[str, Any]) -> str:
        exported = tmp_path / "annotations.json"
        exported.write_text(json.dumps(document), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(checker), str(exported)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "; 0 failures" in result.stdout
        return result.stdout

    return check


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            # /dev/shm is 64 MB in many containers; Chromium crashes when it fills.
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
