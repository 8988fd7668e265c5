"""Webhooks in the desk: editors register endpoints and their events, read
each delivery's attempts and replay it. Every change goes through
``notifications.services``; a new endpoint's secret is shown once, on the
page that answers its registration, and never stored anywhere else."""

import json
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from notifications.models import Event, WebhookDelivery, WebhookEndpoint
from notifications.services import (
    EDITOR_PERMISSION,
    change_endpoint,
    delete_endpoint,
    register_endpoint,
    replay_delivery,
)
from notifications.webhooks import check_url


def _when(iso: str) -> str:
    """A logged time as the desk writes times, to the second."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return date_format(timezone.localtime(moment), "j M Y, H:i:s")


class EditorsOnly:
    """Editors see and manage webhooks; nobody else sees the section."""

    def _editor(self, request: HttpRequest) -> bool:
        return request.user.has_perm(EDITOR_PERMISSION)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._editor(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editor(request)


class EndpointForm(forms.ModelForm[WebhookEndpoint]):
    """The URL, the events it gets (ticked), a description, whether it is active."""

    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(event, f"{event}: {label}") for event, label in Event.choices],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these events are sent to it."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "events", "description", "active"]

    def clean_url(self) -> str:
        """Refuse, beside the field, an address that is not public (the
        service checks it again when it registers the endpoint)."""
        url: str = self.cleaned_data["url"]
        if self.instance.pk is None:
            try:
                check_url(url)
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["url"]) from error
        return url


class WebhookEndpointAdmin(EditorsOnly, admin.ModelAdmin[WebhookEndpoint]):
    """Endpoints of other systems and the events each is sent."""

    form = EndpointForm
    list_display = ["url", "event_names", "active", "created_by", "delivery_log"]
    list_filter = ["active"]
    list_select_related = ["created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._editor(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editor(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editor(request)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["url", "events", "description", *(["active"] if obj else [])]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A new address is a new endpoint, with a secret of its own.
        return ["url", "description"] if obj else []

    @admin.display(description=_("events"))
    def event_names(self, endpoint: WebhookEndpoint) -> str:
        return ", ".join(endpoint.events)

    @admin.display(description=_("deliveries"))
    def delivery_log(self, endpoint: WebhookEndpoint) -> SafeString:
        url = reverse("admin:notifications_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}">{}</a>', url, endpoint.pk, _("log")
        )

    def save_model(
        self, request: HttpRequest, obj: WebhookEndpoint, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        if change:
            change_endpoint(
                obj.pk, actor=request.user, events=data["events"], active=data["active"]
            )
            return
        endpoint = register_endpoint(
            url=data["url"],
            events=data["events"],
            description=data.get("description", ""),
            actor=request.user,
        )
        obj.pk, obj.secret, obj._state.adding = endpoint.pk, endpoint.secret, False

    def response_add(
        self, request: HttpRequest, obj: WebhookEndpoint, post_url_continue: Any = None
    ) -> HttpResponse:
        """The secret, this once, on the page itself (no message, no cookie)."""
        return TemplateResponse(
            request,
            "admin/notifications/webhookendpoint/secret.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Endpoint registered"),
                "endpoint": obj,
            },
        )

    def delete_model(self, request: HttpRequest, obj: WebhookEndpoint) -> None:
        delete_endpoint(obj.pk, actor=request.user)

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[WebhookEndpoint]
    ) -> None:
        for pk in queryset.values_list("pk", flat=True):
            delete_endpoint(pk, actor=request.user)


class WebhookDeliveryAdmin(EditorsOnly, admin.ModelAdmin[WebhookDelivery]):
    """Every event sent to an endpoint: its status, attempts and body; replay."""

    list_display = [
        "event_name",
        "endpoint",
        "status",
        "attempts",
        "last_code",
        "last_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    actions = ["replay"]

    class Media:
        css = {"all": ["claims/admin/admin.css"]}

    fields = (
        "endpoint",
        "event",
        "event_id",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "attempt_log",
        "body",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("event"), ordering="event")
    def event_name(self, delivery: WebhookDelivery) -> str:
        return delivery.event

    @admin.display(description=_("last answer"))
    def last_code(self, delivery: WebhookDelivery) -> str:
        for entry in reversed(delivery.log):
            if not entry.get("replay"):
                return str(entry.get("status_code") or entry.get("error") or "")[:60]
        return "–"

    @admin.display(description=_("attempts log"))
    def attempt_log(self, delivery: WebhookDelivery) -> SafeString:
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    _when(entry.get("at", "")),
                    _("replayed by %s") % entry.get("by")
                    if entry.get("replay")
                    else entry.get("status_code") or "–",
                    entry.get("error", ""),
                    f"{entry['ms']} ms" if "ms" in entry else "",
                )
                for entry in delivery.log
            ),
        )
        return format_html(
            '<div class="webhook-log" tabindex="0" role="region" aria-label="{}">'
            '<table><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            "</tr></thead><tbody>{}</tbody></table></div>",
            _("Attempts"),
            _("time"),
            _("answer"),
            _("error"),
            _("took"),
            rows,
        )

    @admin.display(description=_("body"))
    def body(self, delivery: WebhookDelivery) -> SafeString:
        return format_html(
            '<pre class="webhook-body" tabindex="0" role="region" aria-label="{}">{}</pre>',
            _("Body sent"),
            json.dumps(delivery.payload, indent=2, sort_keys=True),
        )

    @admin.action(description=_("Replay the selected deliveries"))
    def replay(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        if not request.user.has_perm(EDITOR_PERMISSION):
            raise PermissionDenied
        count = 0
        for pk in queryset.values_list("pk", flat=True):
            replay_delivery(pk, actor=request.user)
            count += 1
        self.message_user(
            request,
            _("%(count)d deliveries sent again, with their event ids.")
            % {"count": count},
            messages.SUCCESS,
        )
