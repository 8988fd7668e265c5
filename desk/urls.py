"""The desk's pages, under /admin/desk/."""

from collections.abc import Callable

from django.contrib import admin
from django.http import HttpResponse
from django.urls import URLPattern, path

from desk import calendar, notifications, repeat_views, scheduled_changes, views

app_name = "desk"


def page(route: str, view: Callable[..., HttpResponse], name: str) -> URLPattern:
    """A desk page: ``view`` at ``route``, for signed-in staff only (the admin's login)."""
    return path(route, admin.site.admin_view(view), name=name)


urlpatterns = [
    page("articles/<int:article_id>/workspace/", views.workspace, "workspace"),
    page("claims/<int:claim_id>/review/", views.review, "review"),
    page("claims/<int:claim_id>/reattach/", views.reattach, "reattach"),
    page("claims/<int:claim_id>/repeats/", repeat_views.decide, "repeat"),
    page("claims/<int:claim_id>/group/leave/", repeat_views.leave, "leave_group"),
    page("suggestions/<int:suggestion_id>/accept/", views.accept, "suggestion_accept"),
    page("suggestions/<int:suggestion_id>/reject/", views.reject, "suggestion_reject"),
    page("articles/<int:article_id>/handover/", views.handover, "handover"),
    page("calendar/", calendar.calendar_view, "calendar"),
    page("articles/<int:article_id>/lift-embargo/", calendar.lift_view, "lift_embargo"),
    page(
        "scheduled-changes/<int:pending_id>/make-now/",
        scheduled_changes.make_now_view,
        "make_change_now",
    ),
    page(
        "scheduled-changes/<int:pending_id>/cancel/",
        scheduled_changes.cancel_view,
        "cancel_change",
    ),
    page("notifications/", notifications.notification_list, "notifications"),
    page(
        "notifications/<int:notification_id>/open/",
        notifications.open_notification,
        "notification_open",
    ),
    page("notifications/read/", notifications.read_all, "notifications_read"),
    page(
        "notifications/preferences/",
        notifications.preferences,
        "notification_preferences",
    ),
]
