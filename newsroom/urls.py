"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from desk import views as desk_views

admin.site.site_header = _("Newsroom standards desk")
admin.site.site_title = _("Newsroom desk")
admin.site.index_title = _("Articles, claims and reviews")

urlpatterns = [
    # The desk's dashboard is the admin index; its pages sit beside the admin's.
    path("admin/", admin.site.admin_view(desk_views.dashboard), name="desk-index"),
    path("admin/desk/", include("desk.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("newsroom.api")),
    path("", include("claims.discovery_urls")),
    path("", include("claims.urls")),
    path("", include("claims.article_urls")),
]

# JSON under /api/, the branded pages elsewhere; 503 when the database is down.
handler400 = "newsroom.apierrors.bad_request"
handler403 = "newsroom.apierrors.permission_denied"
handler404 = "newsroom.apierrors.page_not_found"
handler500 = "newsroom.apierrors.server_error"
