"""Browser fixtures: axe-core, the accessibility engine, injected into pages."""

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

ROOT = Path(__file__).resolve().parents[2]
# Installed by `make axe` (a dependency of `make test`).
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"

# Rules run: WCAG 2.1 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

AxeCheck = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make axe`.")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source: str) -> AxeCheck:
    """Run axe-core on a page; the serious and critical violations it finds.

    The script is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not govern, so the page is tested as served.
    """

    def check(page: Page) -> list[dict[str, Any]]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(f"() => {{ {axe_source}\n }}")
        result = page.evaluate(
            "tags => window.axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return check


@pytest.fixture
def axe_check(axe: AxeCheck) -> AxeCheck:
    """The same check under the name the desk's tests use."""
    return axe


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors: a script or style refused by the CSP shows here."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        # Browsers ask for /favicon.ico on their own; the admin has none.
        if message.type == "error" and "favicon" not in message.location["url"]:
            errors.append(f"{message.text} ({message.location['url']})")

    page.on("console", record)
    return errors


def open_story(page: Page, url: str) -> None:
    """Go to a story and wait until its notes script has started.

    The script marks the page (``<html data-notes="ready">``) once it handles
    clicks and keys; a key pressed or a label clicked before then follows the
    plain link instead of opening the note in place.
    """
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-notes", "ready")


class Chromium:
    """The session's Chromium, started again if it has gone.

    A browser that exits mid-run (killed for memory on a shared machine, a
    renderer crash taking the process with it) would otherwise fail every
    later browser test on the worker with "Target ... has been closed",
    hiding what the tests check. The tests after it get a fresh browser,
    the restart is reported, and the test it died under runs once more
    (``--only-rerun TargetClosedError`` in pyproject.toml).
    """

    def __init__(self, launch: Callable[[], Browser]) -> None:
        self.launch = launch
        self.current = launch()

    def running(self) -> Browser:
        if not self.current.is_connected():
            warnings.warn("Chromium had exited; started it again", stacklevel=1)
            self.current = self.launch()
        return self.current

    def close(self) -> None:
        if self.current.is_connected():
            self.current.close()


@pytest.fixture(scope="session")
def chromium(
    django_db_setup: None, live_server: Any, launch_browser: Callable[[], Browser]
) -> Iterator[Chromium]:
    """Closed before the live server stops and the test database goes: the
    browser's kept-alive sockets hold server threads, each with a database
    connection, until it closes."""
    chromium = Chromium(launch_browser)
    yield chromium
    chromium.close()


@pytest.fixture
def browser(chromium: Chromium) -> Browser:
    """pytest-playwright's browser, the running one."""
    return chromium.running()
