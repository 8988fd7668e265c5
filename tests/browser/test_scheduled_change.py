"""In Chromium: a correction of a text scheduled ahead, on the article's page
and on the calendar, at both sizes and axe-clean, and an editor making it
early from the article's page, with the reason logged."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from articles.editing import edit_article
from articles.models import Article, ArticleEvent, PendingChange
from tests.browser.conftest import AxeCheck
from tests.browser.test_desk import SIZES, log_in, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "occupied-regions-referendums-early-results"
NOTE = "The first results covered four regions, not three."


@pytest.fixture
def held(live_server: Any, reporter: User) -> Article:
    """The demo story with a correction of its standfirst and body scheduled
    for tomorrow by a reporter."""
    call_command("load_demo", verbosity=0)
    article = Article.objects.get(slug=SLUG)
    paragraphs = article.body.split("\n\n")
    edit_article(
        article.pk,
        actor=reporter,
        standfirst=article.standfirst + " Four regions voted.",
        body="\n\n".join(
            [paragraphs[0] + " The figures covered four regions.", *paragraphs[1:]]
        ),
        change_kind="correction",
        change_note=NOTE,
        change_at=timezone.now() + timedelta(days=1),
    )
    return article


def test_the_scheduled_change_on_the_page_and_the_calendar_and_made_early(
    page: Page,
    live_server: Any,
    editor: User,
    held: Article,
    artifacts: Path,
    axe_check: AxeCheck,
) -> None:
    site = str(live_server.url)
    log_in(page, site, editor, "/admin/desk/calendar/")
    slot = page.locator(".desk-slot", has_text="Correction of the text")
    expect(slot).to_contain_text(held.headline)
    expect(slot).to_contain_text("Changes body, standfirst; scheduled by reporter")
    slot.locator(".desk-lift summary").first.click()
    shoot(page, artifacts, "calendar-scheduled-change", axe_check)

    slot.get_by_role("link", name="See what changes").click()
    panel = page.locator("#scheduled-change")
    expect(panel).to_be_visible()
    expect(panel.locator("ins").first).to_contain_text("The figures covered four")
    expect(panel.locator("ins").last).to_contain_text("Four regions voted.")
    expect(panel).to_contain_text(NOTE)
    panel.get_by_text("Make it now…").click()
    shoot(page, artifacts, "article-scheduled-change", axe_check)
    # The panel alone, to look at closely on a long page.
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        panel.screenshot(path=artifacts / f"desk-scheduled-change-panel-{size}.png")
    page.set_viewport_size(SIZES["wide"])

    # The reason is asked for by the browser, then kept in the log.
    panel.get_by_label("Why make it now").fill("The commission published them.")
    panel.get_by_role("button", name="Make the change now").click()
    expect(page.locator(".messagelist")).to_contain_text("readers see it now")
    expect(page.locator("#scheduled-change")).to_have_count(0)
    made = ArticleEvent.objects.get(kind=ArticleEvent.Kind.CHANGE_APPLIED_EARLY)
    assert made.actor == editor
    assert made.comment.startswith("The commission published them.")
    assert PendingChange.objects.get().applied_at is not None
    page.goto(f"{site}/articles/{SLUG}/")
    expect(page.locator("body")).to_contain_text("The figures covered four regions.")
    expect(page.locator("body")).to_contain_text(NOTE)
