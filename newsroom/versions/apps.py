"""The versions app: one table of versions, no views."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_epoch(using: str = "default", **kwargs: Any) -> None:
    """Give a new (or flushed) database its epoch before anything is read."""
    from newsroom.caching import EPOCH, bump  # noqa: PLC0415
    from newsroom.versions.models import Version  # noqa: PLC0415

    if using == "default" and not Version.objects.filter(scope=EPOCH).exists():
        bump([EPOCH])


class VersionsConfig(AppConfig):
    name = "newsroom.versions"
    label = "versions"
    verbose_name = _("Cache versions")

    def ready(self) -> None:
        from newsroom.versions import checks  # noqa: F401, PLC0415 - registers it

        post_migrate.connect(ensure_epoch, sender=self, dispatch_uid="versions-epoch")
