"""A whole shift in Chromium: a reporter writes, marks claims, adds an agency and
submits; an editor works the claims by keyboard, sends the story back once,
then publishes it; readers see the result. Unsaved edits survive along the way."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Dialog, Page, expect

from articles.models import Article
from claims.models import Agency, Claim
from tests.browser.test_desk import SIZES, Axe, expect_selected, log_in, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = (
    "Moscow said on Monday that the grain corridor would close at midnight, "
    "according to the defence ministry.\n\n"
    "Zvezda television reported that 40 ships had already turned back. "
    "Port officials in Odesa said traffic was normal."
)


def select_text(page: Page, container: str, passage: str) -> None:
    """Select a passage inside an element, as a mouse drag would."""
    page.evaluate(
        """([container, passage]) => {
            const root = document.querySelector(container);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
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
            throw new Error("passage not found: " + passage);
        }""",
        [container, passage],
    )


def mark_claim(page: Page, passage: str, agency: Agency) -> None:
    # A selection made before the page's script listens fills nothing.
    expect(page.locator("#claim-preview")).to_have_attribute("data-selection", "ready")
    select_text(page, "#claim-preview", passage)
    form = page.locator("#claim-selection")
    expect(form.locator("textarea[name=quote]")).to_have_value(passage)
    form.locator("select[name=agency]").select_option(str(agency.pk))
    form.get_by_role("button", name="Create claim").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Claim created")


def test_a_whole_shift(
    browser: Browser,
    live_server: object,
    reporter: User,
    editor: User,
    artifacts: Path,
    axe_check: Axe,
) -> None:
    site = str(live_server.url)  # type: ignore[attr-defined]
    Agency.objects.create(
        name="Ministry of Defence of Russia", slug="mod-russia", kind="government"
    )
    reporter_page = browser.new_context(viewport=SIZES["wide"]).new_page()
    editor_page = browser.new_context(viewport=SIZES["wide"]).new_page()

    # The reporter writes the story.
    page = reporter_page
    log_in(page, site, reporter, "/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Grain corridor to close, Moscow says")
    page.get_by_label("Body").fill(BODY)
    page.get_by_label("Byline").fill("Desk reporter")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(headline="Grain corridor to close, Moscow says")

    # The agency the story needs is missing: the reporter adds it, unlabelled.
    page.goto(f"{site}/admin/claims/agency/add/")
    page.locator("#id_name").fill("Zvezda")
    page.get_by_label("Kind").select_option("broadcaster")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    zvezda = Agency.objects.get(name="Zvezda")
    assert zvezda.state_affiliation == Agency.Affiliation.UNKNOWN

    # Marks claims; an unsaved edit of the standfirst survives each one.
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Standfirst").fill("Shipping through the Black Sea may stop.")
    mark_claim(
        page,
        "the grain corridor would close at midnight",
        Agency.objects.get(slug="mod-russia"),
    )
    expect(page.get_by_label("Standfirst")).to_have_value(
        "Shipping through the Black Sea may stop."
    )
    expect(page.locator(".desk-kept")).to_contain_text("unsaved edits are still here")
    mark_claim(page, "40 ships had already turned back", zvezda)
    shoot(page, artifacts, "article-reporter", axe_check)
    page.get_by_role("button", name="Save and continue editing").click()
    article.refresh_from_db()
    assert article.standfirst == "Shipping through the Black Sea may stop."
    assert article.claims.count() == 2
    # A reporter never sees the editors' steps, and submits.
    panel = page.locator(".desk-handover")
    expect(panel.get_by_role("button", name="Publish")).to_have_count(0)
    panel.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "submitted for review"
    )

    # The editor finds it on the dashboard and works its claims by keyboard.
    page = editor_page
    log_in(page, site, editor)
    expect(page.locator(".desk-waiting")).to_contain_text("1 article in review")
    page.locator("#in-review-heading ~ ul a", has_text="Grain corridor").click()
    first, second = article.claims.order_by("start")
    expect_selected(page, first)
    page.keyboard.press("v")
    expect(page.locator(f'.desk-card[data-claim="{first.pk}"]')).to_contain_text(
        "Verified"
    )
    expect_selected(page, second)
    page.keyboard.press("c")
    page.keyboard.type("Zvezda is the Russian defence ministry's television channel.")
    page.keyboard.press("Escape")
    page.keyboard.press("c")
    expect(page.locator(f'.desk-card[data-claim="{second.pk}"]')).to_contain_text(
        "Context added"
    )
    shoot(page, artifacts, "shift-workspace", axe_check)
    # Sent back once: Zvezda needs its label before this runs.
    page.get_by_label("Comment for the reporter").fill("Say who owns Zvezda.")
    page.get_by_role("button", name="Send back to the reporter").click()
    expect(page.locator("#desk-messages, .messagelist").first).to_contain_text(
        "sent back"
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    # The reporter reads the comment and submits again.
    page = reporter_page
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".desk-handover")).to_contain_text(
        "Sent back to draft by editor: “Say who owns Zvezda.”"
    )
    page.locator(".desk-handover").get_by_role(
        "button", name="Submit for review"
    ).click()
    expect(page.locator(".messagelist .success")).to_contain_text("submitted")

    # The editor publishes from the article page; an unsaved edit survives.
    page = editor_page
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Byline").fill("Desk reporter and agencies")
    shoot(page, artifacts, "article-editor", axe_check)
    page.locator(".desk-handover").get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    if page.locator("#handover-unresolved").count():
        # Pending suggestions detection made: publishing asks first.
        page.locator(".desk-handover").get_by_role(
            "button", name="Publish anyway"
        ).click()
    expect(page.locator(".messagelist .success")).to_contain_text("published")
    expect(page.get_by_label("Byline")).to_have_value("Desk reporter and agencies")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.byline == "Desk reporter"
    # Leaving now would lose the byline: the browser asks first.
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    dialog: Dialog = asked.value
    assert dialog.type == "beforeunload"
    dialog.dismiss()

    # Readers see the story with its reviewed claims.
    reader = browser.new_context(viewport=SIZES["wide"]).new_page()
    reader.goto(f"{site}{article.get_absolute_url()}")
    expect(reader.locator(f"#note-{first.pk}")).to_contain_text("Verified")
    expect(reader.locator(f"#note-{second.pk}")).to_contain_text(
        "Zvezda is the Russian defence ministry's television channel."
    )
    expect(reader.locator(".story-body")).not_to_contain_text("unknown")
    shoot(reader, artifacts, "shift-reader")
    assert Claim.objects.filter(article=article, status="unreviewed").count() == 0
    for context in (reporter_page.context, editor_page.context, reader.context):
        context.close()
