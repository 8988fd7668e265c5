"""Search and the agency index in Chromium: the header form, results, screenshots."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, ViewportSize, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = ViewportSize(width=1280, height=800)
NARROW = ViewportSize(width=390, height=844)


@pytest.fixture
def site(live_server: Any) -> str:
    """The demo story on the live server; its base URL."""
    call_command("load_demo", verbosity=0)
    return str(live_server.url)


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    return errors


def test_header_search_finds_the_story_and_its_claims(
    page: Page, site: str, console_errors: list[str]
) -> None:
    """Typing in the header's search box and pressing Enter lists marked results."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}/agencies/")
    page.get_by_role("searchbox", name="Search stories, claims and agencies").fill(
        "referendums"
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/search/?q=referendums")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Search results for “referendums”"
    )
    story = page.locator(".results-stories .result").first
    expect(story.get_by_role("link")).to_contain_text("Early counts claim landslide")
    expect(story.locator(".snippet mark").first).to_have_text("referendums")
    expect(page.locator(".results-claims .result")).not_to_have_count(0)
    # Narrow to disputed claims with the form, as a reader would.
    page.get_by_label("Claim status").select_option("disputed")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.locator(".results-claims .result")).to_have_count(1)
    expect(page.locator(".results-claims .status-word")).to_have_text("Disputed")
    assert console_errors == []


@pytest.mark.parametrize(
    ("name", "viewport"), [("desktop", DESKTOP), ("narrow", NARROW)]
)
def test_search_and_agency_index_screenshots(
    page: Page,
    site: str,
    artifacts: Path,
    console_errors: list[str],
    name: str,
    viewport: ViewportSize,
) -> None:
    """The results page and the agency index fit the screen; screenshots are kept."""
    page.set_viewport_size(viewport)
    pages = {
        "search": f"{site}/search/?q=referendums",
        "agencies": f"{site}/agencies/",
    }
    for label, address in pages.items():
        page.goto(address)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px"
        page.screenshot(path=artifacts / f"reader-{label}-{name}.png", full_page=True)
    # The agency index shows a chart for every agency.
    expect(page.locator(".agency-card svg.status-chart")).to_have_count(7)
    assert console_errors == []
