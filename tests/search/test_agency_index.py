"""The agency index, and the site navigation and search form on every page."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.models import Article
from articles.services import unpublish_article
from claims.models import Agency
from tests.pages.conftest import attr, one, text

pytestmark = pytest.mark.django_db


def test_index_lists_every_agency_with_label_chart_and_link(
    client: Client, demo: Article
) -> None:
    """Each of the demo's agencies is listed, linked, labelled and charted."""
    response = client.get("/agencies/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    cards = soup.select(".agency-card")
    agencies = list(Agency.objects.order_by("name"))
    assert len(cards) == len(agencies) == 7
    for card, agency in zip(cards, agencies, strict=True):
        link = one(card, "h2 a")
        assert text(link) == agency.name
        assert attr(link, "href") == f"/agencies/{agency.slug}/"
        if agency.affiliation_label:
            assert agency.affiliation_label in text(card)
        assert agency.get_kind_display() in text(card)
        chart = one(card, "svg.status-chart")
        # Each chart's accessible name is its own title, unique on the page.
        title = one(chart, "title")
        assert attr(chart, "aria-labelledby") == attr(title, "id")
    ids = [attr(title, "id") for title in soup.select("svg title")]
    assert len(set(ids)) == len(ids)
    ria = one(soup, 'a[href="/agencies/ria-novosti/"]').find_parent("article")
    assert ria is not None
    # RIA Novosti has two claims in the demo: one disputed, one not reviewed yet.
    assert "1 disputed, 0 context added, 0 verified, 1 not reviewed" in text(
        one(ria, "title")
    )
    assert "2 claims in our published stories" in text(ria)


def test_index_counts_only_published_claims(client: Client, demo: Article) -> None:
    """When the demo is unpublished, its agencies are still listed with no claims."""
    unpublish_article(demo.pk, actor=None)
    soup = BeautifulSoup(client.get("/agencies/").text, "html.parser")
    assert len(soup.select(".agency-card")) == 7
    assert {text(c) for c in soup.select(".agency-card figcaption")} == {
        "0 claims in our published stories."
    }


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/occupied-regions-referendums-early-results/",
        "/agencies/",
        "/agencies/ria-novosti/",
        "/search/?q=referendum",
    ],
)
def test_every_page_has_the_navigation_and_search_form(
    client: Client, demo: Article, path: str
) -> None:
    """Stories, agencies, search and feeds are linked, and the search form is there."""
    soup = BeautifulSoup(client.get(path).text, "html.parser")
    nav = one(soup, "nav.site-nav")
    assert [(text(a), attr(a, "href")) for a in nav.select("a")] == [
        ("Stories", "/"),
        ("Agencies", "/agencies/"),
        ("Search", "/search/"),
        ("Feeds", "#feeds"),
    ]
    assert one(soup, "#feeds").select('a[href="/feeds/articles/"]')
    form = one(soup, "header form[role=search]")
    assert attr(form, "action") == "/search/"
    assert attr(one(form, "input[type=search]"), "name") == "q"
    current = [text(a) for a in nav.select("a[aria-current=page]")]
    expected = {"/": ["Stories"], "/agencies/": ["Agencies"]}.get(path, [])
    if path.startswith("/search/"):
        expected = ["Search"]
    assert current == expected
