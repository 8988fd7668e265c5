"""The queue's article filter stays short however large the archive grows."""

import pytest
from django.test import Client

from tests.admin.conftest import changelist_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_article_filter_lists_the_latest_stories_and_the_chosen_one(
    editor_client: Client,
) -> None:
    """35 stories: the filter offers the 30 newest; an older one chosen is shown too."""
    articles = ArticleFactory.create_batch(35)
    page = editor_client.get(changelist_url()).text
    assert page.count("article__id__exact=") == 30
    assert articles[-1].headline in page
    assert f">{articles[0].headline}<" not in page
    chosen = editor_client.get(changelist_url(), {"article__id__exact": articles[0].pk})
    assert chosen.status_code == 200
    assert f"{articles[0].headline}</a>" in chosen.text
