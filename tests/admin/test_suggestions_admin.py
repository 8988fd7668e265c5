"""The article admin's suggestions and the people admin: wiring and permissions."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from articles.models import Article
from claims.models import Agency, Claim, Person, Suggestion
from claims.services import detect_suggestions
from tests.admin.conftest import logged_in
from tests.factories import PESKOV, RED_CROSS, TASS, UserFactory, suggestion_story

pytestmark = [pytest.mark.django_db, pytest.mark.detection]


@pytest.fixture
def detected(db: None) -> Article:
    story = suggestion_story()
    detect_suggestions(story.pk)
    return story


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def on(article: Article, words: str) -> Suggestion:
    return next(s for s in article.suggestions.all() if words in s.exact)


def accept_url(article: Article, suggestion: Suggestion) -> str:
    return reverse(
        "admin:articles_article_suggestion_accept", args=[article.pk, suggestion.pk]
    )


def test_preview_marks_suggestions_apart_from_claims(
    detected: Article, reporter_client: Client
) -> None:
    """Suggested passages are marked "suggested"; each has accept and reject."""
    page = BeautifulSoup(
        reporter_client.get(change_url(detected)).content, "html.parser"
    )
    marks = page.select("#claim-preview mark.suggestion")
    assert {m.get_text() for m in marks} == {
        s.exact for s in detected.suggestions.all()
    }
    assert all(m.get("data-claim") is None for m in marks)
    assert len(page.select("#claim-preview .suggestion-label")) == 3
    rows = page.select("#suggestions .suggestion-row")
    assert len(rows) == 3
    assert "confidence" in rows[0].get_text()
    assert page.select_one("form#suggestions-accept-confident") is not None


def test_accept_edit_reject_and_accept_confident(
    detected: Article, reporter_client: Client, reporter: User
) -> None:
    """Each action does what it says and reports it."""
    peskov = on(detected, PESKOV)
    response = reporter_client.post(accept_url(detected, peskov), follow=True)
    assert "Claim created from the suggestion" in response.text
    tass = on(detected, TASS)
    kremlin = Agency.objects.get(slug="kremlin")
    reporter_client.post(
        accept_url(detected, tass),
        {
            "agency": kremlin.pk,
            "speaker": "an aide",
            "start": tass.start,
            "end": tass.start + 9,
        },
    )
    claim = Claim.objects.get(quote="Gas flows")
    assert (claim.agency, claim.speaker) == (kremlin, "an aide")
    red_cross = on(detected, RED_CROSS)
    response = reporter_client.post(accept_url(detected, red_cross), follow=True)
    assert "not an agency the newsroom knows" in response.text
    reject = reverse(
        "admin:articles_article_suggestion_reject", args=[detected.pk, red_cross.pk]
    )
    reporter_client.post(reject)
    red_cross.refresh_from_db()
    assert (red_cross.state, red_cross.decided_by) == ("rejected", reporter)
    assert Claim.objects.filter(article=detected).count() == 2


def test_accept_all_confident(detected: Article, editor_client: Client) -> None:
    url = reverse(
        "admin:articles_article_suggestions_accept_confident", args=[detected.pk]
    )
    response = editor_client.post(url, follow=True)
    assert "2 suggestion(s) accepted as claims." in response.text
    assert Claim.objects.filter(article=detected).count() == 2


def test_staff_without_the_role_see_and_decide_nothing(detected: Article) -> None:
    """A staff user who may view articles but not suggestions: no panel, 403 on posts."""
    outsider = UserFactory.create()

    outsider.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = logged_in(outsider)
    page = client.get(change_url(detected))
    assert page.status_code == 200
    assert b"suggestion-row" not in page.content
    assert client.post(accept_url(detected, on(detected, TASS))).status_code == 403
    assert not Claim.objects.exists()


def test_anonymous_is_sent_to_log_in(detected: Article, client: Client) -> None:
    response = client.post(accept_url(detected, on(detected, TASS)))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Claim.objects.exists()


def test_reporters_add_people(reporter_client: Client, roles: None) -> None:
    """A reporter adds a person with aliases; the admin history records it."""
    kremlin = Agency.objects.create(name="The Kremlin", slug="kremlin")
    response = reporter_client.post(
        reverse("admin:claims_person_add"),
        {
            "name": "Maria Zakharova",
            "slug": "maria-zakharova",
            "aliases": "Zakharova\nMariya Zakharova",
            "role": "Foreign ministry spokeswoman",
            "agency": kremlin.pk,
        },
    )
    assert response.status_code == 302, response.content
    person = Person.objects.get(slug="maria-zakharova")
    assert person.aliases == ["Zakharova", "Mariya Zakharova"]
    assert LogEntry.objects.filter(object_id=str(person.pk)).exists()
