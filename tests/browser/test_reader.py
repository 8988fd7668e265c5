"""Readers' pages in Chromium: labels, notes, keyboard, no JavaScript, screenshots."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    ViewportSize,
    expect,
)

from articles.editing import edit_article
from articles.models import Article
from claims.models import Claim
from tests.browser.conftest import open_story
from tests.pages.test_xss import PAYLOAD, hostile_story

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; restore what the flush removes
    # (the roles from the data migration) for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = ViewportSize(width=1280, height=900)
NARROW = ViewportSize(width=390, height=844)
SLUG = "occupied-regions-referendums-early-results"


@pytest.fixture
def story(live_server: Any) -> tuple[str, Article]:
    """The demo story on the live server: its URL and the article."""
    call_command("load_demo", verbosity=0)
    article = Article.objects.get(slug=SLUG)
    return f"{live_server.url}{article.get_absolute_url()}", article


@pytest.fixture
def csp_errors(page: Page) -> list[str]:
    """Console errors on the page: a refused inline style or script shows here."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    return errors


def claim_of(article: Article, agency: str) -> Claim:
    return article.claims.select_related("agency").get(agency__slug=agency)


def test_disputed_and_contextualized_claims_show_labels_and_notes(
    page: Page, story: tuple[str, Article], csp_errors: list[str], artifacts: Path
) -> None:
    """The RIA Novosti claim reads "Disputed", the Interfax one "Context added", with notes."""
    url, article = story
    page.set_viewport_size(DESKTOP)
    open_story(page, url)
    ria = article.claims.get(status="disputed")
    interfax = claim_of(article, "interfax")

    mark = page.locator(f'mark[data-claim="{ria.pk}"]')
    expect(mark).to_have_attribute("data-status", "disputed")
    expect(mark).to_contain_text("Preliminary results from the so-called referendums")
    label = page.locator(f"#label-{ria.pk}")
    expect(label).to_be_visible()
    expect(label).to_contain_text("Disputed")
    expect(label.locator("svg")).to_be_visible()

    interfax_label = page.locator(f"#label-{interfax.pk}")
    expect(page.locator(f'mark[data-claim="{interfax.pk}"]')).to_have_attribute(
        "data-status", "contextualized"
    )
    expect(interfax_label).to_contain_text("Context added")

    # With JavaScript the label opens the note under its paragraph.
    label.click()
    inline = page.locator(f"#inline-note-{ria.pk}")
    expect(inline).to_be_visible()
    expect(inline).to_contain_text("RIA Novosti reported that preliminary results")
    expect(inline).to_contain_text("Russian state-controlled media")
    expect(inline).to_contain_text(
        "Disputed by Ukraine, the United Nations, the European Union and the United States"
    )
    expect(label).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=artifacts / "reader-article-note-open.png")
    page.keyboard.press("Escape")
    expect(inline).to_have_count(0)
    expect(label).to_be_focused()

    interfax_label.click()
    expect(page.locator(f"#inline-note-{interfax.pk}")).to_contain_text(
        "Interfax reported that in the Kherson region"
    )
    # The notes after the story are there as well.
    expect(page.locator(f"#note-{interfax.pk}")).to_contain_text(
        "no count has been independently checked"
    )
    # The stylesheet loaded and nothing was refused by the CSP.
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
        "Georgia"
    )
    assert csp_errors == []


def test_keyboard_focus_reaches_every_label(
    page: Page, story: tuple[str, Article]
) -> None:
    """Tabbing through the page focuses each of the six labels, with a visible outline."""
    url, article = story
    page.set_viewport_size(DESKTOP)
    open_story(page, url)
    expected = {
        str(pk)
        for pk in article.claims.exclude(status="unreviewed").values_list(
            "pk", flat=True
        )
    }
    reached: set[str] = set()
    outlines: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || !el.classList.contains('claim-label')) return null;
                return [el.dataset.claim, getComputedStyle(el).outlineStyle];
            }"""
        )
        if focused:
            reached.add(focused[0])
            outlines.add(focused[1])
        if reached == expected:
            break
    assert reached == expected
    assert "none" not in outlines
    # Enter on a focused label opens its note.
    page.keyboard.press("Enter")
    expect(page.locator(".inline-note")).to_have_count(1)


def test_without_javascript_every_note_is_shown(
    browser: Browser, story: tuple[str, Article], artifacts: Path
) -> None:
    """With JavaScript off, every reviewed claim's note is on the page and its label leads there."""
    url, article = story
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(url)
    reviewed = article.claims.exclude(status="unreviewed").select_related("agency")
    for claim in reviewed:
        note = page.locator(f"#note-{claim.pk}")
        expect(note).to_be_visible()
        expect(note).to_contain_text(claim.agency.name)
        if claim.note:
            expect(note).to_contain_text(claim.note)
    expect(page.locator(".claim-label")).to_have_count(reviewed.count())
    ria = article.claims.get(status="disputed")
    page.locator(f"#label-{ria.pk}").click()
    assert page.url.endswith(f"#note-{ria.pk}")
    expect(page.locator(f"#note-{ria.pk}")).to_be_in_viewport()
    page.screenshot(path=artifacts / "reader-article-nojs-note.png")
    context.close()


@pytest.mark.parametrize(
    ("name", "viewport"), [("desktop", DESKTOP), ("narrow", NARROW)]
)
def test_full_page_screenshots(
    page: Page,
    story: tuple[str, Article],
    live_server: Any,
    artifacts: Path,
    csp_errors: list[str],
    name: str,
    viewport: ViewportSize,
) -> None:
    """Every reader page renders without horizontal scrolling; screenshots are kept."""
    url, article = story
    page.set_viewport_size(viewport)
    pages = {
        "index": f"{live_server.url}/",
        "article": url,
        "agency": f"{live_server.url}/agencies/ria-novosti/",
        "claim": f"{live_server.url}{article.claims.get(status='disputed').get_absolute_url()}",
    }
    for label, address in pages.items():
        page.goto(address)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px"
        page.screenshot(path=artifacts / f"reader-{label}-{name}.png", full_page=True)
    assert csp_errors == []


def test_stored_payloads_do_not_run_in_the_browser(
    page: Page, live_server: Any, csp_errors: list[str]
) -> None:
    """Script and handler payloads in every editor field open no dialog on any page."""
    article, agency, claims = hostile_story()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    for path in [
        "/",
        article.get_absolute_url(),
        agency.get_absolute_url(),
        claims[0].get_absolute_url(),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_contain_text(PAYLOAD)
        # Focus and hover everything a handler could hang on.
        for label in page.locator("main a").all()[:20]:
            label.focus()
            label.hover()
    assert dialogs == []
    assert csp_errors == []


def test_corrected_story_lists_its_correction(
    page: Page, story: tuple[str, Article], csp_errors: list[str], artifacts: Path
) -> None:
    """After a correction, the story says Updated and ends with the dated note."""
    url, article = story
    edit_article(
        article.pk,
        actor=None,
        body=article.body.replace("98.05%", "98.1%"),
        change_kind="correction",
        change_note="An earlier version misstated the Donetsk share as 98.05%.",
    )
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    expect(page.locator(".story-header .updated")).to_contain_text("Updated")
    corrections = page.get_by_role("region", name="Corrections and updates")
    expect(corrections).to_contain_text(
        "Correction: An earlier version misstated the Donetsk share as 98.05%."
    )
    corrections.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "reader-corrections.png", full_page=False)
    assert csp_errors == []
