"""Notifications app configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications to the desk's users and signed webhooks to other systems."""

    name = "notifications"
    verbose_name = _("Notifications and webhooks")
