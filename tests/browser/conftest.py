"""Browser-test fixtures: axe-core's accessibility check, injected into the page."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE = (
    Path(__file__).resolve().parent.parent.parent
    / ".cache/npm/node_modules/axe-core/axe.min.js"
)
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, as `make axe` installs it."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make axe`")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_check(axe_source: str) -> Callable[[Page], list[dict[str, Any]]]:
    """Run axe-core on the page; return the serious and critical violations.

    Injected through the DevTools protocol, so the page's Content-Security-Policy
    (no inline or foreign script) does not stop it.
    """

    def check(page: Page) -> list[dict[str, Any]]:
        if not page.evaluate("() => Boolean(window.axe)"):
            page.evaluate(f"() => {{ {axe_source}\n }}")
        results = page.evaluate(
            """async () => {
                const results = await window.axe.run(document, {
                    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
                });
                return results.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
                }));
            }"""
        )
        return [v for v in results if v["impact"] in SERIOUS]

    return check
