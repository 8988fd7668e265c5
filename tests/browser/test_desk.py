"""The desk in Chromium: the dashboard, the review workspace worked by keyboard,
re-attachment by selection, the preview, and axe-core on every desk page."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, ViewportSize, expect

from articles.models import Article
from claims.models import Claim, Suggestion
from claims.services import detect_suggestions
from tests.factories import PESKOV, RED_CROSS, TASS, edit_text, suggestion_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery"
SLUG = "occupied-regions-referendums-early-results"
SIZES: dict[str, ViewportSize] = {
    "wide": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}

Axe = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture
def site(live_server: Any) -> str:
    call_command("load_demo", verbosity=0)
    return str(live_server.url)


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error" and "favicon" not in message.location["url"]:
            errors.append(f"{message.text} ({message.location['url']})")

    page.on("console", record)
    return errors


def log_in(page: Page, site: str, user: User, path: str = "/admin/") -> None:
    page.goto(f"{site}/admin/login/?next={path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#content h1")).to_be_visible()


def shoot(page: Page, artifacts: Path, name: str, axe_check: Axe | None = None) -> None:
    """Screenshots at both sizes (and axe-core's verdict at each)."""
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=artifacts / f"desk-{name}-{size}.png", full_page=True)
        if axe_check is not None:
            violations = axe_check(page)
            assert violations == [], f"{name} at {size}: {violations}"
    page.set_viewport_size(SIZES["wide"])


def card(page: Page, claim: Claim) -> Any:
    return page.locator(f'.desk-card[data-claim="{claim.pk}"]')


def expect_selected(page: Page, claim: Claim, *, negate: bool = False) -> None:
    """Wait until the workspace's script has started and selected `claim` (or,
    with `negate`, anything else): keys pressed before it starts do nothing."""
    workspace = page.locator("#desk-workspace.desk-enhanced")
    if negate:
        expect(workspace).not_to_have_attribute("data-selected", str(claim.pk))
    else:
        expect(workspace).to_have_attribute("data-selected", str(claim.pk))


def test_an_editor_works_an_article_by_keyboard(
    page: Page,
    site: str,
    editor: User,
    artifacts: Path,
    axe_check: Axe,
    console_errors: list[str],
) -> None:
    """From the dashboard into the workspace; every review by key, none by mouse."""
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor)
    expect(page.locator(".desk-waiting")).to_contain_text("claims not reviewed")
    shoot(page, artifacts, "dashboard", axe_check)
    article = Article.objects.get(slug=SLUG)
    page.locator("#published-unreviewed ~ ul a", has_text=article.headline).click()
    expect(page.locator("#desk-body mark[data-claim]").first).to_be_visible()
    shoot(page, artifacts, "workspace", axe_check)

    claims = list(Claim.objects.filter(article=article).order_by("start", "pk"))
    todo = [claim for claim in claims if claim.status == Claim.Status.UNREVIEWED]
    assert len(todo) >= 3
    first = todo[0]
    expect_selected(page, first)
    expect(page.locator("#desk-keys-help")).to_contain_text("j next claim")

    # j and k move the selection, and the passage in the body with it.
    page.keyboard.press("j")
    expect_selected(page, claims[claims.index(first) + 1])
    expect(card(page, claims[claims.index(first) + 1])).to_be_focused()
    page.keyboard.press("k")
    expect_selected(page, first)
    expect(
        page.locator(f'#desk-body mark[data-claim="{first.pk}"]').first
    ).to_have_class("is-selected")

    # v verifies, and the next claim needing work is selected.
    page.keyboard.press("v")
    expect(card(page, first)).to_contain_text("Verified")
    expect(page.locator("#desk-messages")).to_contain_text("now Verified")
    expect_selected(page, todo[1])
    expect(card(page, todo[1])).to_be_focused()

    # d asks for the note, then who disputes it, then disputes.
    page.keyboard.press("d")
    note = card(page, todo[1]).get_by_label("Note for readers")
    expect(note).to_be_focused()
    page.keyboard.type("No independent count of the vote exists.")
    page.keyboard.press("Escape")
    page.keyboard.press("d")
    expect(card(page, todo[1]).get_by_label("Disputed by")).to_be_focused()
    page.keyboard.type("Ukraine's foreign ministry")
    page.keyboard.press("Escape")
    page.keyboard.press("d")
    expect(card(page, todo[1])).to_contain_text(
        "Disputed by: Ukraine's foreign ministry"
    )
    expect_selected(page, todo[2])

    # c with a note adds context; then r reopens it again.
    page.keyboard.press("c")
    page.keyboard.type("The vote was held under occupation.")
    page.keyboard.press("Escape")
    page.keyboard.press("c")
    expect(card(page, todo[2])).to_contain_text("Context added")
    # Nothing else needs work: the selection stays on the last claim reviewed.
    expect_selected(page, todo[2])
    expect(page.locator("#desk-workspace")).to_contain_text("0 needing work")
    page.keyboard.press("k")
    expect_selected(page, todo[2], negate=True)
    page.keyboard.press("j")
    expect_selected(page, todo[2])
    page.keyboard.press("r")
    expect(card(page, todo[2])).to_contain_text("Not reviewed")
    shoot(page, artifacts, "workspace-worked")

    stored = {claim.pk: claim for claim in Claim.objects.filter(article=article)}
    assert stored[first.pk].status == Claim.Status.VERIFIED
    assert stored[todo[1].pk].status == Claim.Status.DISPUTED
    assert stored[todo[1].pk].note == "No independent count of the vote exists."
    assert stored[todo[2].pk].status == Claim.Status.UNREVIEWED
    assert stored[todo[2].pk].events.count() == 2

    # Readers see the result.
    page.goto(f"{site}/articles/{SLUG}/")
    expect(page.locator(f"#note-{todo[1].pk}")).to_contain_text(
        "No independent count of the vote exists."
    )
    assert console_errors == []


