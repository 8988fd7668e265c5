from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DeskConfig(AppConfig):
    """The standards desk: dashboard, review workspace and preview, inside the admin."""

    default = True
    name = "desk"
    verbose_name = "Standards desk"


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the desk's site (see desk.site)."""

    default = False
    default_site = "desk.site.DeskAdminSite"
