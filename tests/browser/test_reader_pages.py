"""Readers' pages in Chromium, light and dark, desktop and phone: screenshots,
axe-core, and notes that open one at a time without moving the reader."""

from pathlib import Path
from typing import Any, Literal

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, ViewportSize, expect

from articles.models import Article
from claims.models import Claim
from tests.browser.conftest import AxeCheck, open_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {
    "desktop": ViewportSize(width=1280, height=800),
    "phone": ViewportSize(width=390, height=844),
}
Scheme = Literal["light", "dark"]


@pytest.fixture
def story(live_server: Any) -> tuple[str, Article]:
    call_command("load_demo", verbosity=0)
    article = Article.objects.get(slug="occupied-regions-referendums-early-results")
    return str(live_server.url), article


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_reader_pages_look_right_and_pass_axe(
    page: Page,
    story: tuple[str, Article],
    axe: AxeCheck,
    artifacts: Path,
    scheme: Scheme,
    size: str,
) -> None:
    """Every page (index, story, an open note of each status, agency index and
    profiles, search, a claim, the not-found page): screenshots kept, no
    serious axe findings."""
    site, article = story
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(VIEWPORTS[size])
    found: dict[str, list[dict[str, Any]]] = {}

    def shot(name: str, *, full_page: bool = True) -> None:
        no_sideways_scroll(page)
        page.screenshot(
            path=artifacts / f"reader-{name}-{size}-{scheme}.png", full_page=full_page
        )
        found[name] = axe(page)

    open_story(page, f"{site}{article.get_absolute_url()}")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light")
    shot("article")
    for status in ("verified", "disputed", "contextualized"):
        claim = article.claims.filter(status=status).order_by("start").first()
        assert claim is not None
        label = page.locator(f"#label-{claim.pk}")
        label.scroll_into_view_if_needed()
        label.click()
        note = page.locator(f"#inline-note-{claim.pk}")
        expect(note).to_be_visible()
        note.scroll_into_view_if_needed()
        shot(f"note-{status}", full_page=False)
    page.goto(f"{site}/agencies/")
    shot("agency-index")
    page.goto(f"{site}/agencies/ria-novosti/")
    shot("agency-profile")
    page.goto(f"{site}/agencies/united-nations/")
    shot("agency-profile-international")
    page.goto(f"{site}/search/?q=referendums")
    shot("search")
    page.goto(f"{site}/")
    shot("index")
    page.goto(f"{site}{article.claims.get(status='disputed').get_absolute_url()}")
    shot("claim")
    page.goto(f"{site}/no-such-page/")
    shot("not-found")
    assert found == {name: [] for name in found}


def test_one_note_open_at_a_time_keeping_the_readers_place(
    page: Page, story: tuple[str, Article]
) -> None:
    """Opening a second note closes the first; the clicked label stays where it was."""
    site, article = story
    page.set_viewport_size(VIEWPORTS["phone"])
    open_story(page, f"{site}{article.get_absolute_url()}")
    first, second = article.claims.exclude(status=Claim.Status.UNREVIEWED).order_by(
        "start"
    )[:2]
    page.locator(f"#label-{first.pk}").click()
    expect(page.locator(f"#inline-note-{first.pk}")).to_be_visible()
    label = page.locator(f"#label-{second.pk}")
    label.scroll_into_view_if_needed()
    before = label.bounding_box()
    label.click()
    expect(page.locator(f"#inline-note-{second.pk}")).to_be_visible()
    expect(page.locator(".inline-note")).to_have_count(1)
    expect(page.locator(f"#label-{first.pk}")).to_have_attribute(
        "aria-expanded", "false"
    )
    after = label.bounding_box()
    assert before is not None
    assert after is not None
    assert abs(after["y"] - before["y"]) < 2, (before, after)


def test_label_and_its_full_stop_share_a_line(
    page: Page, story: tuple[str, Article]
) -> None:
    """At phone width a status label never leaves its full stop or comma behind."""
    site, article = story
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(f"{site}{article.get_absolute_url()}")
    pairs = page.locator(".story-body .nowrap")
    assert pairs.count() >= 3
    for index in range(pairs.count()):
        # An inline element broken across lines has one box per line.
        boxes = pairs.nth(index).evaluate("el => el.getClientRects().length")
        assert boxes == 1
