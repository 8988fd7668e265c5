"""Notifications (who is told what, about which object) and webhook endpoints
with their deliveries.

The object a notification or an event is about is named by its model label
and id ("articles.article", 12), not a foreign key: this app knows no other.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import choices_valid, part_of, user_field


class Kind(models.TextChoices):
    """What a notification tells its reader."""

    SENT_BACK = "sent_back", _("A story of yours sent back to you")
    SUBMITTED = "submitted", _("A story submitted for review")
    CLAIM_REVIEWED = (
        "claim_reviewed",
        _("A claim on your story disputed or given context"),
    )
    REVIEW_CHANGED = "review_changed", _("Your review changed by someone else")
    WORDS_CHANGED = "words_changed", _("A reviewed claim's words changed")


class Event(models.TextChoices):
    """What a webhook endpoint may ask to be told."""

    ARTICLE_SUBMITTED = "article.submitted", _("A story submitted for review")
    ARTICLE_SENT_BACK = "article.sent_back", _("A story sent back to its reporter")
    ARTICLE_PUBLISHED = "article.published", _("A story published")
    ARTICLE_CORRECTED = "article.corrected", _("A published story corrected")
    CLAIM_REVIEWED = "claim.reviewed", _("A claim reviewed")
    CLAIM_TEXT_CHANGED = "claim.text_changed", _("A reviewed claim's words changed")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing one user is told, in the desk and perhaps by e-mail."""

    Kind = Kind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    target_label = models.CharField(_("about (model)"), max_length=100)
    target_id = models.PositiveBigIntegerField(_("about (id)"))
    actor = user_field(_("by"))
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            choices_valid("kind", Kind, "notification_kind_valid"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "read_at", "-created_at"],
                name="notification_inbox",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The desk's page of the object it is about."""
        return target_url(self.target_label, self.target_id)


def target_url(label: str, pk: int) -> str:
    """The admin page of the object a model label and id name ("" if none)."""
    try:
        return reverse(f"admin:{label.replace('.', '_')}_change", args=[pk])
    except NoReverseMatch:
        return ""


class NotificationPreference(models.Model):
    """Whether one user gets one kind of notification by e-mail.

    Without a row, a kind comes by e-mail: the desk is told what is its
    own unless someone says otherwise.
    """

    Kind = Kind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    by_email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_unique"
            ),
            choices_valid("kind", Kind, "notification_preference_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class WebhookEndpoint(models.Model):
    """A URL of another system, the events it wants, and the secret that signs them."""

    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(
        _("events"), default=list, help_text=_("The event names it is sent.")
    )
    # Kept as it is: signing needs the secret itself, not a hash of it.
    secret = models.CharField(_("secret"), max_length=100, editable=False)
    description = models.CharField(_("description"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = user_field(_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(url__regex=r"^https?://"),
                name="webhook_endpoint_http_url",
            ),
            models.CheckConstraint(
                condition=~models.Q(secret=""), name="webhook_endpoint_has_secret"
            ),
        ]

    def __str__(self) -> str:
        return self.url

    def wants(self, event: str) -> bool:
        return self.active and event in self.events


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: its body, and every attempt at it."""

    Status = DeliveryStatus

    endpoint = part_of(WebhookEndpoint, _("endpoint"), "deliveries")
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, editable=False)
    payload = models.JSONField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # One entry per attempt: {"at", "status_code", "error", "ms"}.
    log = models.JSONField(_("attempts log"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            choices_valid("status", DeliveryStatus, "webhook_delivery_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.DELIVERED)
                | models.Q(delivered_at__isnull=False),
                name="webhook_delivery_delivered_has_time",
            ),
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_delivery_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.event_id}"

    @property
    def last_status_code(self) -> Any:
        return self.log[-1].get("status_code") if self.log else None
