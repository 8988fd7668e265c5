"""Syndication: stories as IPTC ninjs 2.2, valid against IPTC's published
schema (vendored), and every ClaimReview as a schema.org DataFeed."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator
from rest_framework.authtoken.models import Token

from articles.editing import edit_article
from articles.models import Article
from articles.services import publish_article
from claims.models import Claim
from tests.factories import ArticleFactory, make_claim
from tests.pages.conftest import review

pytestmark = pytest.mark.django_db

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2]
    / "api"
    / "schemas"
    / "ninjs"
    / "ninjs-schema_2.2.json"
)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def valid(document: dict[str, Any], validator: Draft202012Validator) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors


def ninjs(client: Client, slug: str, **headers: str) -> tuple[int, dict[str, Any]]:
    response = client.get(f"/api/articles/{slug}/ninjs/", headers=headers)
    return response.status_code, response.json()


def test_the_vendored_schema_refuses_what_ninjs_does_not_allow(
    validator: Draft202012Validator,
) -> None:
    """The schema is in force: a wrong type or an unknown property is refused."""
    assert not validator.is_valid({"uri": "http://x.test/a", "type": "article"})
    assert not validator.is_valid({"uri": "http://x.test/a", "colour": "red"})
    assert validator.is_valid({"uri": "http://x.test/a", "type": "text"})


def test_the_demo_story_as_ninjs(
    client: Client, demo: Article, validator: Draft202012Validator
) -> None:
    """The demo story validates, with its marked body, the agencies it cites
    and their labels, trust indicators and the link to its annotations."""
    status, document = ninjs(client, demo.slug)
    assert status == 200
    valid(document, validator)
    assert document["uri"] == f"http://testserver/articles/{demo.slug}/"
    assert document["type"] == "text"
    assert document["pubstatus"] == "usable"
    assert "embargoed" not in document
    assert document["headlines"] == [{"role": "main", "value": demo.headline}]
    assert document["language"] == "en"
    assert document["by"] == "Newsroom staff"
    assert document["version"] == "1"
    assert document["firstcreated"]
    assert document["versioncreated"]
    body = document["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert 'data-status="disputed"' in body["value"]
    assert "<mark" in body["value"]
    names = {org["name"] for org in document["organisations"]}
    assert {"RIA Novosti", "Interfax"} <= names
    labels = [
        d["value"] for d in document["descriptions"] if d["role"] == "agency-label"
    ]
    assert any(label.startswith("RIA Novosti: ") for label in labels)
    roles = [t["role"] for t in document["trustindicators"]]
    assert "https://schema.org/correctionsPolicy" in roles
    reviewed = Claim.objects.filter(article=demo).exclude(status="unreviewed")
    hrefs = {t["href"] for t in document["trustindicators"]}
    for claim in reviewed:
        assert f"http://testserver/claims/{claim.pk}/" in hrefs
    (annotations,) = document["associations"]
    assert annotations["uri"].endswith(f"/api/articles/{demo.slug}/annotations/")
    assert client.get(annotations["uri"]).status_code == 200


def test_a_corrected_story_carries_its_corrections_as_ednote(
    client: Client, validator: Draft202012Validator
) -> None:
    """A correction shows in ``ednote`` and moves the version on."""
    article = ArticleFactory.create(slug="corrected")
    edit_article(
        article.pk,
        actor=None,
        body=article.body.replace("goodbye", "farewell"),
        change_kind="correction",
        change_note="The farewell was misquoted.",
    )
    status, document = ninjs(client, "corrected")
    assert status == 200
    valid(document, validator)
    assert "Correction" in document["ednote"]
    assert "The farewell was misquoted." in document["ednote"]
    assert document["version"] == "2"
    assert "farewell" in document["bodies"][0]["value"]


def test_drafts_and_embargoed_stories_are_not_found_by_anonymous_clients(
    client: Client, editor: User, validator: Draft202012Validator
) -> None:
    """Anonymous clients get 404 for a draft and an embargoed story; the desk
    reads the embargoed one, marked ``embargoed`` until its time."""
    ArticleFactory.create(slug="draft", status="draft", published_at=None)
    held = ArticleFactory.create(slug="held", status="draft", published_at=None)
    at = timezone.now() + timedelta(hours=2)
    publish_article(held.pk, actor=None, schedule=at)
    assert ninjs(client, "draft")[0] == 404
    assert ninjs(client, "held")[0] == 404
    token = Token.objects.create(user=editor).key
    status, document = ninjs(client, "held", Authorization=f"Token {token}")
    assert status == 200
    valid(document, validator)
    assert document["embargoed"] == at.isoformat()


def test_the_claimreview_data_feed(client: Client, demo: Article) -> None:
    """``/feeds/claimreview.json`` is a schema.org DataFeed with a ClaimReview
    for each reviewed claim of a public story, none of an embargoed one."""
    held = ArticleFactory.create(
        slug="held", status="draft", published_at=None, body="Secret words here."
    )
    review(make_claim(held, "Secret words"), "disputed", note="Hidden note.")
    publish_article(held.pk, actor=None, schedule=timezone.now() + timedelta(hours=1))
    response = client.get("/feeds/claimreview.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    feed = response.json()
    assert feed["@context"] == "https://schema.org"
    assert feed["@type"] == "DataFeed"
    elements = feed["dataFeedElement"]
    assert {e["@type"] for e in elements} == {"ClaimReview"}
    expected = Claim.objects.filter(article=demo).exclude(status="unreviewed")
    assert {e["url"] for e in elements} == {
        f"http://testserver/claims/{claim.pk}/" for claim in expected
    }
    assert "Hidden note." not in response.content.decode()
