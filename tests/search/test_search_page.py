"""Readers' search: what is found, in what order, with which filters, and safely."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from articles.models import Article
from claims.models import Agency, Claim
from claims.search import matching, public_search, search_articles, search_claims
from newsroom import parts
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.pages.conftest import attr, one, review, text
from tests.pages.test_xss import PAYLOAD, assert_inert, hostile_story

pytestmark = pytest.mark.django_db


def page(client: Client, **params: str) -> BeautifulSoup:
    response = client.get("/search/", params)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def headlines(soup: BeautifulSoup) -> list[str]:
    return [text(h) for h in soup.select(".results-stories h3")]


def quotes(soup: BeautifulSoup) -> list[str]:
    return [text(q) for q in soup.select(".results-claims .note-quote")]


def test_stemming_finds_other_forms_of_a_word(
    postgres_only: None, client: Client
) -> None:
    """On PostgreSQL "referendums" finds a story and a claim that say "referendum"."""
    article = ArticleFactory.create(
        headline="Polls close in the east",
        body="The referendum was held under occupation, officials said.",
    )
    make_claim(article, "The referendum was held under occupation")
    soup = page(client, q="referendums")
    assert headlines(soup) == ["Polls close in the east"]
    assert quotes(soup) == ["The referendum was held under occupation"]
    # The stemmed hit is marked in the snippet and the quote.
    assert [m.get_text() for m in soup.select(".snippet mark")] == ["referendum"]
    assert [m.get_text() for m in soup.select(".note-quote mark")] == ["referendum"]


def test_case_does_not_matter(client: Client) -> None:
    """Capitals in the query find lower case words and the hit is marked."""
    ArticleFactory.create(headline="Annexation vote", body="Turnout was reported.")
    soup = page(client, q="ANNEXATION")
    assert headlines(soup) == ["Annexation vote"]
    assert [m.get_text() for m in soup.select(".results-stories h3 mark")] == [
        "Annexation"
    ]


def test_headline_match_ranks_above_body_match(client: Client) -> None:
    """A story with the word in its headline comes before a newer one with it only in the body."""
    now = timezone.now()
    ArticleFactory.create(
        headline="Markets open higher",
        standfirst="Trading resumed.",
        body="Traders spoke of the ceasefire. The ceasefire held, and the ceasefire talks went on.",
        published_at=now,
    )
    ArticleFactory.create(
        headline="Ceasefire agreed in the south",
        standfirst="Both sides signed.",
        body="The agreement was signed at noon.",
        published_at=now - timedelta(days=3),
    )
    ArticleFactory.create(headline="Weather", body="Rain later.", published_at=now)
    soup = page(client, q="ceasefire")
    assert headlines(soup) == ["Ceasefire agreed in the south", "Markets open higher"]
    # The API and the admin get the same order from the module.
    assert [
        a.headline for a in search_articles(Article.objects.published(), "ceasefire")
    ] == ["Ceasefire agreed in the south", "Markets open higher"]


def test_drafts_and_their_claims_are_never_found(client: Client) -> None:
    """A draft's headline, body and claims are found nowhere, under any filter."""
    agency = AgencyFactory.create(name="Draft Wire", slug="draft-wire")
    published = ArticleFactory.create(
        headline="Published zeppelin story", body="A zeppelin was seen."
    )
    make_claim(published, "A zeppelin was seen", agency=agency)
    draft = ArticleFactory.create(
        headline="Draft zeppelin story",
        body="The zeppelin landed in secret.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    secret = make_claim(draft, "The zeppelin landed in secret", agency=agency)
    review(secret, Claim.Status.DISPUTED)
    for params in [
        {"q": "zeppelin"},
        {"q": "secret"},
        {"q": "zeppelin", "agency": "draft-wire"},
        {"status": "disputed"},
        {"q": "zeppelin", "kind": "claims"},
    ]:
        soup = page(client, **params)
        html = str(soup.select_one("main"))
        assert "Draft zeppelin story" not in html, params
        assert "landed in secret" not in html, params
    assert headlines(page(client, q="zeppelin")) == ["Published zeppelin story"]
    # Draft claims do not make their agency a result of a status filter either.
    assert text(one(page(client, status="disputed"), ".result-summary")).startswith(
        "0 results"
    )
    results = public_search("zeppelin")
    assert list(results.claims.values_list("quote", flat=True)) == [
        "A zeppelin was seen"
    ]


@pytest.fixture
def two_agencies(db: None) -> tuple[Agency, Agency]:
    """Two agencies with claims about grain in two stories, in different statuses."""
    tass = AgencyFactory.create(name="TASS", slug="tass", aliases=["TASS", "ITAR-TASS"])
    ukr = AgencyFactory.create(
        name="Ukrinform",
        slug="ukrinform",
        kind=Agency.Kind.NEWS_AGENCY,
        affiliation_label="Ukrainian state news agency",
    )
    first = ArticleFactory.create(
        headline="Grain corridor reopens",
        body="Ships carried grain out. Officials counted the grain twice.",
    )
    second = ArticleFactory.create(
        headline="Harvest figures", body="The grain harvest fell by a third."
    )
    review(make_claim(first, "Ships carried grain out", agency=tass), "disputed")
    review(
        make_claim(first, "Officials counted the grain twice", agency=ukr), "verified"
    )
    make_claim(second, "The grain harvest fell by a third", agency=ukr)
    return tass, ukr


def test_agency_filter(client: Client, two_agencies: tuple[Agency, Agency]) -> None:
    """Filtered by an agency: only its claims, and only stories where it is cited."""
    soup = page(client, q="grain", agency="tass")
    assert quotes(soup) == ["Ships carried grain out"]
    assert headlines(soup) == ["Grain corridor reopens"]
    assert [text(a) for a in soup.select(".results-agencies h3")] == []
    soup = page(client, q="grain", agency="ukrinform")
    assert sorted(quotes(soup)) == [
        "Officials counted the grain twice",
        "The grain harvest fell by a third",
    ]
    assert sorted(headlines(soup)) == ["Grain corridor reopens", "Harvest figures"]
    # The filter is kept in the form.
    selected = one(soup, "#id_agency option[selected]")
    assert attr(selected, "value") == "ukrinform"


def test_status_filter(client: Client, two_agencies: tuple[Agency, Agency]) -> None:
    """Filtered by status: only claims in that status, and their stories and agencies."""
    soup = page(client, q="grain", status="verified")
    assert quotes(soup) == ["Officials counted the grain twice"]
    assert headlines(soup) == ["Grain corridor reopens"]
    soup = page(client, q="grain", status="unreviewed")
    assert quotes(soup) == ["The grain harvest fell by a third"]
    assert headlines(soup) == ["Harvest figures"]
    # Every disputed claim, with no words at all.
    soup = page(client, status="disputed")
    assert quotes(soup) == ["Ships carried grain out"]
    assert [text(a) for a in soup.select(".results-agencies h3")] == ["TASS"]
    assert "with claims marked disputed" in text(one(soup, ".result-summary"))


def test_agencies_found_by_name_and_alias(
    client: Client, two_agencies: tuple[Agency, Agency]
) -> None:
    """An alias finds its agency, which links to its profile with the hit marked."""
    soup = page(client, q="itar")
    (found,) = soup.select(".results-agencies .result")
    assert attr(one(found, "h3 a"), "href") == "/agencies/tass/"
    assert [m.get_text() for m in found.select(".aliases mark")] == ["ITAR"]
    soup = page(client, q="ukrinform", kind="agencies")
    assert "Ukrainian state news agency" in text(one(soup, ".results-agencies"))
    # Only the agencies section is shown.
    assert soup.select(".results-stories") == []


def test_claims_found_by_speaker(client: Client) -> None:
    """A speaker's name finds the claims they made."""
    article = ArticleFactory.create(body="Nothing was decided, Peskov told reporters.")
    make_claim(article, "Nothing was decided", speaker="Dmitry Peskov")
    soup = page(client, q="peskov", kind="claims")
    assert quotes(soup) == ["Nothing was decided"]
    assert list(search_claims(Claim.objects.public(), "Dmitry Peskov")) == list(
        Claim.objects.all()
    )


def test_results_are_paginated_per_kind(client: Client) -> None:
    """The mixed page shows five stories and links to all; each kind pages by 20."""
    now = timezone.now()
    for number in range(25):
        ArticleFactory.create(
            headline=f"Blackout report {number:02d}",
            published_at=now - timedelta(hours=number),
        )
    soup = page(client, q="blackout")
    assert len(headlines(soup)) == 5
    more = one(soup, ".results-stories .more-results a")
    assert text(more) == "All 25 stories"
    assert attr(more, "href") == "?q=blackout&kind=stories"
    first = page(client, q="blackout", kind="stories")
    assert headlines(first)[:2] == ["Blackout report 00", "Blackout report 01"]
    assert len(headlines(first)) == 20
    assert (
        attr(one(first, 'a[rel="next"]'), "href") == "?q=blackout&kind=stories&page=2"
    )
    second = page(client, q="blackout", kind="stories", page="2")
    assert len(headlines(second)) == 5
    assert (
        client.get(
            "/search/", {"q": "blackout", "kind": "stories", "page": "3"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"q": "grain", "agency": "no-such-agency"}, "Select a valid choice"),
        ({"q": "grain", "status": "false"}, "Select a valid choice"),
        ({"q": "grain", "kind": "people"}, "Select a valid choice"),
        ({"q": "a\x00b"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    client: Client, params: dict[str, str], message: str
) -> None:
    """A bad parameter answers 400 and says what is wrong, beside the field."""
    response = client.get("/search/", params)
    assert response.status_code == 400
    soup = BeautifulSoup(response.text, "html.parser")
    assert message in text(one(soup, ".search-form"))
    assert soup.select(".results") == []


def test_empty_search_shows_the_form(client: Client) -> None:
    """/search/ with nothing asked shows the form and no results."""
    soup = page(client)
    assert one(soup, "h1").get_text() == "Search"
    assert soup.select(".results") == []
    assert "Type some words" in text(one(soup, "main")) or soup.select("#id_q")


def test_payloads_in_results_and_query_are_inert(client: Client) -> None:
    """Stored payloads in matching fields, and the query itself, render as text."""
    hostile_story()
    soup = assert_inert(client.get("/search/", {"q": "Quote"}).text)
    # The hit is marked, and the payload beside it is text, not markup.
    assert [m.get_text() for m in soup.select(".note-quote mark")] == ["Quote"]
    assert PAYLOAD in text(one(soup, ".results-claims"))
    assert soup.select(".snippet mark")
    soup = assert_inert(client.get("/search/", {"q": PAYLOAD}).text)
    assert attr(one(soup, "#id_q"), "value") == PAYLOAD
    assert PAYLOAD in text(one(soup, "h1"))
    # Words of the payload find the hostile agency; its name is shown as text.
    soup = assert_inert(client.get("/search/", {"q": "agency onerror"}).text)
    assert f"Agency {PAYLOAD}" in one(soup, ".results-agencies h3").get_text()


@pytest.mark.parametrize("query", ['"', '""', "-", "or"])
def test_a_query_without_words_finds_nothing(client: Client, query: str) -> None:
    """Quotes, a dash or "or" alone find nothing rather than everything."""
    ArticleFactory.create(headline="Orchards flourish", body="Or so they say.")
    soup = page(client, q=query)
    assert headlines(soup) == []
    assert text(one(soup, ".result-summary")).startswith("0 results")


def test_an_excluded_word_removes_results(client: Client) -> None:
    """ "-word" leaves out what mentions it, on every database."""
    ArticleFactory.create(headline="Dam breach floods villages", body="Water rose.")
    ArticleFactory.create(headline="Dam repairs begin", body="Crews arrived.")
    assert headlines(page(client, q="dam -floods")) == ["Dam repairs begin"]


def test_matching_picks_the_search_for_the_queryset(
    two_agencies: tuple[Agency, Agency],
) -> None:
    """One entry point for callers holding any of the three querysets."""
    assert [a.headline for a in matching(Article.objects.all(), "harvest")] == [
        "Harvest figures"
    ]
    assert [c.quote for c in matching(Claim.objects.all(), "ships")] == [
        "Ships carried grain out"
    ]
    assert [a.slug for a in matching(Agency.objects.all(), "itar")] == ["tass"]


@pytest.mark.parametrize(
    "words",
    ["turnout", f"turnout {PAYLOAD}", "  turnout in the eastern regions " * 3],
)
def test_the_page_kept_around_results_shows_each_search_its_own_words(
    client: Client, words: str
) -> None:
    """The page around a search's results is drawn once and filled in for
    each search: byte for byte the page drawn whole, with this search's
    words in the title (cut at 60 characters), the heading and the box,
    escaped, never the last search's."""
    ArticleFactory.create(
        headline="Turnout in the eastern regions",
        body="Turnout reached 97 percent, it said.",
    )
    assert headlines(page(client, q="turnout")) == ["Turnout in the eastern regions"]
    kept = client.get("/search/", {"q": words, "page": "1"})
    with parts.bypassed():
        whole = client.get("/search/", {"q": words, "page": "2"})
    assert kept.status_code == whole.status_code == 200
    assert kept.content == whole.content.replace(b"page=2", b"page=1")
    soup = BeautifulSoup(kept.text, "html.parser")
    if PAYLOAD in words:
        assert_inert(kept.text)
    asked = words.strip()
    cut = asked if len(asked) <= 60 else asked[:59] + "…"
    # As the reader sees them: runs of spaces shown as one.
    assert text(one(soup, "title")).startswith(f"“{' '.join(cut.split())}”: search")
    assert text(one(soup, "h1")) == f"Search results for “{' '.join(asked.split())}”"
    assert attr(one(soup, "#id_q"), "value") == words
    if PAYLOAD not in words:
        assert headlines(soup) == ["Turnout in the eastern regions"]
