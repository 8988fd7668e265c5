"""Repeats in Chromium: an editor confirms a possible repeat in the workspace
with one key, and readers see where else the claim appears; 1280 and 390 px,
axe-core on each page."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from claims.models import Claim, ClaimGroup
from claims.services import review_claim
from tests.browser.conftest import open_story
from tests.browser.test_desk import SIZES, Axe, card, expect_selected, log_in
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TURNOUT = "Turnout in Kherson reached 87% on the first day, the commission said"


def shoot(page: Page, artifacts: Path, name: str, axe_check: Axe) -> None:
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=artifacts / f"repeats-{name}-{size}.png", full_page=True)
        violations = axe_check(page)
        assert violations == [], f"{name} at {size}: {violations}"
    page.set_viewport_size(SIZES["wide"])


@pytest.fixture
def two_stories(live_server: Any) -> tuple[Claim, Claim]:
    ria = AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")
    first = make_claim(
        ArticleFactory.create(
            headline="Kherson vote: first day",
            body=f"Polling began on Friday.\n\n{TURNOUT}.\n\nResults follow.",
        ),
        TURNOUT,
        agency=ria,
    )
    second_words = TURNOUT.replace("87%", "87 per cent")
    second = make_claim(
        ArticleFactory.create(
            headline="What the Kherson figures mean",
            body=f"Analysts weighed the numbers.\n\n{second_words}.\n\nMore soon.",
        ),
        second_words,
        agency=ria,
    )
    return first, second


def test_confirm_a_repeat_by_key_then_read_it_everywhere(
    page: Page,
    live_server: Any,
    editor: User,
    two_stories: tuple[Claim, Claim],
    artifacts: Path,
    axe_check: Axe,
    console_errors: list[str],
) -> None:
    """s confirms the first possible repeat; a review reaches both stories,
    whose notes say where else the claim appears."""
    first, second = two_stories
    site = str(live_server.url)
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor)
    expect(page.locator(".desk-waiting")).to_contain_text(
        "1 possible repeat awaiting a decision"
    )
    page.goto(f"{site}/admin/desk/articles/{second.article_id}/workspace/")
    expect_selected(page, second)
    repeats = card(page, second).locator(".desk-repeats")
    expect(repeats).to_contain_text("Kherson vote: first day")
    expect(repeats).to_contain_text("The same claim, score")
    shoot(page, artifacts, "workspace", axe_check)

    page.keyboard.press("s")
    expect(page.locator("#desk-messages")).to_contain_text("now the same claim")
    expect(card(page, second).locator(".desk-group")).to_contain_text(
        "The same claim as in 1 other story"
    )
    assert ClaimGroup.objects.get().claims.count() == 2
    expect(
        card(page, second).get_by_role("button", name="Leave the group")
    ).to_be_visible()
    shoot(page, artifacts, "workspace-confirmed", axe_check)
    page.goto(f"{site}/admin/claims/claim/{second.pk}/change/")
    expect(page.locator(".claim-repeats")).to_contain_text("Confirmed: The same claim")
    expect(page.get_by_role("button", name="Leave the group")).to_be_visible()
    page.get_by_role("button", name="Leave the group").scroll_into_view_if_needed()
    shoot(page, artifacts, "admin-claim", axe_check)
    page.goto(f"{site}/admin/claims/claim/")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    shoot(page, artifacts, "queue", axe_check)
    page.goto(f"{site}/admin/claims/claim/?repeats=grouped")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("2 stories")
    expect(rows.first).to_contain_text("What the Kherson figures mean")
    shoot(page, artifacts, "queue-grouped", axe_check)
    page.goto(f"{site}/admin/")
    expect(page.locator("#possible-repeats")).to_be_visible()
    shoot(page, artifacts, "dashboard", axe_check)

    review_claim(
        first.pk,
        status=Claim.Status.DISPUTED,
        note="The commission's tally gives 52%.",
        disputed_by="Ukraine's Central Election Commission",
        actor=editor,
        expected_version=Claim.objects.get(pk=first.pk).version,
    )
    open_story(page, f"{site}{first.article.get_absolute_url()}")
    note = page.locator(f"#note-{first.pk}")
    appears = note.locator(".also-appears")
    expect(appears).to_contain_text("This claim also appears in 1 other story:")
    expect(
        appears.get_by_role("link", name="What the Kherson figures mean")
    ).to_have_attribute("href", second.article.get_absolute_url())
    expect(page.locator("body")).to_contain_text(
        "A claim in this story is now disputed"
    )
    page.locator(f"#note-{first.pk}").scroll_into_view_if_needed()
    shoot(page, artifacts, "reader-note", axe_check)
    page.goto(f"{site}{second.get_absolute_url()}")
    expect(page.locator("section.also-appears")).to_contain_text(
        "Kherson vote: first day"
    )
    shoot(page, artifacts, "claim-page", axe_check)

    page.goto(f"{site}/admin/desk/articles/{second.article_id}/workspace/")
    card(page, second).get_by_role("button", name="Leave the group").click()
    expect(page.locator("#desk-messages")).to_contain_text(
        f"Claim {second.pk} left its group. It keeps its review (Disputed)"
    )
    expect(card(page, second).locator(".desk-group")).to_have_count(0)
    shoot(page, artifacts, "workspace-left", axe_check)
    assert not ClaimGroup.objects.exists()
    open_story(page, f"{site}{first.article.get_absolute_url()}")
    expect(page.locator(f"#note-{first.pk} .also-appears")).to_have_count(0)
    assert console_errors == []
