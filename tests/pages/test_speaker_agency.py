"""A claim's speaker speaks for an agency: renaming it shows wherever it is named."""

import pytest
from django.test import Client

from claims.people import create_person
from claims.services import change_agency, change_attribution
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.pages.conftest import review

pytestmark = pytest.mark.django_db


def test_renaming_the_speakers_agency_shows_at_once_everywhere(client: Client) -> None:
    """The speaker's agency (not the claim's) is renamed: every page and API
    answer that named it names it anew, at once, with the cache warm."""
    article = ArticleFactory.create(
        body="The spokesman said turnout was high. Others disagreed."
    )
    quoted = AgencyFactory.create(name="Quoting Wire", slug="quoting-wire")
    speakers = AgencyFactory.create(name="Old Ministry", slug="old-ministry")
    person = create_person(
        actor=None,
        name="Ivan Petrov",
        slug="ivan-petrov",
        role="spokesman",
        agency=speakers,
    )
    claim = make_claim(article, "turnout was high", agency=quoted)
    claim = change_attribution(
        claim.pk, person=person, expected_version=claim.version, actor=None
    )
    claim = review(claim, "disputed", note="Counts differ.")
    urls = [
        article.get_absolute_url(),
        claim.get_absolute_url(),
        quoted.get_absolute_url(),
        speakers.get_absolute_url(),
        f"/api/articles/{article.slug}/",
        f"/api/articles/{article.slug}/annotations/",
        f"/api/claims/{claim.pk}/",
        f"/api/claims/?article={article.slug}",
        "/api/agencies/",
        "/",
        "/feeds/reviews/",
    ]
    before = {url: client.get(url).content.decode() for url in urls}
    naming = [url for url, content in before.items() if "Old Ministry" in content]
    # The article's, the claim's and the quoting agency's JSON-LD name the
    # speaker's affiliation.
    assert set(naming) >= set(urls[:3])
    change_agency(speakers.pk, actor=None, name="New Ministry")
    for url in naming:
        content = client.get(url).content.decode()
        assert "Old Ministry" not in content, url
        assert "New Ministry" in content, url
