"""Known people: the demo loads them, readers see their role, JSON-LD names them."""

import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from claims.models import Agency, Claim, Person
from claims.people import change_person
from claims.services import change_attribution
from tests.pages.test_structured_data import json_ld_nodes

pytestmark = pytest.mark.django_db

PESKOV_QUOTE = "Russia's legislators, executive bodies and legal departments"


def test_the_demo_loads_its_people_once(demo: Article) -> None:
    """Peskov and Kuleba, with their roles and agencies; a second run adds none."""
    peskov = Person.objects.get(slug="dmitry-peskov")
    assert (peskov.role, peskov.agency.slug) == ("Kremlin spokesman", "kremlin")
    assert Person.objects.get(slug="dmytro-kuleba").agency.slug == "ukraine-mfa"
    call_command("load_demo", verbosity=0)
    assert Person.objects.count() == 2


def test_claims_of_known_speakers_link_their_person(demo: Article) -> None:
    """The demo's Peskov claim links Dmitry Peskov."""
    claim = Claim.objects.get(quote__startswith=PESKOV_QUOTE)
    assert claim.person == Person.objects.get(slug="dmitry-peskov")


def test_readers_see_the_role_and_name(client: Client, demo: Article) -> None:
    """The reader page names the speaker as "Kremlin spokesman Dmitry Peskov",
    even when the speaker typed on the claim was only the surname."""
    claim = Claim.objects.get(quote__startswith=PESKOV_QUOTE)
    change_attribution(
        claim.pk, speaker="Peskov", expected_version=claim.version, actor=None
    )
    page = client.get(demo.get_absolute_url()).text
    assert "Kremlin spokesman Dmitry Peskov" in page


def test_claim_review_author_is_a_person_with_job_title(
    client: Client, demo: Article
) -> None:
    """itemReviewed.author is a schema.org Person with jobTitle and affiliation."""
    claim = Claim.objects.get(quote__startswith=PESKOV_QUOTE)
    assert claim.status != Claim.Status.UNREVIEWED
    url = "http://testserver" + demo.get_absolute_url()
    nodes = json_ld_nodes(client.get(demo.get_absolute_url()).text, url)
    reviews = {n["url"]: n for n in nodes if n["@type"] == "ClaimReview"}
    author: dict[str, Any] = reviews[f"http://testserver/claims/{claim.pk}/"][
        "itemReviewed"
    ]["author"]
    assert author == {
        "@type": "Person",
        "name": "Dmitry Peskov",
        "jobTitle": "Kremlin spokesman",
        "affiliation": {"@type": "Organization", "name": "The Kremlin"},
    }


def test_change_attribution_sets_and_clears_the_person(demo: Article) -> None:
    """A person change is an attribution change: logged, version bumped."""
    claim = Claim.objects.get(quote__startswith=PESKOV_QUOTE)
    version = claim.version
    claim = change_attribution(
        claim.pk, person=None, expected_version=version, actor=None
    )
    assert claim.person is None
    assert claim.version == version + 1
    event = claim.events.order_by("-version").first()
    assert event is not None
    assert event.old_values == {"person": "dmitry-peskov"}
    assert json.dumps(event.new_values) == '{"person": ""}'
    kremlin = Agency.objects.get(slug="kremlin")
    assert kremlin.people.count() == 1


def test_a_new_role_shows_at_once_on_the_cached_page(
    client: Client, demo: Article
) -> None:
    """The article page is cached; changing the person's role retires it."""
    first = client.get(demo.get_absolute_url()).text
    assert "Kremlin spokesman Dmitry Peskov" in first
    peskov = Person.objects.get(slug="dmitry-peskov")
    change_person(peskov.pk, actor=None, role="Kremlin press secretary")
    assert (
        "Kremlin press secretary Dmitry Peskov"
        in client.get(demo.get_absolute_url()).text
    )