def test_an_orphaned_claim_is_reattached_by_selecting_its_new_text(
    page: Page, site: str, editor: User, artifacts: Path, console_errors: list[str]
) -> None:
    """Select the new wording in the body; the claim follows it."""
    article = Article.objects.get(slug=SLUG)
    target = Claim.objects.get(
        article=article, quote__startswith="Ukraine has every right"
    )
    edit_text(
        article, body=article.body.replace(target.quote, "Kyiv may free its land")
    )
    target.refresh_from_db()
    assert target.anchor_state == Claim.AnchorState.ORPHANED
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor, f"/admin/desk/articles/{article.pk}/workspace/")
    orphan = card(page, target)
    expect(orphan).to_contain_text("Its text is no longer in the article")
    expect(
        orphan.get_by_role("button", name="Re-attach to the selected text")
    ).to_be_disabled()
    page.evaluate(
        """(passage) => {
            const body = document.getElementById("desk-body");
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(passage);
                if (at !== -1) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + passage.length);
                    document.getSelection().removeAllRanges();
                    document.getSelection().addRange(range);
                    return;
                }
            }
        }""",
        "Kyiv may free its land",
    )
    expect(orphan).to_contain_text("Selected: “Kyiv may free its land”")
    shoot(page, artifacts, "reattach")
    orphan.get_by_role("button", name="Re-attach to the selected text").click()
    expect(page.locator("#desk-messages")).to_contain_text("attached to its new text")
    target.refresh_from_db()
    assert target.anchor_state == Claim.AnchorState.ANCHORED
    assert target.quote == "Kyiv may free its land"
    expect(page.locator(f'#desk-body mark[data-claim="{target.pk}"]')).to_have_text(
        "Kyiv may free its land"
    )
    assert console_errors == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("queue", "/admin/claims/claim/"),
        ("claim", "/admin/claims/claim/{claim}/change/"),
        ("article", "/admin/articles/article/{article}/change/"),
        ("preview", "/admin/desk/articles/{article}/preview/"),
        ("agency", "/admin/claims/agency/add/"),
        ("articles", "/admin/articles/article/"),
    ],
)
def test_desk_pages_pass_axe_at_both_sizes(
    page: Page,
    site: str,
    editor: User,
    artifacts: Path,
    axe_check: Axe,
    name: str,
    path: str,
) -> None:
    """No serious or critical accessibility violation, wide or on a phone."""
    article = Article.objects.get(slug=SLUG)
    claim = Claim.objects.filter(article=article).order_by("start").first()
    assert claim is not None
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor)
    page.goto(site + path.format(claim=claim.pk, article=article.pk))
    expect(page.locator("h1").first).to_be_visible()
    shoot(page, artifacts, f"axe-{name}", axe_check)


def test_suggestions_are_decided_in_the_workspace(
    page: Page,
    live_server: Any,
    reporter: User,
    artifacts: Path,
    axe_check: Axe,
    console_errors: list[str],
) -> None:
    """Suggested passages are outlined in the body; accepting and rejecting them
    from their cards redraws the workspace without leaving the page."""
    article = suggestion_story()
    detect_suggestions(article.pk)
    pending = {s.exact: s for s in Suggestion.objects.pending()}
    site = str(live_server.url)
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, reporter, f"/admin/desk/articles/{article.pk}/workspace/")
    expect(page.locator("#desk-workspace.desk-enhanced")).to_be_visible()
    marks = page.locator("#desk-body mark.desk-suggested")
    expect(marks).to_have_count(len(pending))
    expect(page.locator("#desk-body .desk-suggested-label").first).to_have_text(
        "suggested"
    )
    shoot(page, artifacts, "workspace-suggestions", axe_check)
    # A mark set on the page survives: nothing below reloads it.
    page.evaluate("window.deskStayed = true")

    tass = pending[TASS]
    cards = page.locator(".desk-suggestion")
    cards.filter(has_text=TASS).get_by_role("button", name="Accept as a claim").click()
    expect(page.locator("#desk-messages")).to_contain_text("now a claim")
    claim = Claim.objects.get(article=article)
    assert claim.agency_id == tass.agency_id
    expect_selected(page, claim)
    expect(page.locator(f'#desk-body mark[data-claim="{claim.pk}"]')).to_have_text(TASS)

    # The Red Cross is not an agency the newsroom knows: the card asks for one.
    red_cross = cards.filter(has_text=RED_CROSS)
    red_cross.get_by_role("button", name="Accept as a claim").click()
    expect(red_cross.locator(".errorlist")).to_contain_text(
        "not an agency the newsroom knows"
    )
    expect(red_cross).to_be_focused()
    shoot(page, artifacts, "suggestion-refused")
    red_cross.get_by_role("button", name="Reject").click()
    expect(page.locator("#desk-messages")).to_contain_text("Suggestion rejected")
    expect(page.locator(".desk-suggestion")).to_have_count(len(pending) - 2)
    assert page.evaluate("window.deskStayed") is True
    assert Suggestion.objects.get(pk=pending[RED_CROSS].pk).state == "rejected"
    assert Suggestion.objects.get(pk=pending[PESKOV].pk).state == "pending"
    # The refused accept answers 400, which Chromium logs; nothing else may fail.
    assert [e for e in console_errors if "400 (Bad Request)" not in e] == []
