"""Shared fixtures: the demo story, users in each role, the browser."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article
from claims.demo import load_seed
from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def collected_static() -> None:
    """Collect static files once, as a deployment does: pages link the hashed names."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def seed() -> dict[str, Any]:
    return load_seed()


@pytest.fixture
def demo(db: None) -> Article:
    """The demo story, loaded as `manage.py load_demo` does."""
    call_command("load_demo", verbosity=0)
    return Article.objects.get(slug="occupied-regions-referendums-early-results")


@pytest.fixture
def editor(db: None) -> User:
    return UserFactory.create(username="editor", role="Editors")


@pytest.fixture
def second_editor(db: None) -> User:
    return UserFactory.create(username="editor2", role="Editors")


@pytest.fixture
def reporter(db: None) -> User:
    return UserFactory.create(username="reporter", role="Reporters")


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
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
