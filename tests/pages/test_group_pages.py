"""Readers see where else a grouped claim appears, and one review reaches
every story's page at once, at a cost that does not grow with the group."""

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from articles.models import Article
from articles.services import publish_article
from claims import groups
from claims.models import Agency, Claim
from claims.services import review_claim
from newsroom import parts
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    confirm_as_one_group,
    make_claim,
)
from tests.pages.conftest import one
from tests.pages.test_query_budgets import queries_for

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Donetsk reached 97% on Tuesday, the commission said"


@pytest.fixture
def ria() -> Agency:
    return AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")


def story(agency: Agency, number: int, **fields: Any) -> Claim:
    article = ArticleFactory.create(
        headline=f"Referendum story {number}",
        body=f"Polls closed on Tuesday.\n\n{TURNOUT}.\n\nStory {number} ends.",
        **fields,
    )
    return make_claim(article, TURNOUT, agency=agency)


def grouped(agency: Agency, size: int, editor: User, **fields: Any) -> list[Claim]:
    """``size`` stories carrying the same claim, confirmed as one group."""
    claims = [story(agency, number, **fields) for number in range(size)]
    confirm_as_one_group(claims, actor=editor)
    return claims


def dispute(
    claim: Claim, actor: User | None, note: str = "Observers counted far fewer."
) -> None:
    claim.refresh_from_db()
    review_claim(
        claim.pk,
        status=Claim.Status.DISPUTED,
        note=note,
        disputed_by="Independent observers",
        actor=actor,
        expected_version=claim.version,
    )


def note_of(client: Client, claim: Claim) -> Tag:
    html = client.get(claim.article.get_absolute_url()).content.decode()
    return one(BeautifulSoup(html, "html.parser"), f"#note-{claim.pk}")


def test_the_note_says_where_else_the_claim_appears(
    client: Client, ria: Agency, editor: User
) -> None:
    """A published member's note names and links the other published stories;
    a draft is never named; the story's corrections tell of the new verdict."""
    first, second = grouped(ria, 2, editor)
    draft = story(ria, 9, status=Article.Status.DRAFT, published_at=None)
    groups.confirm_match(first.pk, draft.pk, actor=editor)
    dispute(second, editor)
    note = note_of(client, first)
    appears = one(note, ".also-appears")
    assert appears.p is not None
    assert appears.p.get_text() == "This claim also appears in 1 other story:"
    (link,) = appears.select("a")
    assert link["href"] == second.article.get_absolute_url()
    assert link.get_text() == "Referendum story 1"
    page = client.get(first.article.get_absolute_url()).content.decode()
    assert "Referendum story 9" not in page
    assert "A claim in this story is now disputed" in page


def test_the_claim_page_lists_the_stories(
    client: Client, ria: Agency, editor: User
) -> None:
    """The claim's page lists every other published story carrying it."""
    claims = grouped(ria, 3, editor)
    dispute(claims[0], editor)
    soup = BeautifulSoup(
        client.get(claims[1].get_absolute_url()).content.decode(), "html.parser"
    )
    section = one(soup, "section.also-appears")
    assert one(section, "h2").get_text() == "Also in 2 other stories"
    hrefs = [a["href"] for a in section.select("a")]
    assert sorted(hrefs) == sorted(
        f"{c.article.get_absolute_url()}#claim-{c.pk}" for c in (claims[0], claims[2])
    )


def claim_reviews(html: str) -> list[dict[str, Any]]:
    soup = BeautifulSoup(html, "html.parser")
    script = one(soup, 'script[type="application/ld+json"]')
    graph = json.loads(script.get_text())["@graph"]
    return [node for node in graph if node["@type"] == "ClaimReview"]


def test_claim_review_lists_every_published_appearance(
    client: Client, ria: Agency, editor: User
) -> None:
    """One ClaimReview per page, whose claim appears in every published story."""
    claims = grouped(ria, 3, editor)
    draft = story(ria, 9, status=Article.Status.DRAFT, published_at=None)
    groups.confirm_match(claims[0].pk, draft.pk, actor=editor)
    dispute(claims[0], editor)
    (node,) = claim_reviews(
        client.get(claims[1].article.get_absolute_url()).content.decode()
    )
    urls = [item["url"] for item in node["itemReviewed"]["appearance"]]
    assert urls[0].endswith(
        f"{claims[1].article.get_absolute_url()}#claim-{claims[1].pk}"
    )
    assert sorted(url.split("testserver")[1] for url in urls) == sorted(
        f"{c.article.get_absolute_url()}#claim-{c.pk}" for c in claims
    )


def test_publishing_a_member_reaches_the_other_pages(
    client: Client, ria: Agency, editor: User
) -> None:
    """A cached page learns of a member's story as soon as it is published."""
    first, _ = grouped(ria, 2, editor)
    draft = story(ria, 9, status=Article.Status.DRAFT, published_at=None)
    groups.confirm_match(first.pk, draft.pk, actor=editor)
    dispute(first, editor)
    assert "1 other story" in str(note_of(client, first))
    assert "1 other story" in str(note_of(client, first))  # from the cache
    publish_article(draft.article_id, actor=editor)
    assert "2 other stories" in str(note_of(client, first))


@pytest.mark.parametrize("size", [2, 100])
def test_a_group_review_retires_every_page(
    client: Client, ria: Agency, editor: User, size: int
) -> None:
    """A review of one member of a group of 100 shows on every story's cached
    page at once; the pages' queries are the same at 2 members as at 100."""
    claims = grouped(ria, size, editor)
    dispute(claims[0], editor)
    cache.clear()
    parts.forget_local()  # and this process's memory
    budget = {
        "empty": queries_for(client, claims[-1].article.get_absolute_url()),
    }
    for claim in claims:
        assert (
            'data-status="disputed"'
            in client.get(claim.article.get_absolute_url()).text
        )
    dispute(claims[-1], editor, note="The commission's own tally differs.")
    budget["after a review"] = queries_for(
        client, claims[-1].article.get_absolute_url()
    )
    for claim in claims:
        note = note_of(client, claim)
        assert "The commission's own tally differs." in str(note)
        assert f"also appears in {size - 1} other" in str(note)
    # Empty cache: the versions, article, corrections, claims, claims
    # rendered, agencies, log, and where else the claims appear; after a
    # review: the versions, the claims, the reviewed one, the log, the
    # appearances.
    assert budget == {"empty": 8, "after a review": 5}


def page_budgets(client: Client, claim: Claim) -> dict[str, int]:
    """Queries of the claim's story page and its own page, each read fresh."""
    cache.clear()
    claim.refresh_from_db()
    return {
        "article page": queries_for(client, claim.article.get_absolute_url()),
        "claim page": queries_for(client, claim.get_absolute_url()),
    }


@pytest.mark.parametrize("size", [1, 2, 100])
def test_page_budgets_do_not_grow_with_the_group(
    client: Client, ria: Agency, editor: User, size: int
) -> None:
    """A claim alone, in a group of 2 or of 100: its story's page and its own
    page read where else it appears in one query, whatever the group's size."""
    claims = grouped(ria, size, editor)
    dispute(claims[0], editor)
    budgets = page_budgets(client, claims[-1])
    # Alone: the versions, article, corrections, claims, claims rendered,
    # agencies, log; the claim page: the versions, the claim, its history. A
    # group adds where else it appears, to each.
    if size == 1:
        assert budgets == {"article page": 7, "claim page": 3}
    else:
        assert budgets == {"article page": 8, "claim page": 4}
    page = client.get(claims[-1].get_absolute_url()).text
    assert (f"Also in {size - 1} other stor" in page) == (size > 1)
