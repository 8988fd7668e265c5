"""A new article is detected with no further step: created through the API
or the admin, its attributed passages are pending suggestions once it
commits (immediate backend), or once the worker runs (database backend)."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Suggestion
from claims.services import write_article
from tests.claims.test_suggestions import database_queue  # noqa: F401 - a fixture
from tests.factories import BODY, PESKOV, TASS, suggestion_story

pytestmark = [pytest.mark.django_db, pytest.mark.detection]


@pytest.fixture
def known(db: None) -> None:
    """TASS, the Kremlin and Peskov, known to the newsroom."""
    suggestion_story().delete()


def pending(slug: str) -> dict[str, str | None]:
    article = Article.objects.get(slug=slug)
    return {
        s.exact: s.agency.slug if s.agency else None
        for s in Suggestion.objects.pending().filter(article=article)
    }


def test_created_through_the_api(
    known: None, reporter: User, django_capture_on_commit_callbacks
) -> None:
    client = APIClient()
    client.force_authenticate(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/articles/",
            {"slug": "gas-flows", "headline": "Gas flows fall", "body": BODY},
            format="json",
        )
    assert response.status_code == 201, response.content
    found = pending("gas-flows")
    assert found[TASS] == "tass"
    assert found[PESKOV] == "kremlin"


def test_created_in_the_admin(
    known: None, reporter: User, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/articles/article/add/",
            {
                "slug": "gas-flows",
                "headline": "Gas flows fall",
                "body": BODY,
                "language": "en",
                **{
                    f"{inline}-{count}": "0"
                    for inline in ("claims", "events", "revisions")
                    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
                },
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    found = pending("gas-flows")
    assert found[TASS] == "tass"
    assert found[PESKOV] == "kremlin"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_the_database_queue_detects_a_new_article_when_the_worker_runs(
    known: None, reporter: User
) -> None:
    write_article(
        slug="gas-flows", headline="Gas flows fall", body=BODY, actor=reporter
    )
    assert pending("gas-flows") == {}
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert pending("gas-flows")[PESKOV] == "kremlin"
