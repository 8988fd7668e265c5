"""Publishing with unreviewed claims asks first, in Chromium."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, expect

from articles.models import Article
from tests.browser.test_desk import SIZES, Axe, log_in, shoot
from tests.factories import ArticleFactory, make_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_publishing_with_unreviewed_claims_asks_first(
    browser: Browser, live_server: object, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    article = ArticleFactory.create(
        body="Officials said the vote was fair.\n\nKyiv said the vote was a sham.",
        status=Article.Status.IN_REVIEW,
        published_at=None,
        headline="Vote story",
    )
    make_claim(article, "the vote was fair")
    page = browser.new_context(viewport=SIZES["wide"]).new_page()
    log_in(page, site, editor, f"/admin/articles/article/{article.pk}/change/")
    page.locator(".desk-handover").get_by_role("button", name="Publish").click()
    asked = page.locator("#handover-unresolved")
    expect(asked).to_contain_text("Publish it anyway?")
    expect(asked).to_contain_text("Not reviewed: \u201cthe vote was fair\u201d")
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    shoot(page, artifacts, "publish-asks-first", axe_check)
    page.locator(".desk-handover").get_by_role("button", name="Publish anyway").click()
    expect(page.locator(".messagelist .success")).to_contain_text("published")
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
