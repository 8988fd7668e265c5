"""The annotations endpoint exports the demo article as valid W3C Web Annotations."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from articles.models import Article

TOOLS = Path(__file__).resolve().parents[2] / ".." / "shared" / "tools"


def test_demo_annotations_pass_the_w3c_must_assertions(
    demo: Article, anonymous_client: APIClient, tmp_path: Path
) -> None:
    """Every annotation of the demo article passes the W3C suite's must-assertions."""
    checker = TOOLS / "check_w3c_annotation.py"
    if not TOOLS.parent.is_dir():
        pytest.skip("../shared is not checked out next to the repository")
    response = anonymous_client.get(f"/api/articles/{demo.slug}/annotations/")
    assert response.status_code == 200
    page = response.json()
    assert page["type"] == "AnnotationPage"
    assert len(page["items"]) == demo.claims.exclude(anchor_state="orphaned").count()
    exported = tmp_path / "annotations.json"
    exported.write_text(json.dumps(page), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(checker), str(exported)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failures" in result.stdout


def test_annotations_target_the_article_text(
    demo: Article, anonymous_client: APIClient
) -> None:
    """Each annotation's selectors point at its quote in the article's plain text."""
    page = anonymous_client.get(f"/api/articles/{demo.slug}/annotations/").json()
    for item in page["items"]:
        position, quote = item["target"]["selector"]
        assert demo.plain_text[position["start"] : position["end"]] == quote["exact"]
        assert item["target"]["source"].endswith(demo.get_absolute_url())
