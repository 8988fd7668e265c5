"""The versions app: one table of versions, no views."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VersionsConfig(AppConfig):
    name = "newsroom.versions"
    label = "versions"
    verbose_name = _("Cache versions")

    def ready(self) -> None:
        from newsroom.versions import checks  # noqa: F401, PLC0415 - registers it
        from newsroom.versions.store import prepare  # noqa: PLC0415

        post_migrate.connect(prepare, sender=self, dispatch_uid="versions-epoch")
