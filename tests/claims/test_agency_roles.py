"""Reporters add agencies; only editors label them."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from claims.models import Agency
from claims.services import change_agency_label, create_agency

pytestmark = pytest.mark.django_db


def test_a_reporter_adds_an_agency_whose_affiliation_stays_unknown(
    reporter: User,
) -> None:
    agency = create_agency(
        actor=reporter, name="Zvezda", slug="zvezda", kind="broadcaster", country="RU"
    )
    assert agency.state_affiliation == Agency.Affiliation.UNKNOWN
    assert agency.affiliation_label == ""
    assert not agency.label_changes.exists()


@pytest.mark.parametrize(
    "label",
    [
        {"state_affiliation": "state_controlled"},
        {"affiliation_label": "Russian state-controlled media"},
    ],
)
def test_a_reporter_cannot_label_an_agency(
    reporter: User, label: dict[str, str]
) -> None:
    with pytest.raises(PermissionDenied):
        create_agency(actor=reporter, name="Zvezda", slug="zvezda", **label)
    assert not Agency.objects.filter(slug="zvezda").exists()


def test_an_editor_creates_a_labelled_agency(editor: User) -> None:
    agency = create_agency(
        actor=editor,
        name="Zvezda",
        slug="zvezda",
        state_affiliation="state_controlled",
        affiliation_label="Russian state-controlled media",
        affiliation_source="Ministry of Defence ownership records",
        affiliation_date=datetime.date(2024, 1, 31),
    )
    assert agency.label_changes.count() == 1


def test_a_label_needs_its_source_and_date(editor: User) -> None:
    """An editor's label without a source or a date is refused, naming both fields."""
    with pytest.raises(ValidationError) as refused:
        create_agency(
            actor=editor,
            name="Zvezda",
            slug="zvezda",
            state_affiliation="state_controlled",
        )
    assert set(refused.value.message_dict) == {"affiliation_source", "affiliation_date"}
    assert not Agency.objects.filter(slug="zvezda").exists()
    agency = create_agency(actor=editor, name="Zvezda", slug="zvezda")
    with pytest.raises(ValidationError) as refused:
        change_agency_label(
            agency.pk,
            actor=editor,
            state_affiliation="state_controlled",
            affiliation_source="Ministry of Defence records",
        )
    assert set(refused.value.message_dict) == {"affiliation_date"}
    agency.refresh_from_db()
    assert agency.state_affiliation == Agency.Affiliation.UNKNOWN


def test_a_reporter_adds_an_agency_through_the_api_but_not_its_label(
    reporter: User,
) -> None:
    """POST /api/agencies/: created unlabelled for a reporter; a label is refused, 403."""
    client = APIClient()
    client.force_authenticate(reporter)
    response = client.post(
        "/api/agencies/",
        {"slug": "zvezda", "name": "Zvezda", "kind": "broadcaster"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["state_affiliation"] == "unknown"
    assert response.json()["affiliation_label"] == ""
    response = client.post(
        "/api/agencies/",
        {
            "slug": "rt",
            "name": "RT",
            "state_affiliation": "state_controlled",
            "affiliation_label": "Russian state-controlled media",
        },
        format="json",
    )
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "state_affiliation, affiliation_label" in detail
    assert "Only editors label agencies" in detail
    assert not Agency.objects.filter(slug="rt").exists()
    response = client.patch(
        "/api/agencies/zvezda/",
        {"affiliation_label": "Russian state-controlled media"},
        format="json",
    )
    assert response.status_code == 403
    # In words, not the permission's code name.
    assert response.json()["detail"] == (
        "You do not have permission to change agencies."
    )
    assert Agency.objects.get(slug="zvezda").affiliation_label == ""
