"""Reporters add agencies; only editors label them."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from claims.models import Agency
from claims.services import create_agency

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
    )
    assert agency.label_changes.count() == 1
