"""The article page's kept parts: the same HTML as made from scratch, and
every change to what a note shows reaches the page at once."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.editing import edit_article
from articles.models import Article
from claims.marking import marked_body
from claims.models import Agency, Claim, Person
from claims.people import change_person
from claims.services import (
    change_agency,
    change_attribution,
    create_claim,
    withdraw_claim,
)
from newsroom import caching, parts
from reader.article_views import ArticlePage
from tests.factories import AgencyFactory, ArticleFactory, edit_text
from tests.pages.conftest import review

pytestmark = pytest.mark.django_db

# Claims that overlap, end at one place, end before punctuation, sit in a
# link and span emphasis: each way a label or a mark could go wrong.
BODY = (
    "Officials said turnout was high, and *the count* went on.\n\n"
    "See [the full statement](https://example.org/) for details; "
    "the count went on.\n\n"
    "Observers called it 'fair' (mostly)."
)
QUOTES = [
    "turnout was high",
    "was high",
    "said turnout",
    "the count* went on",
    "the full statement",
    "called it 'fair'",
    "mostly",
]


@pytest.fixture
def story() -> tuple[Article, list[Claim]]:
    """A published article with claims in every awkward place, most reviewed."""
    article = ArticleFactory.create(body=BODY)
    agency = AgencyFactory.create()
    claims = []
    for quote in QUOTES:
        text = quote.replace("*", "")
        start = article.plain_text.index(text)
        claims.append(
            create_claim(
                article,
                quote=text,
                agency=agency,
                start=start,
            )
        )
    statuses = [
        Claim.Status.VERIFIED,
        Claim.Status.DISPUTED,
        Claim.Status.UNREVIEWED,
        Claim.Status.CONTEXTUALIZED,
        Claim.Status.VERIFIED,
        Claim.Status.DISPUTED,
        Claim.Status.CONTEXTUALIZED,
    ]
    for claim, status in zip(claims, statuses, strict=True):
        if status != Claim.Status.UNREVIEWED:
            review(claim, status)
    return article, claims


def story_body(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    body = soup.select_one(".story-body")
    assert body is not None
    return body.decode_contents()


def from_scratch(article: Article) -> str:
    claims = list(
        article.claims.filter(withdrawn_at__isnull=True)
        .select_related("agency")
        .order_by("start", "pk")
    )
    return str(BeautifulSoup(marked_body(article.body, claims), "html.parser"))


def test_kept_marks_match_marking_from_scratch(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """The page's marked body is the one marking from scratch makes, before and
    after a review changes a status and a label (the kept skeleton refilled)."""
    article, claims = story
    url = article.get_absolute_url()
    assert story_body(client.get(url).text) == from_scratch(article)
    # "was high" ends where "turnout was high" does, before the comma.
    review(Claim.objects.get(pk=claims[1].pk), Claim.Status.VERIFIED)
    review(Claim.objects.get(pk=claims[2].pk), Claim.Status.DISPUTED)
    page = client.get(url).text
    assert story_body(page) == from_scratch(article)
    assert f'data-claim="{claims[2].pk}" data-status="disputed"' in page
    assert page.count('class="nowrap"') == 3  # "high,", "on.", "mostly)."


def test_a_review_renews_only_its_claims_parts(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """After one review the page shows the new note, status and ClaimReview,
    and the other notes as before."""
    article, claims = story
    url = article.get_absolute_url()
    before = BeautifulSoup(client.get(url).text, "html.parser")
    review(claims[2], Claim.Status.DISPUTED, note="Counted twice, officials say.")
    after = BeautifulSoup(client.get(url).text, "html.parser")
    note = after.select_one(f"#note-{claims[2].pk}")
    assert note is not None
    assert "Counted twice, officials say." in note.get_text()
    for claim in claims[3:]:
        assert str(after.select_one(f"#note-{claim.pk}")) == str(
            before.select_one(f"#note-{claim.pk}")
        )
    script = after.select_one('script[type="application/ld+json"]')
    assert script is not None
    nodes = json.loads(script.get_text())["@graph"]
    reviews = {node["url"]: node for node in nodes if node["@type"] == "ClaimReview"}
    assert len(reviews) == 7
    assert any(
        node.get("reviewBody") == "Counted twice, officials say."
        for node in reviews.values()
    )


def test_an_agency_rename_reaches_every_note(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """Renaming the agency changes every note and review naming it."""
    article, claims = story
    url = article.get_absolute_url()
    client.get(url)
    change_agency(claims[0].agency_id, actor=None, name="Renamed Bureau")
    page = client.get(url).text
    soup = BeautifulSoup(page, "html.parser")
    notes = soup.select(".note .attribution")
    assert len(notes) == 6
    assert all(note.get_text().startswith("Renamed Bureau:") for note in notes)
    assert page.count('"name": "Renamed Bureau"') == 6


def test_a_persons_new_role_reaches_the_note(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """A claim attributed to a person shows their role as it now stands."""
    article, claims = story
    agency = Agency.objects.get(pk=claims[0].agency_id)
    person = Person.objects.create(
        name="Ivan Petrov", slug="ivan-petrov", role="spokesman", agency=agency
    )
    claim = Claim.objects.get(pk=claims[0].pk)
    change_attribution(
        claim.pk, person=person, expected_version=claim.version, actor=None
    )
    url = article.get_absolute_url()
    assert "spokesman" in client.get(url).text
    change_person(person.pk, actor=None, role="press secretary")
    page = client.get(url).text
    assert "press secretary" in page
    assert "spokesman" not in page


def test_an_edit_to_the_text_remarks_the_body(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """An edit that moves the claims shows them marked where they now are."""
    article, _ = story
    url = article.get_absolute_url()
    client.get(url)
    edit_text(article, body="A new first paragraph.\n\n" + BODY)
    page = client.get(url).text
    assert "A new first paragraph." in page
    assert story_body(page) == from_scratch(article)


def test_parts_are_made_once_and_again_after_the_cache_is_emptied() -> None:
    """A part is made once for all processes, and made again, from the
    database, once the shared cache is emptied."""
    made: list[list[int]] = []

    def produce(items: list[int]) -> dict[int, str]:
        made.append(sorted(items))
        return {item: f"part {item}" for item in items}

    materials = {1: ("claim", 1, "verified"), 2: ("claim", 2, "disputed")}
    assert parts.kept("test", materials, produce) == {1: "part 1", 2: "part 2"}
    assert parts.kept("test", materials, produce) == {1: "part 1", 2: "part 2"}
    # Another process holds nothing of its own: it reads the shared cache.
    parts._renderings.values.clear()
    parts._renderings.size = 0
    parts.kept("test", materials, produce)
    assert made == [[1, 2]]
    # A changed material is a new part; the other is kept.
    parts.kept("test", {**materials, 2: ("claim", 2, "verified")}, produce)
    assert made == [[1, 2], [2]]
    cache.clear()
    parts.forget_local()  # and this process's memory
    parts.kept("test", materials, produce)
    assert made == [[1, 2], [2], [1, 2]]


def test_kept_parts_cost_the_same_queries(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """A page rebuilt from kept parts reads only its versions, its claims and
    its review log; made from scratch, it also reads the article, its
    corrections, the claims whose notes it renders and their agencies."""
    article, _ = story
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as fresh:
        client.get(url)
    caching.bump([caching.article_scope(article.slug)])
    with CaptureQueriesContext(connection) as rebuilt:
        client.get(url)
    assert (len(fresh), len(rebuilt)) == (7, 3)


def test_a_withdrawn_claim_leaves_the_page_at_once(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """Withdrawing a claim removes its mark, label, note and review node."""
    article, claims = story
    url = article.get_absolute_url()
    claim = Claim.objects.get(pk=claims[0].pk)
    assert f'id="note-{claim.pk}"' in client.get(url).text
    withdraw_claim(
        claim.pk, note="Misattributed.", expected_version=claim.version, actor=None
    )
    page = client.get(url).text
    assert f'data-claim="{claim.pk}"' not in page
    assert f"/claims/{claim.pk}/" not in page
    assert story_body(page) == from_scratch(article)


def test_a_new_speaker_reaches_the_note(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """Changing who is quoted changes the claim's note on the next request."""
    article, claims = story
    url = article.get_absolute_url()
    client.get(url)
    claim = Claim.objects.get(pk=claims[0].pk)
    change_attribution(
        claim.pk,
        speaker="a regional governor",
        expected_version=claim.version,
        actor=None,
    )
    note = BeautifulSoup(client.get(url).text, "html.parser").select_one(
        f"#note-{claim.pk}"
    )
    assert note is not None
    assert "A regional governor, quoted by" in note.get_text()


