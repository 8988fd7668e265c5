"""Articles app configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # The caches learn when scheduled stories go out from the articles,
        # and have the changes of a text due then made before answering.
        from articles.schedule import moments  # noqa: PLC0415
        from articles.scheduled_edits import make_due_changes  # noqa: PLC0415
        from newsroom.caching import watch_schedule  # noqa: PLC0415

        watch_schedule(moments, due=make_due_changes)
