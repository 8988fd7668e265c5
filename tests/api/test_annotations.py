"""The annotations endpoint exports the demo article as valid W3C Web Annotations."""

from collections.abc import Callable
from typing import Any

from rest_framework.test import APIClient

from articles.models import Article


def test_demo_annotations_pass_the_w3c_must_assertions(
    demo: Article,
    anonymous_client: APIClient,
    w3c_check: Callable[[dict[str, Any]], str],
) -> None:
    """Every annotation of the demo article passes the W3C suite's must-assertions."""
    response = anonymous_client.get(f"/api/articles/{demo.slug}/annotations/")
    assert response.status_code == 200
    page = response.json()
    assert page["type"] == "AnnotationPage"
    assert len(page["items"]) == demo.claims.exclude(anchor_state="orphaned").count()
    w3c_check(page)


def test_annotations_target_the_article_text(
    demo: Article, anonymous_client: APIClient
) -> None:
    """Each annotation's selectors point at its quote in the article's plain text."""
    page = anonymous_client.get(f"/api/articles/{demo.slug}/annotations/").json()
    for item in page["items"]:
        position, quote = item["target"]["selector"]
        assert demo.plain_text[position["start"] : position["end"]] == quote["exact"]
        assert item["target"]["source"].endswith(demo.get_absolute_url())
