"""A verdict belongs to the words it judged: changed words are under review again."""

import json
import re

import pytest
from django.test import Client

from articles.editing import edit_article
from articles.models import Article
from claims.models import UNDER_REVIEW, Claim, ReviewEvent
from claims.services import reattach_claim, review_claim
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

BODY = (
    "Grain exports reached 120,000 tonnes last week, the ministry said.\n\n"
    "Ports in the south reopened on Monday, officials said."
)
QUOTE = "Grain exports reached 120,000 tonnes last week"


@pytest.fixture
def verified(fresh_cache: None) -> Claim:
    """A published story with a verified claim and an unreviewed one."""
    article = ArticleFactory.create(body=BODY)
    claim = make_claim(article, QUOTE)
    make_claim(article, "Ports in the south reopened on Monday")
    return review_claim(
        claim.pk,
        status="verified",
        note="Checked against the ministry's figures.",
        actor=None,
        expected_version=claim.version,
    )


def correct(article: Article, old: str, new: str, kind: str = "correction") -> None:
    edit_article(
        article.pk,
        actor=None,
        change_kind=kind,
        change_note="The figure was wrong." if kind != "minor" else "",
        body=article.body.replace(old, new),
    )


def json_ld(page: str) -> list[dict[str, object]]:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    nodes: list[dict[str, object]] = []
    for text in found:
        data = json.loads(text)
        nodes.extend(data.get("@graph", [data]))
    return nodes


def claim_reviews(page: str) -> list[dict[str, object]]:
    return [node for node in json_ld(page) if node.get("@type") == "ClaimReview"]


def test_corrected_words_put_the_claim_under_review_again(verified: Claim) -> None:
    """The words change inside the claim: it keeps its verdict in the record,
    readers see it under review, it heads the queue, and the history keeps the
    verdict with the words it applied to."""
    correct(verified.article, "120,000", "102,000")
    claim = Claim.objects.get(pk=verified.pk)
    assert claim.quote == "Grain exports reached 102,000 tonnes last week"
    assert claim.words_changed_at is not None
    assert claim.reader_status == UNDER_REVIEW
    assert Claim.objects.needing_review().first() == claim
    event = claim.events.filter(kind=ReviewEvent.Kind.ANCHOR).get()
    assert (event.old_status, event.old_quote) == ("verified", QUOTE)
    assert "under review again" in event.note
    verdict = claim.events.get(kind=ReviewEvent.Kind.REVIEW)
    assert verdict.note == "Checked against the ministry's figures."


def test_a_review_of_the_new_words_restores_the_verdict(verified: Claim) -> None:
    """Verifying again (with the same note) is allowed, and clears the flag."""
    correct(verified.article, "120,000", "102,000")
    claim = Claim.objects.get(pk=verified.pk)
    claim = review_claim(
        claim.pk, status="verified", actor=None, expected_version=claim.version
    )
    assert claim.words_changed_at is None
    assert claim.reader_status == "verified"
    assert Claim.objects.needing_review().first() != claim


def test_reattaching_to_other_words_is_a_change_of_words(verified: Claim) -> None:
    claim = reattach_claim(
        verified.pk,
        quote="Grain exports reached 120,000 tonnes",
        actor=None,
        expected_version=verified.version,
    )
    assert claim.words_changed_at is not None


def test_a_move_or_an_edit_elsewhere_changes_nothing_readers_see(
    verified: Claim, client: Client
) -> None:
    """A minor edit outside the claim's words, and the paragraphs swapped:
    still verified, and the pages say so."""
    article = verified.article
    correct(article, "officials said", "port officials said", kind="minor")
    first, second = article.body.split("\n\n")
    edit_article(
        article.pk, actor=None, change_kind="minor", body=f"{second}\n\n{first}"
    )
    claim = Claim.objects.get(pk=verified.pk)
    assert claim.words_changed_at is None
    assert claim.reader_status == "verified"
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-claim="{claim.pk}" data-status="verified"' in page
    assert len(claim_reviews(page)) == 1


def test_pages_and_json_ld_stop_saying_verified(
    verified: Claim, client: Client
) -> None:
    """Cached article and claim pages are retired: after the correction they
    say "Under review again", dated, and carry no ClaimReview for the claim."""
    article = verified.article
    article_url, claim_url = article.get_absolute_url(), verified.get_absolute_url()
    for url in (article_url, claim_url, article_url, claim_url):
        assert client.get(url).status_code == 200
    before = client.get(article_url).content.decode()
    assert len(claim_reviews(before)) == 1
    assert "Checked against the ministry" in before

    correct(article, "120,000", "102,000")

    page = client.get(article_url).content.decode()
    assert f'data-claim="{verified.pk}" data-status="{UNDER_REVIEW}"' in page
    assert "Under review again: the text changed after this claim was verified" in page
    assert "Checked against the ministry" not in page
    assert claim_reviews(page) == []
    own = client.get(claim_url).content.decode()
    assert "Under review again: the text changed after this claim was verified" in own
    assert '<time datetime="' in own.split("Under review again:")[1][:300]
    assert ">Verified<" not in own.split('id="history-heading"')[0]
    assert claim_reviews(own) == []
