"""Suggestions in Chromium: a reporter imports a story and decides on what
detection found, in the article's admin page."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from articles.models import Article
from claims.models import Claim, Suggestion
from tests.browser.test_admin import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.detection,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "gas-flows-fall"
STORY = {
    "article": {
        "slug": SLUG,
        "headline": "Gas flows fall by a third",
        "byline": "Newsroom staff",
        "body": (
            "Gas flows through the pipeline fell by a third overnight, the TASS "
            "news agency reported.\n\n"
            "Kremlin spokesman Dmitry Peskov said the cuts were caused by a "
            "faulty turbine.\n\n"
            "According to the Red Cross, about 4,000 families had no heating "
            "on Monday.\n\n"
            "Needless to say, the winter will be long."
        ),
    },
    "agencies": [
        {
            "slug": "tass",
            "name": "TASS",
            "aliases": ["TASS", "the TASS news agency"],
            "kind": "news_agency",
            "country": "RU",
            "state_affiliation": "state_controlled",
        },
        {
            "slug": "kremlin",
            "name": "The Kremlin",
            "aliases": ["the Kremlin", "Kremlin"],
            "kind": "government",
            "country": "RU",
        },
    ],
    "people": [
        {
            "name": "Dmitry Peskov",
            "aliases": ["Peskov"],
            "role": "Kremlin spokesman",
            "agency": "kremlin",
        }
    ],
    "claims": [],
}


def row(page: Page, words: str) -> Any:
    return page.locator(".suggestion-row", has_text=words)


def test_reporter_accepts_edits_and_rejects_suggestions(
    page: Page,
    live_server: Any,
    reporter: User,
    artifacts: Path,
    tmp_path: Path,
    console_errors: list[str],
) -> None:
    """Imported: three suggestions marked in the preview; the reporter accepts
    Peskov's, changes the speaker and shortens TASS's before accepting, and
    rejects the Red Cross one; two claims, one rejection."""
    story = tmp_path / "gas.json"
    story.write_text(json.dumps(STORY), encoding="utf-8")
    call_command("import_story", str(story), verbosity=0)
    article = Article.objects.get(slug=SLUG)
    assert article.suggestions.count() == 3

    desk = f"{live_server.url}/admin/"
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, desk, reporter, f"articles/article/{article.pk}/change/")
    preview = page.locator("#claim-preview")
    expect(preview.locator("mark.suggestion")).to_have_count(3)
    expect(preview.locator(".suggestion-label")).to_have_count(3)
    expect(preview.locator("mark[data-claim]")).to_have_count(0)
    page.locator("#claim-preview").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "suggestions-preview-1280.png", full_page=True)

    row(page, "faulty turbine").get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Claim created from the suggestion"
    )
    expect(preview.locator("mark[data-claim]")).to_have_count(1)
    expect(preview.locator("mark.suggestion")).to_have_count(2)

    tass = row(page, "Gas flows")
    tass.locator("summary").click()
    tass.get_by_label("Speaker").fill("pipeline operator")
    start = int(tass.get_by_label("Passage from").input_value())
    tass.get_by_label("to", exact=True).fill(
        str(start + len("Gas flows through the pipeline fell"))
    )
    page.screenshot(path=artifacts / "suggestions-edit-1280.png", full_page=True)
    tass.get_by_role("button", name="Accept with these changes").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Claim created from the suggestion"
    )

    row(page, "4,000 families").get_by_role("button", name="Reject").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Suggestion rejected")
    expect(preview.locator("mark.suggestion")).to_have_count(0)
    expect(preview.locator("mark[data-claim]")).to_have_count(2)
    page.screenshot(path=artifacts / "suggestions-decided-1280.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=artifacts / "suggestions-decided-390.png", full_page=True)

    claims = {c.quote: c for c in Claim.objects.filter(article=article)}
    assert set(claims) == {
        "the cuts were caused by a faulty turbine",
        "Gas flows through the pipeline fell",
    }
    peskov = claims["the cuts were caused by a faulty turbine"]
    assert peskov.agency.slug == "kremlin"
    assert peskov.person is not None
    assert peskov.created_by == reporter
    tass_claim = claims["Gas flows through the pipeline fell"]
    assert (tass_claim.agency.slug, tass_claim.speaker) == ("tass", "pipeline operator")
    rejected = Suggestion.objects.get(state=Suggestion.State.REJECTED)
    assert "4,000 families" in rejected.exact
    assert rejected.decided_by == reporter
    assert console_errors == []


def test_mobile_preview_shows_suggestions(
    page: Page, live_server: Any, reporter: User, artifacts: Path, tmp_path: Path
) -> None:
    """At phone width the marks and the suggestion panel are readable."""
    story = tmp_path / "gas.json"
    story.write_text(json.dumps(STORY), encoding="utf-8")
    call_command("import_story", str(story), verbosity=0)
    article = Article.objects.get(slug=SLUG)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(
        page,
        f"{live_server.url}/admin/",
        reporter,
        f"articles/article/{article.pk}/change/",
    )
    expect(page.locator("#claim-preview mark.suggestion")).to_have_count(3)
    expect(page.locator(".suggestion-row")).to_have_count(3)
    page.screenshot(path=artifacts / "suggestions-preview-390.png", full_page=True)
    page.locator("#claim-preview").screenshot(
        path=artifacts / "suggestions-preview-390-marks.png"
    )
    page.locator("#suggestions").screenshot(
        path=artifacts / "suggestions-panel-390.png"
    )
