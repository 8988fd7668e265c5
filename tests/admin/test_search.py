"""The admin's search for editors: articles and the review queue, through claims.search."""

import pytest
from django.contrib.admin import ModelAdmin, site
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Article
from claims.models import Claim
from desk.admin import QueuePaginator, badges
from tests.admin.conftest import changelist_url
from tests.admin.test_queries import add_claims
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")


@pytest.fixture
def pipeline_stories() -> tuple[Article, Article]:
    """A published story and a draft with "pipeline" in the body only; another story."""
    published = ArticleFactory.create(
        headline="Flows fall", body="Gas through the pipeline fell by a third."
    )
    draft = ArticleFactory.create(
        headline="Repairs planned",
        body="Engineers will repair the pipeline next week.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    ArticleFactory.create(headline="Harvest in", body="The wheat is in.")
    return published, draft


def found_articles(client: Client, term: str) -> set[str]:
    response = client.get(ARTICLES, {"q": term})
    assert response.status_code == 200
    return {article.headline for article in response.context["cl"].result_list}


def test_editors_find_drafts_by_a_word_of_the_body(
    editor_client: Client, pipeline_stories: tuple[Article, Article]
) -> None:
    """The article list searches headline, standfirst and body, drafts included."""
    assert found_articles(editor_client, "pipeline") == {
        "Flows fall",
        "Repairs planned",
    }


def test_reporters_find_what_their_list_shows(
    reporter_client: Client, pipeline_stories: tuple[Article, Article]
) -> None:
    """A reporter's search narrows the stories the reporter's list holds, no more."""
    listed = reporter_client.get(ARTICLES).context["cl"].result_list
    found = found_articles(reporter_client, "pipeline")
    assert found == {"Flows fall", "Repairs planned"}
    assert found <= {article.headline for article in listed}


def test_article_search_finds_a_slug(
    editor_client: Client, pipeline_stories: tuple[Article, Article]
) -> None:
    """An editor pasting a story's slug finds it."""
    published, _draft = pipeline_stories
    assert found_articles(editor_client, published.slug) == {"Flows fall"}


def test_article_search_without_words_lists_everything(
    editor_client: Client, pipeline_stories: tuple[Article, Article]
) -> None:
    assert len(found_articles(editor_client, "  ")) == 3


def test_stemmed_search_in_the_queue(editor_client: Client) -> None:
    """On PostgreSQL the queue finds "referendum" when "referendums" is asked for."""
    if connection.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL full-text search")
    article = ArticleFactory.create(body="The referendum was held under occupation.")
    claim = make_claim(article, "The referendum was held under occupation")
    response = editor_client.get(changelist_url(), {"q": "referendums"})
    assert list(response.context["cl"].result_list) == [claim]


def test_queue_search_keeps_the_queue_order(editor_client: Client) -> None:
    """Matches come in the queue's order (what needs work first), not by rank."""
    article = ArticleFactory.create(
        body="Shelling was reported. Shelling continued, shelling and shelling."
    )
    first = make_claim(article, "Shelling was reported")
    second = make_claim(article, "Shelling continued, shelling and shelling")
    response = editor_client.get(changelist_url(), {"q": "shelling"})
    assert list(response.context["cl"].result_list) == [first, second]


def test_queue_search_finds_claims_of_an_agency(editor_client: Client) -> None:
    """An agency's name finds its claims, though their quotes do not hold it."""
    agency = AgencyFactory.create(name="Interfax Ukraine")
    article = ArticleFactory.create(body="Turnout was low. Counting went on.")
    claim = make_claim(article, "Turnout was low", agency=agency)
    make_claim(article, "Counting went on")
    response = editor_client.get(changelist_url(), {"q": "Interfax"})
    assert list(response.context["cl"].result_list) == [claim]


def test_queue_shows_25_claims_a_page(editor_client: Client) -> None:
    add_claims(30)
    response = editor_client.get(changelist_url())
    assert len(response.context["cl"].result_list) == 25
    assert response.context["cl"].result_count == 30


def test_row_checkbox_is_the_admins_own(editor_client: Client) -> None:
    """The queue writes the checkbox itself, exactly as the admin would."""
    add_claims(1)
    claim = Claim.objects.select_related("agency").get()
    assert badges.select_checkbox(claim) == ModelAdmin.action_checkbox(
        site.get_model_admin(Claim), claim
    )
    assert (
        badges.select_checkbox(claim)
        in editor_client.get(changelist_url()).content.decode()
    )


def test_a_large_filtered_count_is_estimated(
    editor_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``exact_up_to`` a filtered queue shows PostgreSQL's estimate; below, the
    exact count. Elsewhere every count is exact."""
    add_claims(40)
    monkeypatch.setattr(QueuePaginator, "exact_up_to", 10)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    filtered = editor_client.get(changelist_url(), {"status__exact": "unreviewed"})
    count = filtered.context["cl"].result_count
    if connection.vendor == "postgresql":
        # Counted as far as 11, then the planner's figure (20 in truth).
        assert count >= 11
    else:
        assert count == 20
    few = editor_client.get(
        changelist_url(), {"status__exact": "unreviewed", "q": "figure 1"}
    )
    cl = few.context["cl"]
    assert cl.result_count == len(cl.result_list) <= 10
