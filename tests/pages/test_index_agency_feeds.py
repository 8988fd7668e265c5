"""The index, agency pages and Atom feeds."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from articles.editing import edit_article
from articles.models import Article
from claims.models import Agency
from tests.factories import ArticleFactory
from tests.pages.conftest import attr, one, text

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_index_lists_newest_first_with_claim_counts(
    client: Client, demo: Article
) -> None:
    """The index shows the demo with its 1 disputed and 3 contextualized claims."""
    response = client.get("/")
    soup = BeautifulSoup(response.text, "html.parser")
    teaser = text(one(soup, ".teaser"))
    assert demo.headline in teaser
    assert demo.standfirst in teaser
    assert "27 September 2022" in teaser
    assert "1 disputed claim " in teaser + " "
    assert "3 claims with context added" in teaser


def test_index_is_paginated(client: Client) -> None:
    """With 25 articles the first page lists 20, newest first, and links to page 2."""
    now = timezone.now()
    for day in range(25):
        ArticleFactory.create(
            headline=f"Day {day:02d} story", published_at=now - timedelta(days=day)
        )
    first = BeautifulSoup(client.get("/").text, "html.parser")
    headlines = [h.get_text() for h in first.select(".teaser h2")]
    assert len(headlines) == 20
    assert headlines[0] == "Day 00 story"
    assert attr(one(first, 'a[rel="next"]'), "href") == "?page=2"
    second = BeautifulSoup(client.get("/?page=2").text, "html.parser")
    assert [h.get_text() for h in second.select(".teaser h2")] == [
        f"Day {day:02d} story" for day in range(20, 25)
    ]
    assert client.get("/?page=9").status_code == 404


def test_agency_page_has_profile_label_claims_and_chart(
    client: Client, demo: Article
) -> None:
    """RIA Novosti's page has its label, both its claims (one not reviewed yet)
    and an SVG status chart."""
    agency = Agency.objects.get(slug="ria-novosti")
    soup = BeautifulSoup(client.get(agency.get_absolute_url()).text, "html.parser")
    main = text(one(soup, "main"))
    assert "Russian state-controlled media" in main
    assert "Russian state-owned news agency." in main
    items = soup.select(".claim-item")
    assert sorted(item["data-status"] for item in items) == [
        "disputed",
        "unreviewed",
    ]
    chart = one(soup, "svg.status-chart")
    assert attr(chart, "role") == "img"
    title = text(one(chart, "title"))
    assert "1 disputed, 0 context added, 0 verified, 1 not reviewed" in title
    bars = {
        row.get_attribute_list("class")[1]: int(attr(one(row, "rect"), "width"))
        for row in chart.select("g")
    }
    assert bars["chart-disputed"] == bars["chart-unreviewed"] > 0
    assert bars["chart-verified"] == bars["chart-contextualized"] == 0


def test_articles_feed_is_atom_with_published_stories(
    client: Client, demo: Article
) -> None:
    """The articles feed is Atom and links to the demo story."""
    response = client.get("/feeds/articles/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == demo.headline
    link = entry.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href", "").endswith(demo.get_absolute_url())


def test_reviews_feed_lists_each_review_without_reviewers(
    client: Client, demo: Article
) -> None:
    """The reviews feed has one entry per review of the demo, naming no reviewer."""
    response = client.get("/feeds/reviews/")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 6
    titles = [entry.findtext(f"{ATOM}title") or "" for entry in entries]
    # Reported speech is the newsroom's wording: no quotation marks.
    assert any(
        title.startswith("Not reviewed \u2192 Disputed: Preliminary results")
        for title in titles
    )
    ids = {entry.findtext(f"{ATOM}id") for entry in entries}
    assert len(ids) == 6
    # The desk as a whole is the author; no entry names the editor who reviewed.
    authors = [name.text for name in feed.iter(f"{ATOM}name")]
    assert authors == ["The Ledger standards desk"]
    assert all(entry.find(f"{ATOM}author") is None for entry in entries)


FEEDS = {
    "/feeds/articles/": "latest stories",
    "/feeds/reviews/": "claim reviews and corrections",
    "/feeds/corrections/": "corrections and updates",
}


@pytest.mark.parametrize("site_name", ["The Ledger", "Kyiv Evening Post"])
def test_every_feed_is_titled_and_authored_in_the_sites_name(
    client: Client, demo: Article, settings: Settings, site_name: str
) -> None:
    """Each feed's title and author carry the site's name (the ``SITE_NAME``
    setting, else "The Ledger"), never the software's; each has its own id."""
    settings.SITE_NAME = "" if site_name == "The Ledger" else site_name
    edit_article(
        demo.pk,
        actor=None,
        body=demo.body.replace("hastily organised", "hastily arranged"),
        change_kind="correction",
        change_note="The ballots were arranged, not organised, in haste.",
    )
    ids = set()
    for url, topic in FEEDS.items():
        feed = ElementTree.fromstring(client.get(url).content)
        assert feed.findtext(f"{ATOM}title") == f"{site_name}: {topic}"
        author = feed.findtext(f"{ATOM}author/{ATOM}name") or ""
        assert author.startswith(site_name), url
        assert "Newsroom" not in author, url
        assert feed.find(f"{ATOM}entry") is not None, url
        ids.add(feed.findtext(f"{ATOM}id"))
    assert len(ids) == len(FEEDS)
    # Each page names the feeds after the site too.
    links = BeautifulSoup(client.get("/").text, "html.parser").select(
        'link[rel="alternate"][type="application/atom+xml"]'
    )
    assert sorted(str(link["title"]) for link in links) == sorted(
        f"{site_name}: {topic}" for topic in FEEDS.values()
    )


def test_a_story_is_updated_in_the_feed_only_when_readers_are_told(
    client: Client, demo: Article
) -> None:
    """The articles feed dates the demo 27 September 2022 until a correction,
    whatever minor fixes or reviews happen in between."""

    def updated() -> str:
        feed = ElementTree.fromstring(client.get("/feeds/articles/").content)
        entry = feed.find(f"{ATOM}entry")
        assert entry is not None
        assert (entry.findtext(f"{ATOM}published") or "").startswith("2022-09-27")
        return entry.findtext(f"{ATOM}updated") or ""

    assert updated().startswith("2022-09-27T18:00:00")
    edit_article(
        demo.pk,
        actor=None,
        body=demo.body.replace("hastily organised", "hastily-organised"),
        change_kind="minor",
    )
    assert updated().startswith("2022-09-27T18:00:00")
    revision = edit_article(
        demo.pk,
        actor=None,
        body=demo.body.replace("seven months", "seven months and more"),
        change_kind="update",
        change_note="Adds how long the invasion had lasted.",
    ).revision
    assert revision is not None
    assert updated().startswith(revision.created_at.isoformat()[:19])
