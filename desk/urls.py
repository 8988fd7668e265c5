"""The desk's pages, under /admin/desk/."""

from django.contrib import admin
from django.urls import path

from desk import calendar, views

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
    path(
        "calendar/",
        admin.site.admin_view(calendar.calendar_view),
        name="calendar",
    ),
    path(
        "articles/<int:article_id>/lift-embargo/",
        admin.site.admin_view(calendar.lift_view),
        name="lift_embargo",
    ),
    # Not admin_view: anyone but staff gets a 404, never a login page.
    path(
        "articles/<int:article_id>/preview/",
        views.PreviewView.as_view(),
        name="preview",
    ),
]