def template_page(article: Article) -> str:
    """The article as the readers' template renders it, nothing kept."""
    request = RequestFactory().get(article.get_absolute_url())
    request.user = AnonymousUser()
    view = ArticlePage.as_view(queryset=Article.objects.published())
    response = view(request, slug=article.slug)
    assert isinstance(response, TemplateResponse)
    return response.render().content.decode()


def test_the_kept_frame_makes_the_page_the_template_makes(
    client: Client, story: tuple[Article, list[Claim]]
) -> None:
    """The reader page, filled into its kept frame, is the template's own
    rendering of the article: fresh, after a review (frame reused), and after
    a correction and a new headline (frame made again)."""
    article, claims = story
    url = article.get_absolute_url()
    assert client.get(url).text == template_page(article)
    claim = Claim.objects.get(pk=claims[2].pk)
    review(claim, Claim.Status.DISPUTED, note="Figures <b>differ</b>.")
    page = client.get(url).text
    assert "Figures &lt;b&gt;differ&lt;/b&gt;." in page
    assert page == template_page(article)
    edit_article(
        article.pk,
        actor=None,
        change_kind="correction",
        change_note="The count was revised.",
        headline="Turnout revised",
    )
    article.refresh_from_db()
    page = client.get(url).text
    assert '<h1 id="headline">Turnout revised</h1>' in page
    assert "The count was revised." in page
    assert page == template_page(article)
