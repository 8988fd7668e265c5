"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from desk import urls as desk_urls
from desk import views as desk_views
from reader.preview import PreviewView

admin.site.site_header = _("Newsroom standards desk")
admin.site.site_title = _("Newsroom desk")
admin.site.index_title = _("Articles, claims and reviews")

# The staff preview is the readers' page, so the reader app makes it; it is
# addressed among the desk's pages. Not admin_view: anyone but staff gets a
# 404, never a login page.
desk_pages = (
    [
        *desk_urls.urlpatterns,
        path(
            "articles/<int:article_id>/preview/",
            PreviewView.as_view(),
            name="preview",
        ),
    ],
    desk_urls.app_name,
)

urlpatterns = [
    # The desk's dashboard is the admin index; its pages sit beside the admin's.
    path("admin/", admin.site.admin_view(desk_views.dashboard), name="desk-index"),
    path("admin/desk/", include(desk_pages)),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("reader.discovery_urls")),
    path("", include("reader.urls")),
    path("", include("reader.article_urls")),
]

# JSON under /api/, the branded pages elsewhere; 503 when the database is down.
handler400 = "newsroom.apierrors.bad_request"
handler403 = "newsroom.apierrors.permission_denied"
handler404 = "newsroom.apierrors.page_not_found"
handler500 = "newsroom.apierrors.server_error"
