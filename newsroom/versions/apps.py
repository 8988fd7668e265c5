"""The versions app: one table of counters, no views."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VersionsConfig(AppConfig):
    name = "newsroom.versions"
    label = "versions"
    verbose_name = _("Cache versions")

    def ready(self) -> None:
        from newsroom.versions import checks  # noqa: F401, PLC0415 - registers it
