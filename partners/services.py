"""Making and revoking partner keys: editors only, each change logged on the key."""

import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from partners.models import PartnerKey, digest

Actor = AbstractUser | AnonymousUser | None


def _user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def issue_key(
    *, organisation: str, actor: Actor, contact: str = "", rate: str = "60/minute"
) -> tuple[PartnerKey, str]:
    """Make a key for a partner; returns it and the secret, which is not kept."""
    if actor is not None and not actor.has_perm("partners.add_partnerkey"):
        raise PermissionDenied("You do not have permission to make partner keys.")
    secret = secrets.token_urlsafe(32)
    key = PartnerKey(
        organisation=organisation.strip(),
        contact=contact.strip(),
        rate=rate.strip(),
        prefix=secret[:8],
        key_digest=digest(secret),
        created_by=_user(actor),
    )
    key.full_clean(exclude=["created_by"])
    key.save()
    return key, secret


@transaction.atomic
def revoke_key(key_id: int, *, actor: Actor) -> PartnerKey:
    """Refuse the key from now on, in every process: it is read on each request."""
    if actor is not None and not actor.has_perm("partners.change_partnerkey"):
        raise PermissionDenied("You do not have permission to revoke partner keys.")
    key = PartnerKey.objects.select_for_update().get(pk=key_id)
    if key.revoked:
        raise ValidationError("This key is already revoked.")
    key.revoked_at = timezone.now()
    key.revoked_by = _user(actor)
    key.save(update_fields=["revoked_at", "revoked_by"])
    return key
