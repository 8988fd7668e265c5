"""Claims app configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        # Imports the models, which only exist once the app registry is ready.
        from articles.models import Article  # noqa: PLC0415
        from articles.services import register_publish_check  # noqa: PLC0415
        from articles.signals import text_changed  # noqa: PLC0415
        from claims import publishing, services  # noqa: PLC0415
        from claims.dependencies import OUTPUTS  # noqa: PLC0415
        from newsroom.dependencies import declare  # noqa: PLC0415

        declare(*OUTPUTS)
        register_publish_check(publishing.open_items)
        text_changed.connect(
            services.follow_text, sender=Article, dispatch_uid="claims.follow_text"
        )
