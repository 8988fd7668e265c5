"""Search and the agency index cost a few queries, at 10 results as at 1,000."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from articles.models import Article
from claims.models import Agency, Claim, Person
from newsroom.dependencies import retire
from reader import finding
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def add_matches(count: int, agency: Agency) -> None:
    """``count`` published stories about floods, each with a claim about floods."""
    articles = [
        ArticleFactory.build(
            headline=f"Floods story {Article.objects.count() + n}",
            slug=f"floods-{Article.objects.count() + n}",
            body=f"Floods reached district {n}, the agency said.",
        )
        for n in range(count)
    ]
    for article in articles:
        article.save()
    claims = Claim.objects.bulk_create(
        Claim(
            article=article,
            agency=agency,
            quote="Floods reached district",
            start=0,
            end=len("Floods reached district"),
        )
        for article in articles
    )
    # Written past the services, so retired as they would have been.
    retire(*articles, *claims)


@pytest.mark.parametrize(
    ("params", "queries", "on_postgres"),
    [
        # The cache's versions, the agencies (the choices and the one
        # filtered by), then for each kind shown its page, and its count
        # where the page is full: at 10 matches the previews of five are
        # full, a page of 20 is not. On PostgreSQL the three kinds' previews
        # are read in one query.
        ({"q": "floods"}, (7, 7), (5, 5)),
        ({"q": "floods", "agency": "wire", "kind": "claims"}, (3, 4), (3, 4)),
        ({"q": "floods", "kind": "stories"}, (3, 4), (3, 4)),
        ({"status": "unreviewed", "kind": "claims"}, (3, 4), (3, 4)),
    ],
)
def test_search_budget(
    client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
    params: dict[str, str],
    queries: tuple[int, int],
    on_postgres: tuple[int, int],
) -> None:
    """Ten matches or a thousand: a few queries, and every result on the page."""
    agency = AgencyFactory.create(name="Floods Watch", slug="wire")
    if connection.vendor == "postgresql":
        queries = on_postgres
    for total, budget in zip((10, 1000), queries, strict=True):
        add_matches(total - Article.objects.count(), agency)
        with django_assert_num_queries(budget):
            response = client.get("/search/", params)
        assert response.status_code == 200
        html = response.text
        if params.get("kind") == "claims":
            assert html.count('class="result result-claim') == min(total, 20)
            assert f'Claims <span class="result-count">({total})</span>' in html
        elif params.get("kind") == "stories":
            assert html.count('class="result result-story') == min(total, 20)
        else:
            assert html.count('class="result result-story') == 5
            assert f"{2 * total + 1} results" in html


def test_agency_index_budget(client: Client) -> None:
    """The agency index runs one query (and the cache's versions read) whether
    it lists 10 agencies or 1,000."""
    # The schedule of embargoes is read once a moment by whichever page asks
    # first (articles.schedule); here the front page does.
    assert client.get("/").status_code == 200
    for total in (10, 1000):
        retire(*AgencyFactory.create_batch(total - Agency.objects.count()))
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/agencies/")
        assert response.status_code == 200
        assert response.text.count('class="agency-card"') == total
        ran = [query["sql"] for query in captured.captured_queries]
        assert len(ran) == 2, "\n".join(ran)


def test_search_kept_until_the_lists_change(client: Client) -> None:
    """A search asked again at another address (a tracking parameter) reads
    only the cache's versions; a new search reads no agency list again; a
    story published since is found at once, the links to more results keep
    the address's own parameters."""
    agency = AgencyFactory.create(name="Floods Watch", slug="wire")
    add_matches(6, agency)
    with CaptureQueriesContext(connection) as first:
        assert client.get("/search/", {"q": "floods", "utm": "a"}).status_code == 200
    with CaptureQueriesContext(connection) as again:
        response = client.get("/search/", {"q": "floods", "utm": "b"})
    assert len(again.captured_queries) == 1 < len(first.captured_queries)
    assert "13 results" in response.text
    assert 'href="?q=floods&amp;utm=b&amp;kind=stories"' in response.text
    # The same word capitalised: a search of its own, counted and read
    # afresh, but not the agencies the form offers.
    with CaptureQueriesContext(connection) as other:
        response = client.get("/search/", {"q": "Floods"})
    assert len(other.captured_queries) == len(first.captured_queries) - 1
    assert "13 results" in response.text
    add_matches(1, agency)
    response = client.get("/search/", {"q": "floods", "utm": "c"})
    assert "15 results" in response.text


def test_agency_index_kept_until_the_lists_change(client: Client) -> None:
    """The agency index at another address reads only the cache's versions,
    and lists an agency added since at once."""
    agencies = AgencyFactory.create_batch(3)
    retire(*agencies)
    with CaptureQueriesContext(connection) as first:
        assert client.get("/agencies/", {"a": "1"}).status_code == 200
    with CaptureQueriesContext(connection) as again:
        response = client.get("/agencies/", {"a": "2"})
    assert len(again.captured_queries) == 1 < len(first.captured_queries)
    assert response.text.count('class="agency-card"') == 3
    retire(AgencyFactory.create(name="Zeta Wire"))
    response = client.get("/agencies/", {"a": "3"})
    assert response.text.count('class="agency-card"') == 4
    assert "Zeta Wire" in response.text


def test_only_the_last_searches_are_kept(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process keeps the results of its last few searches: an older one
    is searched afresh, a recent one is not."""
    monkeypatch.setattr(finding._searches, "size", 2)
    add_matches(3, AgencyFactory.create(name="Floods Watch", slug="wire"))
    for words in ("floods", "district", "agency"):
        assert client.get("/search/", {"q": words}).status_code == 200
    # Searched afresh: the versions, then each kind's first few (read in one
    # query on PostgreSQL).
    afresh = 2 if connection.vendor == "postgresql" else 4
    for words, queries in (("agency", 1), ("floods", afresh)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": words, "utm": "x"})
        assert response.status_code == 200
        assert len(captured.captured_queries) == queries


def test_claims_by_known_people_cost_no_more(client: Client) -> None:
    """Claims said by people the newsroom knows show each one's name and
    role in their attribution, read with the claims: no query per claim."""
    agency = AgencyFactory.create(
        name="Floods Watch", slug="wire", kind=Agency.Kind.GOVERNMENT
    )
    add_matches(4, agency)
    people = [
        Person.objects.create(
            name=f"Mira Vell {n}",
            slug=f"mira-vell-{n}",
            role="hydrologist",
            agency=agency,
        )
        for n in range(4)
    ]
    claims = list(Claim.objects.order_by("pk"))
    for claim, person in zip(claims, people, strict=True):
        claim.person = person
    # Written past the services, as the stories' claims were.
    Claim.objects.filter(pk__in=[claim.pk for claim in claims]).delete()
    Claim.objects.bulk_create(claims)
    retire(*claims, *people)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": "floods", "kind": "claims"})
    assert response.status_code == 200
    for n in range(4):
        assert f"Mira Vell {n}" in response.text
    assert "hydrologist" in response.text
    # The cache's versions, the agencies, the page: as with nobody known.
    assert len(captured.captured_queries) == 3
