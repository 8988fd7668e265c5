"""On PostgreSQL the search queries are served by the GIN indexes on the stored
search documents, which the database keeps in step with the text."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.utils import timezone

from articles.models import Article
from claims import search
from claims.models import Claim
from claims.search import search_articles, search_claims
from tests.factories import AgencyFactory, ArticleFactory, edit_text, make_claim


def plan(queryset: QuerySet[Any]) -> str:
    """The plan PostgreSQL chooses when it may not read the whole table.

    A few thousand short rows are cheaper to scan than to look up, so the
    planner is kept from scanning: what is checked is that the search can
    use its index, as it will on an archive.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article, claims_claim")
        cursor.execute("SET enable_seqscan = off")
    try:
        return queryset.explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")


@pytest.fixture
def crowd(postgres_only: None) -> Article:
    """Two thousand published stories and claims about something else."""
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Harvest report {n}",
            slug=f"harvest-{n}",
            body=f"Farmers in district {n} brought in the wheat.",
            plain_text=f"Farmers in district {n} brought in the wheat.",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(2000)
    )
    agency = AgencyFactory.create()
    quote = "brought in the wheat"
    Claim.objects.bulk_create(
        Claim(
            article=article,
            agency=agency,
            quote=quote,
            start=article.plain_text.index(quote),
            end=article.plain_text.index(quote) + len(quote),
        )
        for article in articles
    )
    return articles[0]


def test_story_search_uses_the_gin_index(crowd: Article) -> None:
    """Among 2,000 stories, the stories query matches through the GIN index."""
    article = ArticleFactory.create(body="Shelling near the plant continued.")
    make_claim(article, "Shelling near the plant")
    stories = search_articles(Article.objects.published(), "shelling")
    assert list(stories) == [article]
    # The match every caller shares, unordered and over every story (an order
    # or the published filter could be read from the newest-first index, which
    # a common word uses): a rare word is found through the GIN index.
    assert "article_search_document" in plan(
        search.matches(Article.objects.all(), "shelling").order_by()
    )


def test_claim_search_uses_the_gin_index(crowd: Article) -> None:
    """Among 2,000 claims, the claims query matches through the GIN index."""
    article = ArticleFactory.create(body="Shelling near the plant continued.")
    claim = make_claim(article, "Shelling near the plant")
    claims = search_claims(Claim.objects.public(), "shelling")
    assert list(claims) == [claim]
    assert "claim_search_document" in plan(
        search.matches(Claim.objects.all(), "shelling").order_by()
    )


@pytest.mark.parametrize(
    "query", ['"near the plant"', "plant -shelling", "plant or dam"]
)
def test_web_search_syntax(postgres_only: None, query: str) -> None:
    """Phrases, exclusions and "or" work as readers know them from web search."""
    near = ArticleFactory.create(body="Shelling near the plant continued.")
    dam = ArticleFactory.create(body="The dam held.")
    found = set(search_articles(Article.objects.published(), query))
    expected = {
        '"near the plant"': {near},
        "plant -shelling": set(),
        "plant or dam": {near, dam},
    }[query]
    assert found == expected


def test_an_edit_is_searched_at_once(postgres_only: None) -> None:
    """The stored document follows an edit: the new word is found, the old one not."""
    article = ArticleFactory.create(body="Shelling near the plant continued.")
    edit_text(article, body="Repairs at the plant continued.")
    stories = Article.objects.published()
    assert list(search_articles(stories, "repairs")) == [article]
    assert list(search_articles(stories, "shelling")) == []


def test_a_common_word_returns_the_newest_matches_ranked(
    postgres_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past RANKED matches, the newest RANKED are returned, best first."""
    monkeypatch.setattr(search, "RANKED", 3)
    now = timezone.now()
    oldest_headline = ArticleFactory.create(
        headline="Ceasefire talks", published_at=now - timedelta(days=9)
    )
    body_only = [
        ArticleFactory.create(
            body="The ceasefire held.", published_at=now - timedelta(days=n)
        )
        for n in range(1, 4)
    ]
    newest_headline = ArticleFactory.create(
        headline="Ceasefire holds", published_at=now
    )
    found = list(search_articles(Article.objects.published(), "ceasefire"))
    assert found == [newest_headline, body_only[0], body_only[1]]
    assert oldest_headline not in found


def test_the_readers_page_says_when_matches_were_cut(
    postgres_only: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Readers are told that only the newest matches are shown, and how to narrow."""
    monkeypatch.setattr(search, "RANKED", 2)
    for _ in range(3):
        ArticleFactory.create(body="The ceasefire held.")
    cut = client.get("/search/", {"q": "ceasefire"}).content.decode()
    assert "Only the newest 2 matches of each kind are shown" in cut
    whole = client.get("/search/", {"q": "zeppelin"}).content.decode()
    assert "Only the newest" not in whole


def _snippet(client: Client, words: str) -> str:
    response = client.get("/search/", {"q": words, "kind": "stories"})
    assert response.status_code == 200
    found = re.search(r'<p class="snippet">(.*?)</p>', response.text, re.S)
    assert found is not None, response.text
    return found.group(1)


def test_the_excerpt_is_cut_from_the_paragraphs_holding_the_words(
    postgres_only: None, client: Client
) -> None:
    """A long story's excerpt comes from the paragraphs where the words
    stand, each form marked; a story found by its headline alone has none;
    an edit moves the excerpt with the words."""
    filler = [f"Paragraph {n} tells of the weather over the coast." for n in range(40)]
    body = [*filler[:25], "Herons nested on the island, wardens said.", *filler[25:]]
    article = ArticleFactory.create(headline="Coast report", body="\n\n".join(body))
    ArticleFactory.create(headline="Herons return", body="\n\n".join(filler[:3]))
    assert len(Article.objects.get(pk=article.pk).paragraph_documents) == 41
    snippet = _snippet(client, "heron")
    assert "<mark>Herons</mark> nested on the island" in snippet
    assert "Paragraph 0 " not in snippet
    # Found by the headline alone: no excerpt.
    response = client.get("/search/", {"q": "heron return", "kind": "stories"})
    assert "<mark>Herons</mark> <mark>return</mark>" in response.text
    assert 'class="snippet"' not in response.text
    edit_text(
        article, body="\n\n".join([*filler[:5], "Herons left at dawn.", *filler[5:]])
    )
    assert "<mark>Herons</mark> left at dawn" in _snippet(client, "herons -return")


def test_words_marked_by_the_database_are_escaped_around_their_marks(
    postgres_only: None, client: Client
) -> None:
    """Text the database delimited is escaped, inside the marks and out:
    markup typed into a story or a claim shows as text."""
    story = ArticleFactory.create(
        headline='Herons <b>"nest"</b> & rest',
        body="Wardens said herons <script>alert(1)</script> nested on the isle.",
    )
    make_claim(story, quote="herons <script>alert(1)</script> nested")
    html = client.get("/search/", {"q": "herons"}).text
    assert "<script>alert" not in html
    assert "<b>" not in html
    assert "<mark>Herons</mark> &lt;b&gt;&quot;nest&quot;&lt;/b&gt; &amp; rest" in html
    assert "<mark>herons</mark> &lt;script&gt;alert(1)&lt;/script&gt; nested" in html
