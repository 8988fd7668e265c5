"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Newsroom standards desk")
admin.site.site_title = _("Newsroom desk")
admin.site.index_title = _("Articles, claims and reviews")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("newsroom.api")),
    path("", include("claims.urls")),
    path("", include("claims.article_urls")),
]
