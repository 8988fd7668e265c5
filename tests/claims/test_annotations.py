"""The W3C Web Annotation export."""

import json
from collections.abc import Callable
from typing import Any

import pytest

from api.annotations import article_annotation_page, claim_annotation
from articles.models import Article
from claims.models import Claim
from tests.factories import edit_text

pytestmark = pytest.mark.django_db


def test_claim_annotation_has_both_selectors_and_note(demo: Article) -> None:
    """A disputed claim exports its selectors, its source and its reader note."""
    claim = Claim.objects.get(status="disputed")
    annotation = claim_annotation(claim, base_url="https://news.example")
    assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert annotation["motivation"] == "assessing"
    target = annotation["target"]
    assert target["source"] == f"https://news.example/articles/{demo.slug}/"
    position, quote = target["selector"]
    assert (position["start"], position["end"]) == (claim.start, claim.end)
    assert quote["exact"] == claim.quote
    assert demo.plain_text[position["start"] : position["end"]] == quote["exact"]
    notes = [
        body["value"] for body in annotation["body"] if body["purpose"] == "assessing"
    ]
    assert notes == [f"{claim.note} Disputed by: {claim.disputed_by}."]
    identifying = [
        body["value"] for body in annotation["body"] if body["purpose"] == "identifying"
    ]
    assert identifying == ["According to RIA Novosti; Russian state-controlled media"]
    assert "reviewed_by" not in json.dumps(annotation)


def test_page_leaves_out_orphaned_claims(demo: Article) -> None:
    claim = Claim.objects.get(speaker="Ukrainian Foreign Minister Dmytro Kuleba")
    edit_text(demo, body=demo.body.replace(claim.quote, ""))
    page = article_annotation_page(demo)
    assert page["type"] == "AnnotationPage"
    assert len(page["items"]) == 8


def test_demo_export_passes_w3c_must_assertions(
    demo: Article, w3c_check: Callable[[dict[str, Any]], str]
) -> None:
    """The demo article's AnnotationPage passes every must-assertion of the W3C suite."""
    page = article_annotation_page(demo)
    assert page["items"][0]["target"]["selector"]
    report = w3c_check(page)
    assert "must-assertions; 0 failures" in report
