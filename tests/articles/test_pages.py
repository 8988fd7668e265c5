"""The public index and the admin are served."""

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_index_lists_published_articles_only(client: Client, demo: Article) -> None:
    """The index shows the demo story and never a draft."""
    ArticleFactory.create(
        headline="Secret draft headline", status=Article.Status.DRAFT, published_at=None
    )
    response = client.get("/")
    assert response.status_code == 200
    assert demo.headline in response.text
    assert "Secret draft headline" not in response.text


def test_admin_works_for_createsuperuser(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user made by `createsuperuser --noinput` can sign in to the admin."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long enough password")
    call_command(
        "createsuperuser",
        interactive=False,
        username="chief",
        email="chief@newsroom.test",
    )
    signed_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": "chief", "password": "a long enough password", "next": "/admin/"},
    )
    assert signed_in.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Claims" in response.text
    assert "Newsroom standards desk" in response.text
