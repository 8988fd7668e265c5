"""Drafts and unpublished articles, and their claims, appear on no public page."""

import pytest
from django.test import Client

from articles.models import Article
from articles.services import publish_article, unpublish_article
from claims.models import Agency, Claim
from tests.factories import AgencyFactory, ArticleFactory, edit_text, make_claim
from tests.pages.conftest import review

pytestmark = pytest.mark.django_db

SECRET = "Unpublished-words-7731"


@pytest.fixture
def agency(db: None) -> Agency:
    return AgencyFactory.create(name="Shared Agency", slug="shared-agency")


def draft_with_claim(
    agency: Agency, slug: str, **fields: object
) -> tuple[Article, Claim]:
    article = ArticleFactory.create(
        slug=slug,
        headline=f"Headline {SECRET} {slug}",
        standfirst=f"Standfirst {SECRET}",
        body=f"The draft says {SECRET} {slug} happened.",
        **fields,
    )
    claim = review(
        make_claim(article, f"{SECRET} {slug} happened", agency=agency),
        Claim.Status.DISPUTED,
        note=f"Note {SECRET}",
    )
    return article, claim


def public_pages(client: Client, agency: Agency) -> dict[str, str]:
    pages = {}
    for url in ["/", agency.get_absolute_url(), "/feeds/articles/", "/feeds/reviews/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


@pytest.mark.parametrize("how", ["never published", "unpublished"])
def test_draft_is_404_and_absent_everywhere(
    client: Client, agency: Agency, how: str
) -> None:
    """A draft's page and its claims' pages are 404; index, feeds, agency page omit it."""
    if how == "never published":
        article, claim = draft_with_claim(
            agency, "draft", status=Article.Status.DRAFT, published_at=None
        )
    else:
        article, claim = draft_with_claim(agency, "was-live")
        unpublish_article(article.pk, actor=None)
    published, shown = draft_with_claim(agency, "live")
    edit_text(published, headline="A live story")

    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(claim.get_absolute_url()).status_code == 404
    pages = public_pages(client, agency)
    for url, html in pages.items():
        assert f"{SECRET} {article.slug}" not in html, url
        assert f"/claims/{claim.pk}/" not in html, url
    assert "A live story" in pages["/"]
    assert f"/claims/{shown.pk}/" in pages[agency.get_absolute_url()]
    assert f"/claims/{shown.pk}/" in pages["/feeds/reviews/"]


def test_publishing_a_draft_makes_it_public(client: Client, agency: Agency) -> None:
    """The same draft, once published, has its page and is listed."""
    article, claim = draft_with_claim(
        agency, "soon", status=Article.Status.DRAFT, published_at=None
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    publish_article(article.pk, actor=None)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(claim.get_absolute_url()).status_code == 200
    assert article.headline in client.get("/").text


def test_unknown_agency_is_404(client: Client) -> None:
    """An agency slug that does not exist is 404."""
    assert client.get("/agencies/nobody/").status_code == 404
