"""The desk's notification pages: the list, opening one, marking them read,
and each user's choice of what comes by e-mail.

The reads are the queries below; every change goes through
``notifications.services``.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from notifications.models import Kind, Notification
from notifications.services import email_kinds, mark_read, set_email_kinds

LISTED = 50
ON_DASHBOARD = 8
# The header says "99+" beyond this: it reads ids, never counts every row.
UNREAD_SHOWN = 99


def inbox(user: Any) -> list[Notification]:
    """The user's latest notifications, newest first."""
    return list(
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:LISTED]
    )


def unread_ids(user: Any) -> list[int]:
    """Ids of the user's unread notifications, at most one more than shown."""
    if not user.is_authenticated:
        return []
    return list(
        Notification.objects.unread()
        .filter(recipient_id=user.pk)
        .values_list("pk", flat=True)[: UNREAD_SHOWN + 1]
    )


def unread_for_dashboard(user: Any) -> list[Notification]:
    """The user's unread notifications, newest first, as the dashboard lists them."""
    return list(
        Notification.objects.unread()
        .filter(recipient_id=user.pk)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:ON_DASHBOARD]
    )


def _context(request: HttpRequest, title: str) -> dict[str, Any]:
    site = admin.site
    request.current_app = site.name
    return {**site.each_context(request), "title": title, "subtitle": None}


def notification_list(request: HttpRequest) -> TemplateResponse:
    """Everything the user was told lately, the unread marked."""
    return TemplateResponse(
        request,
        "desk/notifications.html",
        {
            **_context(request, str(_("Notifications"))),
            "notifications": inbox(request.user),
            "unread": len(unread_ids(request.user)),
        },
    )


def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one of the user's notifications read and go to what it is about."""
    notification = get_object_or_404(
        Notification, pk=notification_id, recipient_id=request.user.pk
    )
    mark_read(request.user, [notification.pk])
    target = notification.get_absolute_url() or reverse("desk:notifications")
    return HttpResponseRedirect(target)


@require_POST
def read_all(request: HttpRequest) -> HttpResponseRedirect:
    """Mark every notification of the user read; back where the button was."""
    count = mark_read(request.user)
    messages.success(
        request,
        _("%(count)d notification(s) marked read.") % {"count": count},
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("desk:notifications")
    return HttpResponseRedirect(back)


class PreferencesForm(forms.Form):
    """Which kinds of notification come by e-mail (all of them show in the desk)."""

    by_email = forms.MultipleChoiceField(
        label=_("By e-mail"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every notification shows in the desk; the ones ticked also come "
            "to your e-mail address."
        ),
    )


def preferences(request: HttpRequest) -> HttpResponse:
    """Choose which kinds come by e-mail."""
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            set_email_kinds(request.user, form.cleaned_data["by_email"])
            messages.success(request, _("Your choice is saved."))
            return HttpResponseRedirect(reverse("desk:notification_preferences"))
    else:
        form = PreferencesForm(initial={"by_email": sorted(email_kinds(request.user))})
    return TemplateResponse(
        request,
        "desk/notification_preferences.html",
        {
            **_context(request, str(_("Notifications by e-mail"))),
            "form": form,
            "email": request.user.email,  # type: ignore[union-attr]
        },
    )
