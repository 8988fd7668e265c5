from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The standards desk: dashboard, review workspace and preview, inside the admin."""

    name = "desk"
    verbose_name = "Standards desk"
