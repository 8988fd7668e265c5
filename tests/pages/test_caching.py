"""Cached pages: every change shows on the next request of every page it touches;
anonymous reads revalidate with 304; signed-in reads are never shared."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from articles.editing import edit_article
from articles.models import Article
from articles.services import publish_article, unpublish_article
from claims.models import Agency, Claim
from claims.services import change_agency_label
from tests.pages.conftest import BuildArticle, add_claims, review

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(build_article: BuildArticle, agencies: list[Agency]) -> tuple[Article, Claim]:
    """A published article with eight claims, and one of them still unreviewed."""
    article = build_article(capacity=8, headline="Turnout story")
    claims = add_claims(article, 8, agencies)
    return article, claims[4]


def urls(article: Article, claim: Claim) -> list[str]:
    """Every public page and API read that shows the claim."""
    return [
        article.get_absolute_url(),
        claim.get_absolute_url(),
        claim.agency.get_absolute_url(),
        "/",
        "/feeds/reviews/",
        f"/api/articles/{article.slug}/",
        f"/api/articles/{article.slug}/annotations/",
        f"/api/claims/{claim.pk}/",
        "/api/claims/",
        f"/api/agencies/{claim.agency.slug}/",
    ]


def warm(client: Client, paths: list[str]) -> dict[str, str]:
    """Fetch each page twice, so the second answer comes from the cache."""
    pages = {}
    for path in paths:
        client.get(path)
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


def test_a_review_shows_on_every_page_at_once(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """After a dispute, every page and API read shows it, not the cached answer."""
    article, claim = story
    paths = urls(article, claim)
    before = warm(client, paths)
    assert all("Editors found this wanting" not in page for page in before.values())
    review(claim, Claim.Status.DISPUTED, note="Editors found this wanting.")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        if path in ("/", "/api/claims/", f"/api/agencies/{claim.agency.slug}/"):
            assert page != before[path], path  # counts and statuses changed
        else:
            assert "Editors found this wanting" in page, path


def test_a_headline_edit_reaches_the_article_claim_agency_and_lists(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """An edited headline shows on the article, its claims' pages, the agency page,
    the index, the feeds and the API."""
    article, claim = story
    paths = [
        article.get_absolute_url(),
        claim.get_absolute_url(),
        claim.agency.get_absolute_url(),
        "/",
        "/feeds/articles/",
        f"/api/articles/{article.slug}/",
        "/api/articles/",
    ]
    warm(client, paths)
    edit_article(
        article.pk,
        actor=None,
        headline="Turnout story, corrected figures",
        change_kind="minor",
    )
    for path in paths:
        assert "corrected figures" in client.get(path).content.decode(), path


def test_a_correction_shows_on_the_article_its_json_ld_and_the_feed(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """A corrected text and its note reach the page, the API and the corrections feed."""
    article, claim = story
    paths = [
        article.get_absolute_url(),
        f"/api/articles/{article.slug}/",
        "/feeds/corrections/",
        claim.get_absolute_url(),
    ]
    warm(client, paths)
    edit_article(
        article.pk,
        actor=None,
        body=article.body.replace("Statement 0000 holds", "Statement 0000 stood"),
        change_kind="correction",
        change_note="The first figure was misquoted.",
    )
    for path in (paths[0], paths[2]):
        assert "first figure was misquoted" in client.get(path).content.decode(), path
    for path in (paths[0], paths[1]):
        assert "Statement 0000 stood" in client.get(path).content.decode(), path


def test_unpublishing_removes_the_story_everywhere(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """Once a story is back to draft, no cached copy of it or its claims is served."""
    article, claim = story
    warm(client, urls(article, claim))
    unpublish_article(article.pk, actor=None)
    for path in [
        article.get_absolute_url(),
        claim.get_absolute_url(),
        f"/api/articles/{article.slug}/",
        f"/api/claims/{claim.pk}/",
    ]:
        assert client.get(path).status_code == 404, path
    for path in ["/", "/feeds/articles/", "/api/articles/"]:
        assert "Turnout story" not in client.get(path).content.decode(), path
    agency_page = client.get(claim.agency.get_absolute_url()).content.decode()
    assert claim.quote not in agency_page


def test_publishing_puts_the_story_on_every_list_at_once(
    client: Client, build_article: BuildArticle, agencies: list[Agency]
) -> None:
    """A draft published after the lists were cached is on them at the next request."""
    draft = build_article(
        capacity=2,
        headline="Fresh draft",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    (claim, _) = add_claims(draft, 2, agencies)
    paths = ["/", "/feeds/articles/", "/api/articles/", claim.agency.get_absolute_url()]
    before = warm(client, paths)
    assert all("Fresh draft" not in page for page in before.values())
    assert client.get(draft.get_absolute_url()).status_code == 404
    publish_article(draft.pk, actor=None)
    for path in paths:
        assert "Fresh draft" in client.get(path).content.decode(), path
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(claim.get_absolute_url()).status_code == 200


def test_an_agency_label_change_reaches_every_page_naming_it(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """A new state-affiliation label shows beside the agency's claims everywhere."""
    article, claim = story
    disputed = article.claims.filter(
        agency=claim.agency, status=Claim.Status.DISPUTED
    ).first() or review(claim, Claim.Status.DISPUTED)
    paths = [
        article.get_absolute_url(),
        disputed.get_absolute_url(),
        claim.agency.get_absolute_url(),
        f"/api/agencies/{claim.agency.slug}/",
    ]
    warm(client, paths)
    change_agency_label(
        claim.agency.pk,
        actor=None,
        state_affiliation=Agency.Affiliation.STATE_FUNDED,
        affiliation_label="Funded by the state, label revised",
    )
    for path in paths:
        assert "label revised" in client.get(path).content.decode(), path


