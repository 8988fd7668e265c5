"""The queue's filters: the article filter stays short however large the
archive grows, and withdrawn claims are found by their own."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from claims.services import withdraw_claim
from tests.admin.conftest import changelist_url
from tests.factories import ArticleFactory, make_claim

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


def test_a_withdrawn_claim_leaves_the_queue_and_is_found_by_its_filter(
    editor_client: Client, editor: User
) -> None:
    """Withdrawn claims are no work: the queue hides them; the filter finds them."""
    article = ArticleFactory.create()
    kept = make_claim(article, "says hello")
    gone = make_claim(article, "says goodbye")
    withdraw_claim(
        gone.pk, note="Wrong agency.", expected_version=gone.version, actor=editor
    )
    queue = editor_client.get(changelist_url())
    assert [claim.pk for claim in queue.context["cl"].result_list] == [kept.pk]
    assert queue.context["cl"].result_count == 1
    withdrawn = editor_client.get(changelist_url(), {"withdrawn": "yes"})
    assert [claim.pk for claim in withdrawn.context["cl"].result_list] == [gone.pk]
    assert "Withdrawn claims only" in withdrawn.text
