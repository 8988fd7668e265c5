"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("newsroom.api")),
    path("", include("claims.urls")),
    path("", include("articles.urls")),
]
