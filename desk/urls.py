"""The desk's pages, under /admin/desk/."""

from django.contrib import admin
from django.urls import path

from desk import calendar, notifications, repeat_views, scheduled_changes, views

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
        "claims/<int:claim_id>/group/leave/",
        admin.site.admin_view(repeat_views.leave),
        name="leave_group",
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
    path(
        "scheduled-changes/<int:pending_id>/make-now/",
        admin.site.admin_view(scheduled_changes.make_now_view),
        name="make_change_now",
    ),
    path(
        "scheduled-changes/<int:pending_id>/cancel/",
        admin.site.admin_view(scheduled_changes.cancel_view),
        name="cancel_change",
    ),
    path(
        "notifications/",
        admin.site.admin_view(notifications.notification_list),
        name="notifications",
    ),
    path(
        "notifications/<int:notification_id>/open/",
        admin.site.admin_view(notifications.open_notification),
        name="notification_open",
    ),
    path(
        "notifications/read/",
        admin.site.admin_view(notifications.read_all),
        name="notifications_read",
    ),
    path(
        "notifications/preferences/",
        admin.site.admin_view(notifications.preferences),
        name="notification_preferences",
    ),
]
