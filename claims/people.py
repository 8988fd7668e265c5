"""The services that create and change known people (speakers).

A person's name, role and agency show wherever a claim quotes them: each
change retires those pages, explicitly, from ``claims.dependencies``.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from claims.models import Person
from newsroom.dependencies import affected, retire
from newsroom.writes import service

PERSON_FIELDS = ("name", "slug", "aliases", "role", "agency")


def _require(actor: Any, permission: str) -> None:
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Not a person's field: {', '.join(sorted(unknown))}")


@service
def create_person(*, actor: Any, **fields: Any) -> Person:
    """Add a known speaker."""
    _require(actor, "claims.add_person")
    _check_fields(fields)
    person = Person(**fields)
    person.full_clean()
    person.save()
    retire(person)
    return person


@service
def change_person(person_id: int, *, actor: Any, **fields: Any) -> Person:
    """Rename a person, give them a new role, or move them to another agency."""
    _require(actor, "claims.change_person")
    _check_fields(fields)
    person = Person.objects.select_for_update().get(pk=person_id)
    changed = {
        name: value for name, value in fields.items() if getattr(person, name) != value
    }
    if not changed:
        return person
    # A person moved to another agency leaves the first one's pages.
    leaving = affected([person])
    for name, value in changed.items():
        setattr(person, name, value)
    person.full_clean()
    person.save(update_fields=list(changed))
    retire(person, also=leaving)
    return person
