"""The API reads of partner organisations: ``Authorization: Partner <key>``.

A partner is no member of the newsroom: it reads what anonymous readers
read (published stories past their embargo), never writes, and is counted
against its own key's rate (``partners.throttling``).
"""

from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from newsroom import caching
from partners.models import PartnerKey, digest

KEYWORD = "Partner"


class PartnerClient:
    """Who a request with a partner key is: authenticated, without permissions."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, key: PartnerKey) -> None:
        self.key = key
        # Counted apart from users by DRF's user throttle.
        self.pk = self.id = f"partner-{key.pk}"
        self.username = f"partner:{key.organisation}"

    def __str__(self) -> str:
        return self.username

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def has_perms(self, perms: Any, obj: Any = None) -> bool:
        return not list(perms)

    def has_module_perms(self, app_label: str) -> bool:
        return False

    def get_username(self) -> str:
        return self.username


class PartnerKeyAuthentication(BaseAuthentication):
    """Read-only access with a partner's key."""

    def authenticate(self, request: Request) -> tuple[PartnerClient, PartnerKey] | None:
        words = get_authorization_header(request).split()
        if not words or words[0].decode(errors="replace") != KEYWORD:
            return None
        if len(words) != 2:  # noqa: PLR2004 - the keyword and the key
            raise exceptions.AuthenticationFailed(
                "Give the key after the word Partner, with one space."
            )
        secret = words[1].decode(errors="replace")
        key = PartnerKey.objects.filter(key_digest=digest(secret)).first()
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown partner key.")
        if key.revoked:
            raise exceptions.AuthenticationFailed("This partner key was revoked.")
        if request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied("Partner keys only read.")
        # A partner's read is not served from the cache, whose reads make a
        # change of a text due at a scheduled moment: make it here as well.
        caching.catch_up()
        return PartnerClient(key), key

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD
