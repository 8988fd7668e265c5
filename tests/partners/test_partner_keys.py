"""Partner keys: made and revoked by editors in the desk; read-only, limited
per key, and only ever showing published stories past their embargo."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator

from articles.models import Article
from articles.services import publish_article
from partners.models import PartnerKey
from partners.services import issue_key
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[2] / "api/schemas/ninjs/ninjs-schema_2.2.json"


def partner(key: str) -> dict[str, str]:
    return {"Authorization": f"Partner {key}"}


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def test_an_editor_makes_a_key_in_the_desk_and_sees_it_once(
    editor_client: Client,
) -> None:
    """The add form makes the key and shows it once; only its digest is kept."""
    response = editor_client.post(
        "/admin/partners/partnerkey/add/",
        {
            "organisation": "Wire Partner",
            "contact": "desk@wire.test",
            "rate": "60/minute",
        },
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r"The key for Wire Partner is ([\w-]{40,})\.", page)
    assert found, page
    secret = found.group(1)
    key = PartnerKey.objects.get()
    assert key.prefix == secret[:8]
    assert secret not in key.key_digest
    assert Client().get("/api/articles/", headers=partner(secret)).status_code == 200


def test_a_reporter_may_not_make_keys(client: Client, reporter: User) -> None:
    client.force_login(reporter)
    assert client.get("/admin/partners/partnerkey/add/").status_code == 403


def test_a_rate_that_is_not_one_is_refused(editor_client: Client) -> None:
    response = editor_client.post(
        "/admin/partners/partnerkey/add/",
        {"organisation": "Wire", "rate": "lots"},
    )
    assert response.status_code == 200
    assert "Write a rate as a number of requests" in response.content.decode()
    assert not PartnerKey.objects.exists()


@pytest.fixture
def stories(demo: Article) -> dict[str, Article]:
    draft = ArticleFactory.create(slug="draft", status="draft", published_at=None)
    held = ArticleFactory.create(slug="held", status="draft", published_at=None)
    publish_article(held.pk, actor=None, schedule=timezone.now() + timedelta(hours=1))
    return {"demo": demo, "draft": draft, "held": held}


def test_a_partner_reads_published_stories_only(
    client: Client, stories: dict[str, Article]
) -> None:
    """The demo story's ninjs validates; a draft and an embargoed story are 404
    everywhere a partner may look."""
    _, secret = issue_key(organisation="Wire", actor=None)
    headers = partner(secret)
    response = client.get(
        f"/api/articles/{stories['demo'].slug}/ninjs/", headers=headers
    )
    assert response.status_code == 200
    validator = Draft202012Validator(json.loads(SCHEMA.read_text()))
    assert not list(validator.iter_errors(response.json()))
    assert "reviewed_by" not in json.dumps(
        client.get(f"/api/articles/{stories['demo'].slug}/", headers=headers).json()
    )
    for slug in ("draft", "held"):
        for path in (f"/api/articles/{slug}/", f"/api/articles/{slug}/ninjs/"):
            assert client.get(path, headers=headers).status_code == 404, path
    listed = client.get("/api/articles/", headers=headers).json()["results"]
    assert [a["slug"] for a in listed] == [stories["demo"].slug]


def test_a_partner_key_only_reads(client: Client, demo: Article) -> None:
    _, secret = issue_key(organisation="Wire", actor=None)
    response = client.post(
        f"/api/articles/{demo.slug}/publish/",
        data={},
        content_type="application/json",
        headers=partner(secret),
    )
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]


def test_each_key_is_limited_to_its_own_rate(client: Client, demo: Article) -> None:
    """The fourth request in a minute on a 3/minute key is refused; another
    key still reads."""
    _, slow = issue_key(organisation="Slow", rate="3/minute", actor=None)
    _, other = issue_key(organisation="Other", rate="3/minute", actor=None)
    path = f"/api/articles/{demo.slug}/ninjs/"
    statuses = [client.get(path, headers=partner(slow)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(path, headers=partner(other)).status_code == 200


def test_an_editor_revokes_a_key_and_it_is_refused(
    editor_client: Client, demo: Article, editor: User
) -> None:
    key, secret = issue_key(organisation="Wire", actor=editor)
    reader = Client()
    path = f"/api/articles/{demo.slug}/ninjs/"
    assert reader.get(path, headers=partner(secret)).status_code == 200
    response = editor_client.post(
        "/admin/partners/partnerkey/",
        {"action": "revoke", "_selected_action": [key.pk]},
        follow=True,
    )
    assert "1 key(s) revoked" in response.content.decode()
    key.refresh_from_db()
    assert key.revoked_by == editor
    refused = reader.get(path, headers=partner(secret))
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert reader.get(path, headers=partner("not-a-key")).status_code == 401


def test_a_reporter_may_not_revoke(client: Client, reporter: User) -> None:
    key, _ = issue_key(organisation="Wire", actor=None)
    client.force_login(reporter)
    client.post(
        "/admin/partners/partnerkey/",
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    key.refresh_from_db()
    assert key.revoked_at is None
