"""The desk's layout and words in Chromium: the queue's columns beside the
sidebar, tables on a phone, the preview for a draft, the new article form,
the workspace's cards and unsent notes, and a superuser's dashboard."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Dialog, Page, Request, expect

from articles.models import Article
from claims.models import Claim
from tests.browser.test_desk import SIZES, SLUG, Axe, log_in, shoot, site
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

__all__ = ["site"]


def inside(page: Page, selector: str, right: float) -> None:
    """Every element matching ``selector`` is shown and ends left of ``right``."""
    boxes = [
        page.locator(selector).nth(index).bounding_box()
        for index in range(page.locator(selector).count())
    ]
    assert boxes, f"nothing matches {selector}"
    for box in boxes:
        assert box is not None, f"{selector} is not shown"
        assert box["width"] > 0
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= right + 0.5, (selector, box, right)


def test_the_queue_beside_the_sidebar_shows_every_column(
    page: Page, site: str, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    """At 1280 px with the sidebar open the agency and speaker columns are in
    view; on a phone each row is stacked, its cells within the screen."""
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor, "/admin/claims/claim/")
    expect(page.locator("#content h1")).to_have_text("Review queue")
    expect(page).to_have_title("Review queue | Newsroom desk")
    expect(page.locator("#nav-sidebar")).to_be_visible()
    results = page.locator("#changelist-form .results").bounding_box()
    assert results is not None
    edge = min(results["x"] + results["width"], SIZES["wide"]["width"])
    for column in ("agency_with_label", "speaker", "status_and_version"):
        header = page.locator(f"#result_list th.column-{column}")
        expect(header).to_be_visible()
        inside(page, f"#result_list th.column-{column}", edge)
    shoot(page, artifacts, "queue-columns", axe_check)

    page.set_viewport_size(SIZES["phone"])
    page.reload()
    expect(page.locator("#result_list.desk-stacked")).to_be_attached()
    phone = SIZES["phone"]["width"]
    inside(page, "#result_list td.field-speaker", phone)
    inside(page, "#result_list td.field-agency_with_label", phone)
    expect(page.locator("#result_list td.field-speaker").first).to_have_attribute(
        "data-label", "Speaker"
    )


def test_an_articles_tables_fit_a_phone(
    page: Page, site: str, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    """The article's claims, workflow log and revisions, and a claim's
    history, are stacked rows within 390 px: nothing clipped."""
    article = Article.objects.get(slug=SLUG)
    claim = (
        Claim.objects.filter(article=article)
        .exclude(status=Claim.Status.UNREVIEWED)
        .first()
    )
    assert claim is not None
    page.set_viewport_size(SIZES["phone"])
    log_in(page, site, editor, f"/admin/articles/article/{article.pk}/change/")
    phone = SIZES["phone"]["width"]
    for group in ("claims-group", "events-group", "revisions-group"):
        expect(page.locator(f"#{group} table.desk-stacked")).to_be_attached()
        inside(page, f"#{group} tbody td:visible", phone)
    shoot(page, artifacts, "article-tables", axe_check)
    page.set_viewport_size(SIZES["phone"])
    page.goto(f"{site}/admin/claims/claim/{claim.pk}/change/")
    inside(page, "#events-group tbody td:visible", phone)


def test_view_on_site_of_a_draft_is_its_preview(
    page: Page, site: str, editor: User
) -> None:
    """A draft has no readers' page yet: "View on site" opens the staff preview."""
    draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor, f"/admin/articles/article/{draft.pk}/change/")
    link = page.locator("a.viewsitelink")
    expect(link).to_have_attribute("href", f"/admin/desk/articles/{draft.pk}/preview/")
    link.click()
    expect(page.locator("h1").first).to_have_text(draft.headline)
    published = Article.objects.get(slug=SLUG)
    page.goto(f"{site}/admin/articles/article/{published.pk}/change/")
    expect(page.locator("a.viewsitelink")).to_have_attribute(
        "href", published.get_absolute_url()
    )


def test_a_new_article_has_no_correction_section(
    page: Page, site: str, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    """Nothing published yet, nothing to correct: the section shows only on
    a saved article."""
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor, "/admin/articles/article/add/")
    expect(page.locator("#id_headline")).to_be_visible()
    expect(page.get_by_text("Change to a published text")).to_have_count(0)
    expect(page.locator("#id_change_kind")).to_have_count(0)
    shoot(page, artifacts, "article-add", axe_check)
    published = Article.objects.get(slug=SLUG)
    page.goto(f"{site}/admin/articles/article/{published.pk}/change/")
    expect(page.get_by_text("Change to a published text")).to_be_visible()


def test_the_workspace_names_the_agency_acts_on_the_card_and_keeps_notes(
    page: Page, site: str, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    """A card with a speaker names the agency too; "Add context" on a card not
    selected asks for its note there, posting nothing; leaving with a note
    typed and not sent makes the browser ask."""
    article = Article.objects.get(slug=SLUG)
    # Not reviewed, so no note yet, and not the first to do: not selected.
    spoken = Claim.objects.get(article=article, speaker="Ukraine and the West")
    posted: list[str] = []

    def record(request: Request) -> None:
        if request.method == "POST" and "/review/" in request.url:
            posted.append(request.url)

    page.on("request", record)
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor, f"/admin/desk/articles/{article.pk}/workspace/")
    workspace = page.locator("#desk-workspace.desk-enhanced")
    expect(workspace).to_be_attached()
    card = page.locator(f'.desk-card[data-claim="{spoken.pk}"]')
    expect(card.locator(".desk-agency")).to_have_text("Agency: Government of Ukraine")
    assert workspace.get_attribute("data-selected") != str(spoken.pk)

    card.get_by_role("button", name="Add context").click()
    expect(workspace).to_have_attribute("data-selected", str(spoken.pk))
    expect(card.locator("textarea[name=note]")).to_be_focused()
    expect(page.locator("#desk-announce")).to_contain_text("Write the note for readers")
    assert posted == []
    shoot(page, artifacts, "workspace-card", axe_check)

    card.locator("textarea[name=note]").fill("Said on a call with reporters.")
    with page.expect_event("dialog") as shown:
        page.close(run_before_unload=True)
    dialog: Dialog = shown.value
    assert dialog.type == "beforeunload"
    dialog.dismiss()


def test_a_superusers_dashboard_lists_no_machinery(
    page: Page, site: str, artifacts: Path, axe_check: Axe, roles: Any
) -> None:
    """Tokens, login attempts and the task queue's rows are not desk work."""
    boss = UserFactory.create(username="boss", is_superuser=True)
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, boss)
    content = page.locator("#content-main")
    expect(content.get_by_text("Claims", exact=True).first).to_be_visible()
    for hidden in ("Auth Token", "Axes", "Tasks Database Backend", "Access attempts"):
        expect(page.get_by_text(hidden, exact=False)).to_have_count(0)
    shoot(page, artifacts, "dashboard-superuser", axe_check)
