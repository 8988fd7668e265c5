"""The editors' desk in Chromium: the queue, the note form, roles, stale pages, selections."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from articles.models import Article
from claims.models import Agency, Claim
from claims.services import create_claim

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; restore what the flush removes
    # (the roles from the data migration) for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery"
SLUG = "occupied-regions-referendums-early-results"
# An unreviewed claim of the demo.
UNREVIEWED = "With 16% of ballots counted"
KYIV = "it will not accept the results"


@pytest.fixture
def desk(live_server: Any) -> str:
    """The demo story loaded; the live server's admin URL."""
    call_command("load_demo", verbosity=0)
    return f"{live_server.url}/admin/"


def log_in(page: Page, desk: str, user: User, path: str = "claims/claim/") -> None:
    page.goto(f"{desk}login/?next=/admin/{path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#content h1")).to_be_visible()


def run_queue_action(page: Page, quote: str, action: str) -> None:
    """Tick a claim's row in the queue and run an action on it."""
    row = page.locator("#result_list tbody tr", has_text=quote)
    row.locator("input.action-select").check()
    page.locator(f"button[name=index][data-action={action}]").click()


def claim(quote: str) -> Claim:
    return Claim.objects.select_related("reviewed_by").get(quote__startswith=quote)


def test_editor_disputes_a_claim_through_the_note_form(
    page: Page,
    desk: str,
    editor: User,
    artifacts: Path,
    console_errors: list[str],
) -> None:
    """An editor disputes a demo claim with a note and sees its status and history."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    log_in(page, desk, editor)
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(9)
    # The queue opens on what needs work: the three unreviewed claims first.
    for index in range(3):
        expect(rows.nth(index).locator("td.field-status_and_version")).to_have_text(
            "Not reviewedIn the text"
        )
    expect(page.get_by_text("RIA Novosti (Russian state-controlled media)").first)
    page.screenshot(path=artifacts / "admin-queue.png", full_page=True)

    run_queue_action(page, UNREVIEWED, "dispute")
    expect(page.get_by_label("Note for readers")).to_be_visible()
    expect(page.get_by_text(UNREVIEWED)).to_be_visible()
    page.get_by_label("Note for readers").fill(
        "Russia's foreign ministry calls the offensive an attack on Russian land."
    )
    page.get_by_label("Disputed by").fill("Russian foreign ministry")
    page.screenshot(path=artifacts / "admin-dispute-form.png", full_page=True)
    page.get_by_role("button", name="Dispute").click()

    expect(page.locator(".messagelist .success")).to_contain_text("now disputed")
    row = page.locator("#result_list tbody tr", has_text=UNREVIEWED)
    expect(row.locator("td.field-status_and_version")).to_contain_text("Disputed")
    row.locator("th a").first.click()
    history = page.locator("#events-group")
    expect(history).to_contain_text("Not reviewed → Disputed")
    expect(history).to_contain_text("Russia's foreign ministry calls the offensive")
    expect(history).to_contain_text("editor")
    expect(page.locator(".field-status .readonly")).to_have_text("Disputed")
    stored = claim(UNREVIEWED)
    assert stored.status == Claim.Status.DISPUTED
    assert stored.disputed_by == "Russian foreign ministry"
    assert console_errors == []


def test_empty_note_is_refused_with_the_error_shown(
    page: Page, desk: str, editor: User, artifacts: Path
) -> None:
    """Submitting the note form blank shows the error and changes nothing."""
    log_in(page, desk, editor)
    run_queue_action(page, KYIV, "contextualize")
    page.get_by_label("Note for readers").fill("   ")
    page.get_by_role("button", name="Add context").click()
    expect(page.locator(".errorlist")).to_contain_text("Write a note for readers")
    page.screenshot(path=artifacts / "admin-empty-note.png", full_page=True)
    assert claim(KYIV).status == Claim.Status.UNREVIEWED


def test_reporter_finds_no_review_action(page: Page, desk: str, reporter: User) -> None:
    """A reporter's queue and claim page offer no way to review."""
    log_in(page, desk, reporter)
    expect(page.locator("#result_list tbody tr")).to_have_count(9)
    actions = page.locator("#changelist-form .actions button")
    labels = " ".join(actions.all_inner_texts())
    for word in ("Verify", "Dispute", "Contextualize", "Reopen"):
        assert word not in labels
    page.locator("#result_list tbody tr", has_text=UNREVIEWED).get_by_role(
        "link"
    ).first.click()
    expect(page.locator(".field-status .readonly")).to_have_text("Not reviewed")
    expect(page.locator("select[name='CHANGE_FORM-action']")).to_have_count(0)
    expect(page.locator("select[name=status]")).to_have_count(0)


