"""Stored XSS: what editors type renders inert on every page and in the JSON-LD."""

import json
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.models import Article
from claims.models import Agency, Claim
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.pages.conftest import one, review

pytestmark = pytest.mark.django_db

# Closes a script element, opens one, adds an element with a handler, and
# breaks out of a double-quoted attribute.
PAYLOAD = (
    'X</script><script>alert(1)</script><img src=x onerror=alert(2)>" onfocus="alert(3)'
)
ATOM = "{http://www.w3.org/2005/Atom}"


def hostile_story() -> tuple[Article, Agency, list[Claim]]:
    """A published article whose every editor-typed field carries the payload."""
    agency = AgencyFactory.create(
        name=f"Agency {PAYLOAD}",
        slug="hostile-agency",
        description=f"About {PAYLOAD}",
        affiliation_label=f"Label {PAYLOAD}",
        affiliation_source=f"Source {PAYLOAD}",
        website="https://example.com/?q=%22%3E",
    )
    article = ArticleFactory.create(
        headline=f"Headline {PAYLOAD}",
        slug="hostile",
        standfirst=f"Standfirst {PAYLOAD}",
        byline=f"Byline {PAYLOAD}",
        dateline=f"Dateline {PAYLOAD}",
        body=f"Opening words. Quote {PAYLOAD} ends here.\n\nAnother claim sits here.",
    )
    disputed = review(
        make_claim(article, f"Quote {PAYLOAD} ends", agency=agency, speaker=PAYLOAD),
        Claim.Status.DISPUTED,
        note=f"Note {PAYLOAD}",
        disputed_by=f"Disputer {PAYLOAD}",
    )
    context = review(
        make_claim(article, "Another claim", agency=agency),
        Claim.Status.CONTEXTUALIZED,
        note=f"Context {PAYLOAD}",
    )
    return article, agency, [disputed, context]


@pytest.fixture
def hostile(db: None) -> tuple[Article, Agency, list[Claim]]:
    return hostile_story()


def assert_inert(html: str) -> BeautifulSoup:
    """No script runs from the page except ours, and no element carries a handler."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        src = str(script.get("src", ""))
        assert script.get("type") == "application/ld+json" or src.endswith(".js")
        assert "alert" not in src
    assert not soup.find_all("img")
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on")], element
    # The payload is shown to readers as the text it is.
    assert PAYLOAD in soup.get_text()
    return soup


def test_every_page_renders_the_payload_as_text(
    client: Client, hostile: tuple[Article, Agency, list[Claim]]
) -> None:
    """Index, article, agency and claim pages, the agency index and search
    (both drawn partly without templates) show the payload as text, never
    markup."""
    article, agency, claims = hostile
    urls = [
        "/",
        "/agencies/",
        "/search/?q=quote",
        article.get_absolute_url(),
        agency.get_absolute_url(),
        *(claim.get_absolute_url() for claim in claims),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.text)


def strings(data: Any) -> Iterator[str]:
    """Every string value in decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def test_json_ld_cannot_close_its_script_and_reads_back_exactly(
    client: Client, hostile: tuple[Article, Agency, list[Claim]]
) -> None:
    """Every page's JSON-LD holds no raw '<' or '>' and parses back to the exact payload."""
    article, agency, claims = hostile
    urls = [
        "/",
        article.get_absolute_url(),
        agency.get_absolute_url(),
        claims[0].get_absolute_url(),
    ]
    for url in urls:
        soup = assert_inert(client.get(url).text)
        (script,) = soup.find_all("script", type="application/ld+json")
        raw = script.string or ""
        assert "<" not in raw, url
        assert ">" not in raw, url
        assert any(PAYLOAD in value for value in strings(json.loads(raw))), url
    page = BeautifulSoup(client.get(article.get_absolute_url()).text, "html.parser")
    graph = json.loads(one(page, 'script[type="application/ld+json"]').string or "")[
        "@graph"
    ]
    assert graph[0]["headline"] == f"Headline {PAYLOAD}"
    assert graph[1]["itemReviewed"]["author"]["name"] == PAYLOAD


def test_feeds_escape_the_payload(
    client: Client, hostile: tuple[Article, Agency, list[Claim]]
) -> None:
    """Feed readers render Atom summaries as HTML: the payload arrives as text."""
    for url in ["/feeds/articles/", "/feeds/reviews/"]:
        feed = ElementTree.fromstring(client.get(url).content)
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            summary = entry.find(f"{ATOM}summary")
            assert summary is not None
            assert summary.get("type") == "html"
            rendered = BeautifulSoup(summary.text or "", "html.parser")
            assert not rendered.find_all(["script", "img"])
            assert PAYLOAD in rendered.get_text()
