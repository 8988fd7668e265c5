"""Who may read, and who may decide, where one permission reads and another writes."""

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request


class ReadsAndDecides(permissions.BasePermission):
    """Signed-in users holding ``reads`` see; those holding ``decides`` write."""

    reads: str
    decides: str

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        needed = (
            self.reads if request.method in permissions.SAFE_METHODS else self.decides
        )
        return bool(user.has_perm(needed))
