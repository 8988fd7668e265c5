"""Articles app configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # The caches learn when scheduled stories go out from the articles.
        from articles.schedule import moments  # noqa: PLC0415
        from newsroom.caching import watch_schedule  # noqa: PLC0415

        watch_schedule(moments)
