"""A verified claim's words corrected in the desk: readers stop seeing Verified."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, expect

from articles.models import Article
from claims.models import Claim
from claims.services import review_claim
from tests.browser.test_desk import SIZES, Axe, log_in, shoot
from tests.factories import ArticleFactory, make_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = (
    "Grain exports reached 120,000 tonnes last week, the ministry said.\n\n"
    "Ports in the south reopened on Monday, officials said."
)


def claim_reviews(page: object) -> list[dict[str, object]]:
    texts = page.locator('script[type="application/ld+json"]').all_text_contents()  # type: ignore[attr-defined]
    nodes: list[dict[str, object]] = []
    for text in texts:
        data = json.loads(text)
        nodes.extend(data.get("@graph", [data]))
    return [node for node in nodes if node.get("@type") == "ClaimReview"]


def test_corrected_words_are_under_review_again_for_readers(
    browser: Browser, live_server: object, editor: User, artifacts: Path, axe_check: Axe
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    article = ArticleFactory.create(body=BODY, headline="Grain exports rise")
    claim = make_claim(article, "Grain exports reached 120,000 tonnes last week")
    review_claim(
        claim.pk,
        status="verified",
        note="Checked against the ministry's figures.",
        actor=None,
        expected_version=claim.version,
    )
    reader = browser.new_context(viewport=SIZES["wide"]).new_page()
    reader.goto(f"{site}{article.get_absolute_url()}")
    expect(reader.locator(f"#note-{claim.pk}")).to_contain_text("Verified")
    assert len(claim_reviews(reader)) == 1

    # The editor corrects the figure in the article form.
    page = browser.new_context(viewport=SIZES["wide"]).new_page()
    log_in(page, site, editor, f"/admin/articles/article/{article.pk}/change/")
    body = page.get_by_label("Body")
    body.fill(body.input_value().replace("120,000", "102,000"))
    page.get_by_label("Kind of change").select_option("correction")
    page.get_by_label("Note for readers").fill("The figure was 102,000 tonnes.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Claim.objects.get(pk=claim.pk).words_changed_at is not None

    # The queue puts it first, saying why.
    page.goto(f"{site}/admin/claims/claim/")
    expect(page.locator("#result_list tbody tr").first).to_contain_text(
        "Its words changed after it was reviewed"
    )
    shoot(page, artifacts, "queue-words-changed", axe_check)

    # A reader arriving now: the first one's browser may keep the page it
    # read for PUBLIC_CACHE_MAX_AGE seconds, as readers' browsers may.
    reader = browser.new_context(viewport=SIZES["wide"]).new_page()
    reader.goto(f"{site}{article.get_absolute_url()}")
    note = reader.locator(f"#note-{claim.pk}")
    expect(note).to_contain_text(
        "Under review again: the text changed after this claim was verified"
    )
    expect(note).not_to_contain_text("Verified")
    expect(reader.locator(f'mark[data-claim="{claim.pk}"]').first).to_have_attribute(
        "data-status", "under_review"
    )
    assert claim_reviews(reader) == []
    reader.screenshot(path=artifacts / "reader-under-review.png", full_page=True)

    reader.goto(f"{site}{claim.get_absolute_url()}")
    verdict = reader.locator(".verdict")
    expect(verdict).to_contain_text("Under review again")
    expect(verdict).not_to_contain_text("Verified")
    expect(verdict.locator("time")).to_have_count(1)
    assert claim_reviews(reader) == []
    reader.screenshot(path=artifacts / "claim-under-review.png", full_page=True)
    assert Article.objects.get(pk=article.pk).body.count("102,000") == 1
