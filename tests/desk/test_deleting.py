"""Deleting in the admin retires the pages that showed what was deleted."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_agency_leaves_its_cached_page_at_once(
    client: Client, django_user_model: type[User]
) -> None:
    """An agency nothing quotes is deleted: its page, cached a moment
    before, answers 404, and the agency index no longer lists it."""
    agency = AgencyFactory.create(name="Short-lived Wire", slug="short-lived-wire")
    url = agency.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Short-lived Wire" in client.get("/agencies/").text
    admin = Client()
    admin.force_login(
        django_user_model.objects.create_superuser("chief", "chief@newsroom.test", "x")
    )
    deleted = admin.post(f"/admin/claims/agency/{agency.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert client.get(url).status_code == 404
    assert "Short-lived Wire" not in client.get("/agencies/").text
