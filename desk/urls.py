"""The desk's pages, under /admin/desk/."""

from django.contrib import admin
from django.urls import path

from desk import repeat_views, views

app_name = "desk"

urlpatterns = [
    path(
        "articles/<int:article_id>/workspace/",
        admin.site.admin_view(views.workspace),
        name="workspace",
    ),
    path(
        "claims/<int:claim_id>/review/",
        admin.site.admin_view(views.review),
        name="review",
    ),
    path(
        "claims/<int:claim_id>/reattach/",
        admin.site.admin_view(views.reattach),
        name="reattach",
    ),
    path(
        "claims/<int:claim_id>/repeats/",
        admin.site.admin_view(repeat_views.decide),
        name="repeat",
    ),
    path(
        "suggestions/<int:suggestion_id>/accept/",
        admin.site.admin_view(views.accept),
        name="suggestion_accept",
    ),
    path(
        "suggestions/<int:suggestion_id>/reject/",
        admin.site.admin_view(views.reject),
        name="suggestion_reject",
    ),
    path(
        "articles/<int:article_id>/handover/",
        admin.site.admin_view(views.handover),
        name="handover",
    ),
    # Not admin_view: anyone but staff gets a 404, never a login page.
    path(
        "articles/<int:article_id>/preview/",
        views.PreviewView.as_view(),
        name="preview",
    ),
]
