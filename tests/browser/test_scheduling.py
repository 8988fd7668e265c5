"""Scheduling from the desk, in Chromium: a story published at a time ahead
from its page (a past time refused, open items asked about), a note scheduled
from the article's form, the list's publish action asking first."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from articles.models import Article
from tests.browser.test_desk import SIZES, Axe, log_in, shoot
from tests.factories import ArticleFactory, make_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = "Officials said the vote was fair.\n\nKyiv said the vote was a sham."


def picker(hours: float) -> str:
    """A time ``hours`` from now as the date-time picker takes it."""
    moment = timezone.localtime(timezone.now() + timedelta(hours=hours))
    return moment.strftime("%Y-%m-%dT%H:%M")


def with_open_claim(headline: str) -> Article:
    article = ArticleFactory.create(
        body=BODY,
        status=Article.Status.IN_REVIEW,
        published_at=None,
        headline=headline,
    )
    make_claim(article, "the vote was fair")
    return article


def open_page(browser: Browser, site: str, editor: User, path: str) -> Page:
    page = browser.new_context(viewport=SIZES["wide"]).new_page()
    log_in(page, site, editor, path)
    return page


def test_an_editor_schedules_a_story_from_its_page(
    browser: Browser, live_server: object, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    article = with_open_claim("Turnout figures held until the count ends")
    page = open_page(
        browser, site, editor, f"/admin/articles/article/{article.pk}/change/"
    )
    panel = page.locator(".desk-handover")
    panel.get_by_label("At a time").check()
    panel.get_by_label("Publish at (UTC)").fill(picker(-2))
    panel.get_by_role("button", name="Publish").click()
    expect(page.locator("#publish-time-errors")).to_contain_text("has passed")
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    shoot(page, artifacts, "publish-at-past", axe_check)

    panel.get_by_label("At a time").check()
    panel.get_by_label("Publish at (UTC)").fill(picker(26))
    panel.get_by_role("button", name="Publish").click()
    expect(page.locator("#handover-unresolved")).to_contain_text(
        "Not reviewed: \u201cthe vote was fair\u201d"
    )
    expect(panel.get_by_label("At a time")).to_be_checked()
    shoot(page, artifacts, "publish-at-confirm", axe_check)
    panel.get_by_role("button", name="Publish anyway").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "scheduled: it goes out at"
    )
    assert Article.objects.get(pk=article.pk).embargoed

    page.get_by_role("link", name="Publishing calendar").first.click()
    expect(page.locator("h1")).to_have_text("Publishing calendar")
    expect(
        page.get_by_role("link", name="Turnout figures held until the count ends")
    ).to_be_visible()
    shoot(page, artifacts, "calendar-scheduled-from-desk", axe_check)


def test_an_editor_schedules_a_note_from_the_article_form(
    browser: Browser, live_server: object, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    article = ArticleFactory.create(headline="Polling stations report queues")
    page = open_page(
        browser, site, editor, f"/admin/articles/article/{article.pk}/change/"
    )
    page.get_by_label("Kind of change").select_option("clarification")
    page.get_by_label("Note for readers").fill(
        "Polling stations closed at eight, not nine."
    )
    page.get_by_label("Make the change at").fill(picker(3))
    page.get_by_label("Make the change at").scroll_into_view_if_needed()
    shoot(page, artifacts, "change-form-scheduled-note", axe_check)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    revision = article.revisions.get(change_kind="clarification")
    assert revision.publish_at is not None
    page.goto(f"{site}/admin/desk/calendar/")
    expect(
        page.get_by_text("Polling stations closed at eight, not nine.")
    ).to_be_visible()


def test_the_lists_publish_action_asks_first(
    browser: Browser, live_server: object, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    article = with_open_claim("Observers dispute the count")
    page = open_page(browser, site, editor, "/admin/articles/article/")
    page.locator(f'input[name="_selected_action"][value="{article.pk}"]').check()
    page.get_by_role("button", name="Publish selected articles…").click()
    expect(page.locator("#publish-open-items")).to_contain_text("Publish anyway?")
    expect(page.locator(".desk-open-items")).to_contain_text(
        "Not reviewed: \u201cthe vote was fair\u201d"
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    shoot(page, artifacts, "bulk-publish-confirm", axe_check)
    page.get_by_role("button", name="Publish anyway").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published:")
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
