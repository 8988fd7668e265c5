"""JSON-LD on readers' pages: a NewsArticle and one ClaimReview per reviewed claim."""

from typing import Any

import extruct
import pytest
from django.test import Client

from articles.models import Article
from claims.models import Claim

pytestmark = pytest.mark.django_db


def json_ld_nodes(html: str, url: str) -> list[dict[str, Any]]:
    """Every schema.org node in the page's JSON-LD, as an extractor reads it."""
    documents = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    nodes: list[dict[str, Any]] = []
    for document in documents:
        nodes.extend(document.get("@graph", [document]))
    return nodes


def test_article_json_ld_has_news_article_and_one_review_per_reviewed_claim(
    client: Client, demo: Article
) -> None:
    """The demo page's JSON-LD parses, with a NewsArticle and six ClaimReviews."""
    url = "http://testserver" + demo.get_absolute_url()
    nodes = json_ld_nodes(client.get(demo.get_absolute_url()).text, url)
    articles = [node for node in nodes if node["@type"] == "NewsArticle"]
    assert len(articles) == 1
    assert articles[0]["headline"] == demo.headline
    assert articles[0]["url"] == url
    assert articles[0]["datePublished"] == "2022-09-27T18:00:00Z"

    reviews = {node["url"]: node for node in nodes if node["@type"] == "ClaimReview"}
    reviewed = demo.claims.exclude(status=Claim.Status.UNREVIEWED)
    assert len(reviews) == reviewed.count() == 6
    for claim in reviewed:
        review = reviews[f"http://testserver/claims/{claim.pk}/"]
        assert review["claimReviewed"] == claim.quote
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"]["url"] == f"{url}#claim-{claim.pk}"
        expected_author = (
            claim.person.name if claim.person else claim.speaker or claim.agency.name
        )
        assert item["author"]["name"] == expected_author
        assert (
            review["reviewRating"]["alternateName"]
            == {
                "verified": "Verified",
                "disputed": "Disputed",
                "contextualized": "Context added",
            }[claim.status]
        )
        assert review["author"] == {
            "@type": "Organization",
            "name": "The Ledger",
            "url": "http://testserver/",
        }
        assert claim.reviewed_at is not None
        assert review["datePublished"].startswith(str(claim.reviewed_at.year))


def test_interfax_review_has_its_fields(client: Client, demo: Article) -> None:
    """The Interfax claim's review is rated "Context added" and authored by Interfax."""
    claim = demo.claims.get(agency__slug="interfax")
    nodes = json_ld_nodes(
        client.get(demo.get_absolute_url()).text, "http://testserver/"
    )
    (review,) = [
        node for node in nodes if node.get("url", "").endswith(f"/claims/{claim.pk}/")
    ]
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Interfax",
    }
    assert review["reviewRating"]["alternateName"] == "Context added"
    assert review["reviewBody"].startswith("Partial counts (12% and 20% of ballots)")


def test_claim_permalink_has_its_claim_review(client: Client, demo: Article) -> None:
    """A reviewed claim's permalink embeds its ClaimReview; an unreviewed one has none."""
    disputed = demo.claims.get(status="disputed")
    nodes = json_ld_nodes(
        client.get(disputed.get_absolute_url()).text, "http://testserver/"
    )
    assert [node["reviewRating"]["alternateName"] for node in nodes] == ["Disputed"]
    unreviewed = demo.claims.filter(status="unreviewed").first()
    assert unreviewed is not None
    html = client.get(unreviewed.get_absolute_url()).text
    assert json_ld_nodes(html, "http://testserver/") == []


def test_agency_and_index_pages_carry_json_ld(client: Client, demo: Article) -> None:
    """The agency page describes the agency and reviews its claims; the index lists stories."""
    nodes = json_ld_nodes(
        client.get("/agencies/ria-novosti/").text, "http://testserver/"
    )
    assert nodes[0] == {
        "@type": "Organization",
        "@id": "http://testserver/agencies/ria-novosti/",
        "name": "RIA Novosti",
        "description": "Russian state-owned news agency.",
    }
    ratings = sorted(
        node["reviewRating"]["alternateName"]
        for node in nodes
        if node["@type"] == "ClaimReview"
    )
    assert ratings == ["Disputed"]  # its other claim is not reviewed yet
    (listing,) = json_ld_nodes(client.get("/").text, "http://testserver/")
    assert listing["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "url": f"http://testserver{demo.get_absolute_url()}",
            "name": demo.headline,
        }
    ]
