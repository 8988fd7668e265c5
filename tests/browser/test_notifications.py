"""Notifications and webhooks in Chromium: a story sent back reaches its
reporter's dashboard with the comment; the notification list, the e-mail
preferences, the article list's "Mine" and the webhook screens, each
screenshot at both sizes and checked by axe-core."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from articles.models import Article
from articles.services import create_article, submit_article
from notifications.models import Kind, Notification, WebhookEndpoint
from notifications.services import email_kinds
from tests.browser.test_desk import SIZES, Axe, log_in, shoot
from tests.notifications.conftest import Receiver, receiving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as state:
        yield state


COMMENT = "Name the second source for the 40 ships, or cut the figure."


def story(reporter: User, headline: str, slug: str) -> Article:
    article = create_article(
        slug=slug,
        actor=reporter,
        headline=headline,
        body="Zvezda television reported that 40 ships had turned back.",
        byline="Desk reporter",
    )
    submit_article(article.pk, actor=reporter, comment="Ready for a look.")
    return article


def test_a_story_sent_back_shows_on_the_reporters_dashboard_with_the_comment(
    browser: Browser,
    live_server: Any,
    reporter: User,
    editor: User,
    artifacts: Path,
    axe_check: Axe,
) -> None:
    site = str(live_server.url)
    grain = story(reporter, "Grain ships turn back", "grain-ships")
    story(reporter, "Port of Odesa reopens", "odesa-port")
    editor_page = browser.new_context(viewport=SIZES["wide"]).new_page()
    reporter_page = browser.new_context(viewport=SIZES["wide"]).new_page()

    # The editor is told of both submissions, in the panel and the header.
    page = editor_page
    log_in(page, site, editor)
    inbox = page.locator(".desk-inbox")
    expect(inbox).to_contain_text("Submitted for review: Grain ships turn back")
    expect(page.locator(".desk-inbox-link")).to_contain_text("(2 unread)")
    inbox.get_by_role(
        "link", name="Submitted for review: Grain ships turn back"
    ).click()
    expect(page).to_have_url(f"{site}/admin/articles/article/{grain.pk}/change/")
    expect(page.locator(".desk-inbox-link")).to_contain_text("(1 unread)")
    page.get_by_label("Comment for the reporter").fill(COMMENT)
    page.get_by_role("button", name="Send back to the reporter").click()
    expect(page.locator("#desk-messages, .messagelist").first).to_contain_text(
        "sent back"
    )

    # The reporter sees it on the dashboard, with the comment, and is e-mailed.
    page = reporter_page
    log_in(page, site, reporter)
    sent_back = page.locator(".desk-sent-back")
    expect(sent_back).to_contain_text("Grain ships turn back")
    expect(sent_back.locator(".desk-comment")).to_have_text(COMMENT)
    expect(sent_back).to_contain_text("sent back by editor")
    in_review = page.locator("#yours-in-review-heading").locator("xpath=..")
    expect(in_review).to_contain_text("Port of Odesa reopens")
    expect(in_review).not_to_contain_text("Grain ships turn back")
    expect(page.locator(".desk-inbox")).to_contain_text(
        "Sent back to you: Grain ships turn back"
    )
    expect(page.locator(".desk-inbox-link")).to_contain_text("(1 unread)")
    shoot(page, artifacts, "dashboard-reporter", axe_check)
    [message] = [m for m in mail.outbox if reporter.email in m.to]
    assert COMMENT in message.body

    sent_back.get_by_role("link", name="Grain ships turn back").click()
    expect(page.get_by_label("Headline")).to_have_value("Grain ships turn back")

    # The notification list, then everything marked read.
    page.goto(f"{site}/admin/desk/notifications/")
    expect(page.locator(".desk-notes")).to_contain_text(COMMENT)
    shoot(page, artifacts, "notifications", axe_check)
    page.get_by_role("button", name="Mark all read").click()
    expect(page.locator(".messagelist")).to_contain_text("marked read")
    expect(page.locator(".desk-inbox-link")).not_to_contain_text("unread")
    assert not Notification.objects.filter(recipient=reporter).unread().exists()

    # The reporter keeps only send-backs by e-mail.
    page.get_by_role("link", name="Choose what comes by e-mail").click()
    shoot(page, artifacts, "notification-preferences", axe_check)
    for kind, label in Kind.choices:
        box = page.get_by_label(str(label))
        if kind == Kind.SENT_BACK:
            expect(box).to_be_checked()
        else:
            box.uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("Your choice is saved")
    assert email_kinds(reporter) == {Kind.SENT_BACK}

    # The article list: an author column, and "Mine".
    page.goto(f"{site}/admin/articles/article/?mine=1")
    expect(page.locator("#result_list")).to_contain_text("Grain ships turn back")
    expect(page.locator("#result_list .column-author").first).to_be_visible()
    shoot(page, artifacts, "articles-mine", axe_check)


def test_an_editor_registers_a_webhook_and_reads_its_log(
    page: Page,
    live_server: Any,
    editor: User,
    reporter: User,
    receiver: Receiver,
    artifacts: Path,
    axe_check: Axe,
) -> None:
    site = str(live_server.url)
    page.set_viewport_size(SIZES["wide"])
    log_in(page, site, editor, "/admin/notifications/webhookendpoint/add/")
    shoot(page, artifacts, "webhook-add", axe_check)
    page.get_by_label("URL").fill(receiver.url)
    page.get_by_label("A story submitted for review").check()
    page.get_by_role("button", name="Save", exact=True).click()
    endpoint = WebhookEndpoint.objects.get()
    expect(page.locator("#webhook-secret")).to_have_text(endpoint.secret)
    shoot(page, artifacts, "webhook-secret", axe_check)

    receiver.fail_next(500)
    story(reporter, "Grain ships turn back", "grain-ships")
    assert len(receiver.requests) == 2
    page.goto(f"{site}/admin/notifications/webhookdelivery/")
    expect(page.locator("#result_list")).to_contain_text("article.submitted")
    shoot(page, artifacts, "webhook-deliveries", axe_check)
    page.locator("#result_list tbody a").first.click()
    expect(page.locator(".field-attempt_log")).to_contain_text("500")
    shoot(page, artifacts, "webhook-delivery", axe_check)
