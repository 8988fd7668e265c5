"""Background tasks (Django's tasks framework): notification e-mails and
webhook deliveries, enqueued once the change they tell of is committed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.services import attempt_delivery

logger = logging.getLogger(__name__)


@task
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification to its recipient; False when there is nowhere to send it."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    link = notification.get_absolute_url()
    lines = [notification.title, ""]
    if notification.text:
        lines += [notification.text, ""]
    if link:
        lines += [f"{settings.SITE_URL}{link}", ""]
    try:
        preferences = reverse("desk:notification_preferences")
    except NoReverseMatch:
        preferences = ""
    if preferences:
        lines.append(
            "You choose which notifications come by e-mail at "
            f"{settings.SITE_URL}{preferences}."
        )
    send_mail(
        subject=f"[Newsroom] {notification.title}",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task
def deliver_webhook(delivery_id: int) -> str:
    """Make one attempt at a webhook delivery; returns its status after it."""
    delivery = attempt_delivery(delivery_id)
    return "" if delivery is None else delivery.status
