"""Two tabs on one article in Chromium: the second save is refused, its text kept."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, expect

from articles.models import Article
from tests.browser.test_desk import SIZES, Axe, log_in, shoot
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_second_save_is_refused_with_its_text_kept(
    browser: Browser, live_server: object, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    article = ArticleFactory.create(
        status=Article.Status.DRAFT, published_at=None, headline="Grain deal"
    )
    path = f"/admin/articles/article/{article.pk}/change/"
    context = browser.new_context(viewport=SIZES["wide"])
    tab_a = context.new_page()
    log_in(tab_a, site, editor, path)
    tab_b = context.new_page()
    tab_b.goto(f"{site}{path}")

    tab_b.get_by_label("Standfirst").fill("Tab B's standfirst.")
    tab_b.locator("input[name=_continue]").click()
    expect(tab_b.locator(".messagelist .success")).to_be_visible()

    typed = "Tab A's body, typed with care.\n\nA second paragraph."
    tab_a.get_by_label("Body").fill(typed)
    tab_a.locator("input[name=_continue]").click()
    error = tab_a.locator(".errornote, .errorlist.nonfield")
    expect(error.first).to_be_visible()
    expect(tab_a.locator("#content-main")).to_contain_text(
        "This article was changed since you opened it"
    )
    expect(tab_a.locator("#content-main")).to_contain_text(
        re.compile(r"editor edited [a-z, ]*the standfirst at ")
    )
    expect(tab_a.get_by_label("Body")).to_have_value(typed)
    shoot(tab_a, artifacts, "article-stale-save", axe_check)
    saved = Article.objects.get(pk=article.pk)
    assert saved.standfirst == "Tab B's standfirst."
    assert "Tab A" not in saved.body
    context.close()
