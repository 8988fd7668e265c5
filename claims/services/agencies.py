"""Agencies: made, changed, and their state-affiliation labels with their history."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import (
    Agency,
    AgencyLabelChange,
)
from claims.services.common import Actor, acting_user, require
from newsroom.dependencies import affected, retire
from newsroom.writes import service

LABEL_FIELDS = (
    "state_affiliation",
    "affiliation_label",
    "affiliation_source",
    "affiliation_date",
)


def _record_label(agency: Agency, actor: Actor) -> AgencyLabelChange:
    return AgencyLabelChange.objects.create(
        agency=agency,
        state_affiliation=agency.state_affiliation,
        affiliation_label=agency.affiliation_label,
        affiliation_source=agency.affiliation_source,
        affiliation_date=agency.affiliation_date,
        actor=acting_user(actor),
    )


def _check_label_sourced(actor: Actor, fields: dict[str, Any]) -> None:
    """A label a person gives an agency names its source and date.

    Readers are told who calls an agency state-controlled, and since when; the
    system itself (demo loading, imports) may carry labels without them.
    """
    if actor is None:
        return
    labelled = fields.get("state_affiliation", Agency.Affiliation.UNKNOWN) != (
        Agency.Affiliation.UNKNOWN
    ) or bool(fields.get("affiliation_label"))
    if not labelled:
        return
    errors = {}
    if not (fields.get("affiliation_source") or "").strip():
        errors["affiliation_source"] = "Say where the label comes from."
    if not fields.get("affiliation_date"):
        errors["affiliation_date"] = "Give the date the label holds from."
    if errors:
        raise ValidationError(errors)


@service
def create_agency(*, actor: Actor, **fields: Any) -> Agency:
    """Create an agency; its first label, if it has one, starts its label history.

    Reporters may add agencies but not label them: an agency created with a
    label by an actor who may not change agencies is refused (PermissionDenied),
    so its affiliation stays unknown until an editor labels it.
    """
    require(actor, "claims.add_agency")
    labelled = fields.get("state_affiliation", Agency.Affiliation.UNKNOWN) != (
        Agency.Affiliation.UNKNOWN
    ) or any(fields.get(name) for name in LABEL_FIELDS[1:])
    if labelled:
        if actor is not None and not actor.has_perm("claims.change_agency"):
            given = [
                name
                for name in LABEL_FIELDS
                if fields.get(name) not in (None, "", Agency.Affiliation.UNKNOWN)
            ]
            raise PermissionDenied(
                "Only editors label agencies: send the agency without "
                f"{', '.join(given)}. Its affiliation stays unknown until an "
                "editor labels it."
            )
        _check_label_sourced(actor, fields)
    agency = Agency(**fields)
    agency.full_clean()
    agency.save()
    retire(agency)
    if agency.state_affiliation != Agency.Affiliation.UNKNOWN or (
        agency.affiliation_label
    ):
        _record_label(agency, actor)
    return agency


@service
def change_agency_label(  # noqa: PLR0913 - keyword-only, one per field the service sets
    agency_id: int,
    *,
    actor: Actor,
    state_affiliation: str,
    affiliation_label: str = "",
    affiliation_source: str = "",
    affiliation_date: date | None = None,
) -> Agency:
    """Change the state-affiliation label readers see, keeping the old one in history."""
    require(actor, "claims.change_agency")
    agency = Agency.objects.select_for_update().get(pk=agency_id)
    new = {
        "state_affiliation": state_affiliation,
        "affiliation_label": (affiliation_label or "").strip(),
        "affiliation_source": (affiliation_source or "").strip(),
        "affiliation_date": affiliation_date,
    }
    if all(getattr(agency, name) == value for name, value in new.items()):
        return agency
    _check_label_sourced(actor, new)
    for name, value in new.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save(update_fields=list(LABEL_FIELDS))
    retire(agency, _record_label(agency, actor))
    return agency


@service
def change_agency(agency_id: int, *, actor: Actor, **fields: Any) -> Agency:
    """Change an agency's details; a change of its label goes through
    ``change_agency_label`` so the old one stays in its history."""
    require(actor, "claims.change_agency")
    agency = Agency.objects.select_for_update().get(pk=agency_id)
    label = {name: fields.pop(name) for name in LABEL_FIELDS if name in fields}
    if fields:
        # A new slug leaves the pages at the old one.
        leaving = affected([agency])
        for name, value in fields.items():
            setattr(agency, name, value)
        agency.full_clean()
        agency.save(update_fields=list(fields))
        retire(agency, also=leaving)
    if label:
        current = {name: getattr(agency, name) for name in LABEL_FIELDS}
        agency = change_agency_label(agency.pk, actor=actor, **{**current, **label})
    return agency
