"""A change of the text scheduled from the article's page: held until its
time, shown on the page and the calendar, refusing another change of the
text by name, made early (saying why) or cancelled from the desk."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, PendingChange
from tests.desk.test_scheduling import change_form, local, messages_of, until
from tests.factories import ArticleFactory

NOTE = "The count was of the second round."
NEW_BODY = "Turnout reached 47 percent.\n\nQueues were long."


def story() -> Article:
    return ArticleFactory.create(
        headline="Turnout in the second round",
        body="Turnout reached 40 percent.\n\nQueues were long.",
    )


def schedule_from_page(editor_client: Client, article: Article, seconds: float) -> None:
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form(
            article,
            body=NEW_BODY,
            change_kind="correction",
            change_note=NOTE,
            change_at=local(timezone.now() + timedelta(seconds=seconds)),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_text_change_scheduled_from_the_page_waits_then_appears(
    editor_client: Client, client: Client
) -> None:
    article = story()
    schedule_from_page(editor_client, article, 3)
    pending = PendingChange.objects.get()
    assert pending.values == {"body": NEW_BODY}
    assert "47 percent" not in client.get(article.get_absolute_url()).content.decode()
    page = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Scheduled change of the text" in page
    assert "<del>− Turnout reached 40 percent.</del>" in page
    assert "<ins>+ Turnout reached 47 percent.</ins>" in page
    assert "scheduled by editor" in page
    calendar = editor_client.get(reverse("desk:calendar")).content.decode()
    assert "Correction of the text" in calendar
    assert "Changes body; scheduled by editor" in calendar
    until(pending.apply_at)
    assert "47 percent" in client.get(article.get_absolute_url()).content.decode()


def test_another_text_change_is_a_form_error_naming_the_waiting_one(
    editor_client: Client,
) -> None:
    article = story()
    schedule_from_page(editor_client, article, 3600)
    article.refresh_from_db()
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        change_form(article, headline="Another headline", change_kind="minor"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "the correction of body scheduled by editor" in page
    assert "Cancel it, or make it now" in page
    assert Article.objects.get(pk=article.pk).headline == article.headline


def test_an_editor_makes_it_now_from_the_calendar_saying_why(
    editor_client: Client, reporter_client: Client, client: Client
) -> None:
    article = story()
    schedule_from_page(editor_client, article, 3600)
    pending = PendingChange.objects.get()
    url = reverse("desk:make_change_now", args=[pending.pk])
    assert reporter_client.post(url, {"reason": "Now"}).status_code == 403
    refused = editor_client.post(url, {"reason": ""}, follow=True)
    assert any("still waits" in m for m in messages_of(refused))
    done = editor_client.post(url, {"reason": "Agency confirmed"}, follow=True)
    assert any("readers see it now" in m for m in messages_of(done))
    assert "47 percent" in client.get(article.get_absolute_url()).content.decode()
    calendar = done.content.decode()
    assert "change of the text of" in calendar
    assert "Agency confirmed (was scheduled for" in calendar
    event = article.events.get(kind=ArticleEvent.Kind.CHANGE_APPLIED_EARLY)
    assert event.actor is not None
    assert event.actor.username == "editor"


def test_a_change_cancelled_from_the_page_returns_there(
    editor_client: Client, client: Client
) -> None:
    article = story()
    schedule_from_page(editor_client, article, 3600)
    pending = PendingChange.objects.get()
    back = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(
        reverse("desk:cancel_change", args=[pending.pk]),
        {"reason": "Figure not confirmed", "next": back},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    pending.refresh_from_db()
    assert pending.cancelled_at is not None
    assert (
        "Scheduled change of the text" not in editor_client.get(back).content.decode()
    )
    assert not PendingChange.objects.open().exists()
    assert article.events.filter(kind=ArticleEvent.Kind.CHANGE_CANCELLED).exists()
    # Elsewhere than the desk, ``next`` is not followed.
    article.refresh_from_db()
    schedule_from_page(editor_client, article, 3600)
    away = editor_client.post(
        reverse("desk:cancel_change", args=[PendingChange.objects.open().get().pk]),
        {"next": "https://elsewhere.example/"},
    )
    assert away["Location"] == reverse("desk:calendar")
