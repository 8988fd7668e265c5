"""The search form's filters, drawn once per choice of them, show the
choice of each request and the agencies of the moment."""

import pytest
from django.test import Client

from newsroom.dependencies import retire
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_each_search_shows_its_own_choice(client: Client) -> None:
    for slug in ("wire", "desk"):
        retire(AgencyFactory.create(name=f"The {slug}", slug=slug))
    for _ in range(2):
        for chosen, other in (("wire", "desk"), ("desk", "wire")):
            html = client.get("/search/", {"q": "floods", "agency": chosen}).text
            assert f'<option value="{chosen}" selected>' in html
            assert f'<option value="{other}">' in html
    html = client.get("/search/", {"q": "floods", "status": "disputed"}).text
    assert '<option value="disputed" selected>' in html
    assert '<option value="" selected>Any agency</option>' in html


def test_a_refused_choice_is_shown_with_its_error(client: Client) -> None:
    client.get("/search/", {"q": "floods"})
    response = client.get("/search/", {"q": "floods", "kind": "nonsense"})
    assert response.status_code == 400
    assert 'class="field-error" id="id_kind_error"' in response.text
    again = client.get("/search/", {"q": "floods", "utm": "x"})
    assert "field-error" not in again.text


def test_an_agency_added_is_offered_at_once(client: Client) -> None:
    retire(AgencyFactory.create(name="The wire", slug="wire"))
    assert 'value="desk"' not in client.get("/search/", {"q": "floods"}).text
    retire(AgencyFactory.create(name="The desk", slug="desk"))
    html = client.get("/search/", {"q": "floods", "utm": "x"}).text
    assert '<option value="desk">The desk</option>' in html
