"""``/api/webhooks/``: editors register (the secret shown once), list, read
deliveries, replay and remove; everyone else is refused."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from articles.models import Article
from articles.services import submit_article
from notifications import webhooks
from notifications.models import WebhookEndpoint
from tests.api.conftest import client_for
from tests.factories import ArticleFactory
from tests.notifications.conftest import Receiver

pytestmark = pytest.mark.django_db

URL = "/api/webhooks/"


@pytest.fixture
def editor_api(editor: User) -> APIClient:
    return client_for(editor)


def test_an_editor_registers_an_endpoint_and_sees_its_secret_once(
    editor_api: APIClient, receiver: Receiver
) -> None:
    answer = editor_api.post(
        URL,
        {"url": receiver.url, "events": ["article.published", "claim.reviewed"]},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body["secret"] == endpoint.secret
    assert len(body["secret"]) >= 32
    assert body["events"] == ["article.published", "claim.reviewed"]
    assert body["created_by"] == "editor"
    listed = editor_api.get(URL).json()["results"]
    assert [item["url"] for item in listed] == [receiver.url]
    assert "secret" not in listed[0]
    assert "secret" not in editor_api.get(f"{URL}{endpoint.pk}/").json()


def test_others_are_refused(reporter: User, receiver: Receiver) -> None:
    data = {"url": receiver.url, "events": ["article.published"]}
    assert APIClient().post(URL, data, format="json").status_code == 401
    assert APIClient().get(URL).status_code == 401
    reporter_api = client_for(reporter)
    refused = reporter_api.post(URL, data, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only editors manage webhooks."
    assert reporter_api.get(URL).status_code == 403
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            {"url": "http://127.0.0.1:9/", "events": ["article.deleted"]},
            "events",
            "not a valid choice",
        ),
        ({"url": "http://127.0.0.1:9/", "events": []}, "events", "may not be empty"),
        (
            {"url": "gopher://127.0.0.1/", "events": ["article.published"]},
            "url",
            "valid URL",
        ),
        ({"events": ["article.published"]}, "url", "required"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    editor_api: APIClient, data: dict[str, Any], field: str, words: str
) -> None:
    answer = editor_api.post(URL, data, format="json")
    assert answer.status_code == 400
    assert words in str(answer.json()[field])
    assert not WebhookEndpoint.objects.exists()


def test_a_private_address_is_a_400_when_not_allowed(
    editor_api: APIClient, receiver: Receiver, settings: Any
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    answer = editor_api.post(
        URL, {"url": receiver.url, "events": ["article.published"]}, format="json"
    )
    assert answer.status_code == 400
    assert "public addresses only" in answer.json()["url"][0]


def test_deliveries_are_listed_and_replayed_then_the_endpoint_removed(
    editor_api: APIClient,
    receiver: Receiver,
    reporter: User,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.WEBHOOK_RETRY_DELAYS = []
    created = editor_api.post(
        URL, {"url": receiver.url, "events": ["article.submitted"]}, format="json"
    ).json()
    draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    receiver.fail_next(502)
    with django_capture_on_commit_callbacks(execute=True):
        submit_article(draft.pk, actor=reporter)
    [delivery] = editor_api.get(f"{URL}{created['id']}/deliveries/").json()
    assert (delivery["status"], delivery["attempts"]) == ("failed", 1)
    assert delivery["log"][0]["status_code"] == 502
    with django_capture_on_commit_callbacks(execute=True):
        replayed = editor_api.post(
            f"{URL}{created['id']}/deliveries/{delivery['id']}/replay/"
        )
    assert replayed.status_code == 200
    [delivery] = editor_api.get(f"{URL}{created['id']}/deliveries/").json()
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 2)
    last = receiver.requests[-1]
    assert webhooks.verify(
        created["secret"], last.body, last.headers["X-Newsroom-Signature"]
    )
    missing = editor_api.post(f"{URL}{created['id']}/deliveries/999999/replay/")
    assert missing.status_code == 404
    assert editor_api.delete(f"{URL}{created['id']}/").status_code == 204
    assert not WebhookEndpoint.objects.exists()
