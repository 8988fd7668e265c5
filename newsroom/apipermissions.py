"""The API's default permission: Django's model permissions, anonymous
readers reading, refused in words. A module of its own because DRF imports
its default classes while its views load."""

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request


class ModelPermissions(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Django's model permissions (anonymous readers read), refused in words
    that say what the user may not do, not in a generic sentence."""

    VERBS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request: Request, view: Any) -> bool:
        allowed = super().has_permission(request, view)
        verb = self.VERBS.get(request.method or "")
        if not allowed and verb and request.user.is_authenticated:
            model = self._queryset(view).model
            self.message = f"You do not have permission to {verb} {model._meta.verbose_name_plural}."
        return allowed
