"""Editorial labels look and read apart from descriptive facts; an agency
nobody described shows no bare kind word."""

from bs4 import BeautifulSoup, Tag
from django.test import Client

from articles.models import Article
from claims.models import Agency, Claim
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.pages.conftest import one, review, text


def _story_with(agency: Agency) -> tuple[Article, Claim]:
    story = ArticleFactory.create(body="The agency said the port reopened on Monday.")
    claim = make_claim(story, "the port reopened on Monday", agency=agency)
    return story, review(claim, Claim.Status.VERIFIED, note="Port records agree.")


def _attribution(client: Client, url: str) -> Tag:
    soup = BeautifulSoup(client.get(url).text, "html.parser")
    return one(soup, ".note .attribution, .claim-page .attribution")


def test_an_editorial_label_is_set_apart_and_says_it_is_ours(
    client: Client, db: None
) -> None:
    """The state-control label is a tag announced as an editorial label, on
    the story, the claim's page, the agency's page and the index."""
    tass = AgencyFactory.create(name="TASS", slug="tass")
    story, claim = _story_with(tass)
    for url in (story.get_absolute_url(), claim.get_absolute_url()):
        line = _attribution(client, url)
        label = one(line, ".editorial-label")
        assert text(label) == "Editorial label: Russian state-controlled media"
        assert not line.select(".agency-facts")
    for url in (tass.get_absolute_url(), "/agencies/"):
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        assert "Editorial label: Russian state-controlled media" in text(
            one(soup, ".editorial-label")
        )


def test_descriptive_facts_are_plain_text_not_a_label(client: Client, db: None) -> None:
    """A news agency without a label reads its kind and country as plain
    facts, not styled or announced as a label."""
    reuters = AgencyFactory.create(
        name="Reuters",
        country="GB",
        state_affiliation=Agency.Affiliation.INDEPENDENT,
        affiliation_label="",
    )
    story, _ = _story_with(reuters)
    line = _attribution(client, story.get_absolute_url())
    assert text(line) == "Reuters: News agency, United Kingdom"
    assert text(one(line, ".agency-facts")) == "News agency, United Kingdom"
    assert not line.select(".editorial-label")
    assert "Editorial label" not in client.get(reuters.get_absolute_url()).text


def test_an_agency_a_reporter_added_shows_no_bare_kind(
    client: Client, db: None
) -> None:
    """Kind unknown ("other") and no country: the name stands alone."""
    added = AgencyFactory.create(
        name="Port Authority",
        kind=Agency.Kind.OTHER,
        country="",
        state_affiliation=Agency.Affiliation.UNKNOWN,
        affiliation_label="",
    )
    story, claim = _story_with(added)
    for url in (story.get_absolute_url(), claim.get_absolute_url()):
        line = _attribution(client, url)
        assert text(line) == "Port Authority"
    for url in (added.get_absolute_url(), "/agencies/"):
        page = text(one(BeautifulSoup(client.get(url).text, "html.parser"), "main"))
        assert "Other" not in page
