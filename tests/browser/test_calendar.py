"""In Chromium: the publishing calendar at both sizes, axe-clean, and an
editor lifting an embargo early from it, with the reason logged."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from articles.editing import edit_article
from articles.models import Article, ArticleEvent
from articles.services import publish_article
from tests.browser.conftest import AxeCheck
from tests.browser.test_desk import log_in, shoot
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def scheduled(live_server: Any, editor: User) -> dict[str, Article]:
    """Two stories under embargo (tomorrow and the day after) and a correction
    scheduled for tomorrow."""
    call_command("load_demo", verbosity=0)
    now = timezone.now()
    first = ArticleFactory.create(
        slug="budget-vote",
        headline="Parliament votes on the emergency budget",
        status="draft",
        published_at=None,
    )
    publish_article(first.pk, actor=editor, schedule=now + timedelta(days=1, hours=1))
    second = ArticleFactory.create(
        slug="grain-deal",
        headline="Grain corridor talks resume under UN mediation",
        status="draft",
        published_at=None,
    )
    publish_article(second.pk, actor=editor, schedule=now + timedelta(days=2))
    corrected = Article.objects.get(slug="occupied-regions-referendums-early-results")
    edit_article(
        corrected.pk,
        actor=editor,
        change_kind="clarification",
        change_note="The voting period was five days of voting.",
        change_at=now + timedelta(days=1, hours=2),
    )
    return {"first": first, "second": second}


def test_the_calendar_shows_what_goes_out_and_an_editor_lifts_an_embargo(
    page: Page,
    live_server: Any,
    editor: User,
    scheduled: dict[str, Article],
    artifacts: Path,
    axe_check: AxeCheck,
) -> None:
    site = str(live_server.url)
    log_in(page, site, editor, "/admin/desk/calendar/")
    expect(page.locator("h1")).to_have_text("Publishing calendar")
    slots = page.locator("#calendar-ahead ~ ol .desk-slot, .desk-schedule .desk-slot")
    expect(page.get_by_text("Parliament votes on the emergency budget")).to_be_visible()
    expect(page.get_by_text("Grain corridor talks resume")).to_be_visible()
    expect(
        page.get_by_text("The voting period was five days of voting.")
    ).to_be_visible()
    assert slots.count() >= 3
    page.locator(".desk-lift summary").first.click()
    shoot(page, artifacts, "calendar", axe_check)

    # Lift the first embargo without a reason: the browser asks for one.
    form = page.locator(".desk-lift form").first
    form.get_by_label("Why lift it now").fill(
        "The minister announced the vote at 10:00."
    )
    form.get_by_role("button", name="Lift embargo").click()
    expect(page.locator(".messagelist")).to_contain_text("is public now")
    expect(page.locator("#calendar-lifts ~ ol")).to_contain_text(
        "The minister announced the vote at 10:00."
    )
    expect(page.locator("#calendar-lifts ~ ol")).to_contain_text(editor.username)
    shoot(page, artifacts, "calendar-lifted", axe_check)

    lifted = ArticleEvent.objects.get(kind=ArticleEvent.Kind.EMBARGO_LIFTED)
    assert lifted.actor == editor
    assert "The minister announced the vote" in lifted.comment
    page.goto(f"{site}/articles/budget-vote/")
    expect(page.locator("h1")).to_have_text("Parliament votes on the emergency budget")
    assert page.request.get(f"{site}/articles/grain-deal/").status == 404