def test_conditional_get_answers_304_until_a_review(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """The same page twice: 304 the second time; after a review, 200 with the change."""
    article, claim = story
    url = article.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    assert "s-maxage" in first["Cache-Control"]
    etag = first["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    review(claim, Claim.Status.CONTEXTUALIZED, note="Context for readers here.")
    after = client.get(url, headers={"if-none-match": etag})
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert f'data-claim="{claim.pk}" data-status="contextualized"' in after.text


def test_if_modified_since_answers_304_until_a_review(
    client: Client, story: tuple[Article, Claim]
) -> None:
    """A client holding a dated copy gets 304, then 200 once a claim changes."""
    article, claim = story
    url = f"/api/articles/{article.slug}/"
    first = client.get(url)
    modified = first.get("Last-Modified")
    if modified is None:
        # Changed within the current second: no date is given yet.
        assert first.has_header("ETag")
        return
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    review(claim, Claim.Status.VERIFIED)
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 200


def test_signed_in_pages_are_private_and_never_cached(
    client: Client, story: tuple[Article, Claim], editor: object
) -> None:
    """An editor's pages say private, no-store, and carry no shared ETag."""
    article, _ = story
    client.force_login(editor)  # type: ignore[arg-type]
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_a_new_address_retires_the_old_one(
    client: Client, editor: User, story: tuple[Article, Claim]
) -> None:
    """A published story moved to a new slug through the API is gone from its
    old address at once, cached copies included, and served at the new one."""
    article, claim = story
    old = article.get_absolute_url()
    warm(client, [old, f"/api/articles/{article.slug}/"])
    api = APIClient()
    api.force_authenticate(editor)
    response = api.patch(
        f"/api/articles/{article.slug}/", {"slug": "turnout-revised"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert client.get(old).status_code == 404
    assert client.get(f"/api/articles/{article.slug}/").status_code == 404
    page = client.get("/articles/turnout-revised/")
    assert page.status_code == 200
    assert f'data-claim="{claim.pk}"' in page.text
    assert 'href="/articles/turnout-revised/"' in client.get("/").text
