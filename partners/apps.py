"""Partners app configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        # Registers the key's description in the OpenAPI schema.
        from partners import schema  # noqa: F401, PLC0415