def test_two_editors_the_stale_dispute_is_refused(
    browser: Browser, desk: str, editor: User, second_editor: User, artifacts: Path
) -> None:
    """The second editor's dispute from a stale page is refused; the first review stays."""
    target = claim(UNREVIEWED)
    url = f"{desk}claims/claim/{target.pk}/change/"
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    log_in(first, desk, editor, f"claims/claim/{target.pk}/change/")
    log_in(second, desk, second_editor, f"claims/claim/{target.pk}/change/")
    assert first.url == second.url == url

    first.locator("select[name='CHANGE_FORM-action']").select_option("contextualize")
    first.locator("button[name=index]").click()
    first.get_by_label("Note for readers").fill("No independent count exists.")
    first.get_by_role("button", name="Add context").click()
    expect(first.locator(".messagelist .success")).to_contain_text("context added")

    # The second editor's page still carries the version both pages opened.
    second.locator("select[name='CHANGE_FORM-action']").select_option("dispute")
    second.locator("button[name=index]").click()
    second.get_by_label("Note for readers").fill("Kyiv's claim is contested.")
    second.get_by_label("Disputed by").fill("Russian foreign ministry")
    second.get_by_role("button", name="Dispute").click()
    error = second.locator(".messagelist .error")
    expect(error).to_contain_text("was changed by editor (review) since you opened it")
    expect(second.locator(".field-status .readonly")).to_have_text("Context added")
    second.screenshot(path=artifacts / "admin-stale-refused.png", full_page=True)

    stored = claim(UNREVIEWED)
    assert stored.status == Claim.Status.CONTEXTUALIZED
    assert stored.note == "No independent count exists."
    assert stored.reviewed_by == editor
    assert stored.events.count() == 1
    first.context.close()
    second.context.close()


def test_reporter_creates_a_claim_by_selecting_text(
    page: Page,
    desk: str,
    reporter: User,
    artifacts: Path,
    console_errors: list[str],
) -> None:
    """Selecting a passage in the preview and choosing the agency creates the claim."""
    article = Article.objects.get(slug=SLUG)
    log_in(page, desk, reporter, f"articles/article/{article.pk}/change/")
    preview = page.locator("#claim-preview")
    expect(preview.locator("mark[data-claim]").first).to_be_visible()
    # A selection made before the page's script listens fills nothing.
    expect(preview).to_have_attribute("data-selection", "ready")
    # "Russian" occurs several times: select the one in "Russian army".
    passage = "Russian army"
    page.evaluate(
        """(passage) => {
            const preview = document.getElementById("claim-preview");
            const walker = document.createTreeWalker(preview, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(passage);
                if (at !== -1) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + "Russian".length);
                    document.getSelection().removeAllRanges();
                    document.getSelection().addRange(range);
                    return;
                }
            }
        }""",
        passage,
    )
    form = page.locator("#claim-selection")
    expect(form.locator("textarea[name=quote]")).to_have_value("Russian")
    occurrence = form.locator("input[name=occurrence]").input_value()
    assert int(occurrence) > 1
    agency = Agency.objects.get(slug="ukraine-government")
    form.locator("select[name=agency]").select_option(str(agency.pk))
    form.locator("input[name=speaker]").fill("Kyiv")
    page.screenshot(path=artifacts / "admin-article-selection.png", full_page=True)
    form.get_by_role("button", name="Create claim").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Claim created")

    made = Claim.objects.get(article=article, quote="Russian", agency=agency)
    text = article.plain_text
    army = text.index("Russian army")
    assert (made.start, made.end) == (army, army + len("Russian"))
    # Exactly what creating it from its quote and occurrence gives.
    twin = Article.objects.create(headline="Twin", slug="twin", body=article.body)
    expected = create_claim(
        twin, quote="Russian", occurrence=int(occurrence), agency=agency
    )
    assert made.selectors == expected.selectors
    expect(page.locator(f'#claim-preview mark[data-claim="{made.pk}"]')).to_have_text(
        "Russian"
    )
    assert console_errors == []
