"""Fixtures for the readers' pages: articles with many claims in every status."""

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup, Tag

from articles.models import Article
from claims.models import Agency, Claim
from claims.services import review_claim
from tests.factories import AgencyFactory, ArticleFactory, claims_in_bulk

STATUS_CYCLE = [
    Claim.Status.UNREVIEWED,
    Claim.Status.VERIFIED,
    Claim.Status.DISPUTED,
    Claim.Status.CONTEXTUALIZED,
]

BuildArticle = Callable[..., Article]


def review(claim: Claim, status: str, note: str = "", disputed_by: str = "") -> Claim:
    """Review a claim as the system would (no actor), with a note where one is needed."""
    if status in Claim.NOTE_REQUIRED and not note:
        note = f"Reader note on claim {claim.pk}."
    if status == Claim.Status.DISPUTED and not disputed_by:
        disputed_by = "The other side"
    return review_claim(
        claim.pk,
        status=status,
        note=note,
        disputed_by=disputed_by,
        actor=None,
        expected_version=claim.version,
    )


def add_claims(article: Article, count: int, agencies: list[Agency]) -> list[Claim]:
    """Add ``count`` claims in rotating statuses to an article built by
    ``build_article``, in bulk, each review with its event."""
    existing = article.claims.count()
    indexes = range(existing, existing + count)
    reviews = []
    for index in indexes:
        status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
        note = (
            f"Reader note on statement {index:04d}."
            if status in Claim.NOTE_REQUIRED
            else ""
        )
        disputed_by = "The other side" if status == Claim.Status.DISPUTED else ""
        reviews.append((status, note, disputed_by))
    return claims_in_bulk(
        article,
        [f"Statement {index:04d} holds" for index in indexes],
        [agencies[index % len(agencies)] for index in indexes],
        reviews=reviews,
    )


@pytest.fixture
def build_article(db: None) -> BuildArticle:
    """Build an article whose body holds room for ``capacity`` claims."""

    def build(capacity: int = 200, **fields: object) -> Article:
        body = "\n\n".join(
            f"Statement {index:04d} holds, said someone." for index in range(capacity)
        )
        return ArticleFactory.create(body=body, **fields)

    return build


@pytest.fixture
def agencies(db: None) -> list[Agency]:
    return [AgencyFactory.create() for _ in range(3)]


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The element matching a CSS selector, which must exist."""
    tag = soup.select_one(selector)
    assert tag is not None, f"nothing matches {selector!r}"
    return tag


def text(tag: BeautifulSoup | Tag) -> str:
    """An element's text with whitespace collapsed, as a reader reads it."""
    return " ".join(tag.get_text(" ").split())


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute of an element."""
    value = tag.get(name)
    assert isinstance(value, str), f"{name} is {value!r}"
    return value
