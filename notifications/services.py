"""Telling people and systems what happened: the calls the article and claim
services make, and the state changes of endpoints, deliveries and preferences.

``notify`` writes its notifications and webhook deliveries in the caller's
transaction; the e-mails and HTTP requests go through the task queue once
it commits, so a change that is rolled back tells nobody.
"""

import logging
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from notifications import webhooks
from notifications.models import (
    DeliveryStatus,
    Event,
    Kind,
    Notification,
    NotificationPreference,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)

Actor = AbstractUser | AnonymousUser | None

# Who may register endpoints and read deliveries: the desk's editors, who
# may publish. Named as a string: this app imports no other.
EDITOR_PERMISSION = "articles.publish_article"
EMAIL_TASK = "notifications.tasks.send_notification_email"
DELIVERY_TASK = "notifications.tasks.deliver_webhook"
DEFAULT_RETRY_DELAYS = (10, 60, 300, 1800, 7200)


@dataclass(frozen=True)
class Notice:
    """One kind of notification for some people (None and repeats are dropped)."""

    kind: str
    recipients: Iterable[int | None]
    title: str
    text: str = ""


def _user_id(actor: Actor) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


def holders_of(permission: str) -> list[int]:
    """Ids of the active users holding a permission ("articles.publish_article")."""
    users = get_user_model()._default_manager.with_perm(
        permission, backend="django.contrib.auth.backends.ModelBackend"
    )
    return list(users.filter(is_active=True).values_list("pk", flat=True))


def _enqueue(path: str, *args: Any, run_after: Any = None) -> None:
    """Enqueue a task of this app by its path, logging (never raising) a failure."""
    try:
        task: Task[..., Any] = import_string(path)
        if run_after is not None:
            task = task.using(run_after=run_after)
        task.enqueue(*args)
    except Exception:
        logger.exception("Could not enqueue %s%s", path, args)


def _on_commit(function: Callable[[], None]) -> None:
    transaction.on_commit(function, robust=True)


def notify(
    event: str | None,
    *,
    target: tuple[str, int],
    actor: Actor,
    notices: Iterable[Notice] = (),
    data: Callable[[], dict[str, Any]] | None = None,
) -> list[Notification]:
    """Tell people (``notices``) and subscribed systems (``event``) what happened.

    ``target`` names the object it is about by model label and id; ``data``
    makes the webhook body's ``data``, called only if an endpoint wants the
    event. Nobody is told of their own act. Call it inside the service's
    transaction.
    """
    actor_id = _user_id(actor)
    written = _write_notifications(target, actor_id, notices)
    if event is not None:
        _write_deliveries(event, target, actor, data or dict)
    return written


def _write_notifications(
    target: tuple[str, int], actor_id: int | None, notices: Iterable[Notice]
) -> list[Notification]:
    rows: list[Notification] = []
    for notice in notices:
        people = {pk for pk in notice.recipients if pk is not None and pk != actor_id}
        rows += [
            Notification(
                recipient_id=pk,
                kind=notice.kind,
                title=notice.title[:300],
                text=notice.text,
                target_label=target[0],
                target_id=target[1],
                actor_id=actor_id,
            )
            for pk in sorted(people)
        ]
    if not rows:
        return []
    written = Notification.objects.bulk_create(rows)
    off = set(
        NotificationPreference.objects.filter(
            user_id__in={row.recipient_id for row in rows}, by_email=False
        ).values_list("user_id", "kind")
    )
    for row in written:
        if (row.recipient_id, row.kind) not in off:
            _on_commit(partial(_enqueue, EMAIL_TASK, row.pk))
    return written


def _write_deliveries(
    event: str,
    target: tuple[str, int],
    actor: Actor,
    data: Callable[[], dict[str, Any]],
) -> None:
    if event not in Event.values:
        raise ValueError(f"Unknown webhook event {event!r}.")
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)
    ]
    if not endpoints:
        return
    event_id = uuid.uuid4()
    payload = {
        "id": str(event_id),
        "event": event,
        "created_at": timezone.now().isoformat(),
        "object": {"type": target[0], "id": target[1]},
        "actor": actor.get_username() if _user_id(actor) and actor else None,
        "data": data(),
    }
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=e, event=event, event_id=event_id, payload=payload)
        for e in endpoints
    )
    for delivery in deliveries:
        _on_commit(partial(_enqueue, DELIVERY_TASK, delivery.pk))


# --- notifications ---------------------------------------------------------


def mark_read(user: Actor, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones without ids)."""
    if _user_id(user) is None:
        return 0
    unread = Notification.objects.unread().filter(recipient_id=_user_id(user))
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def set_email_kinds(user: Actor, kinds: Iterable[str]) -> None:
    """Choose which kinds of notification come to the user by e-mail."""
    user_id = _user_id(user)
    if user_id is None:
        raise PermissionDenied("Sign in to choose your notifications.")
    chosen = set(kinds)
    unknown = chosen - set(Kind.values)
    if unknown:
        raise ValidationError(
            {"kinds": f"Unknown kinds: {', '.join(sorted(unknown))}."}
        )
    for kind in Kind.values:
        NotificationPreference.objects.update_or_create(
            user_id=user_id, kind=kind, defaults={"by_email": kind in chosen}
        )


def email_kinds(user: Actor) -> set[str]:
    """The kinds that come to the user by e-mail."""
    user_id = _user_id(user)
    if user_id is None:
        return set()
    off = NotificationPreference.objects.filter(
        user_id=user_id, by_email=False
    ).values_list("kind", flat=True)
    return set(Kind.values) - set(off)


# --- webhook endpoints and deliveries --------------------------------------


def _require_editor(actor: Actor) -> None:
    if actor is not None and not actor.has_perm(EDITOR_PERMISSION):
        raise PermissionDenied("Only editors manage webhooks.")


def _check_events(events: Any) -> list[str]:
    if not isinstance(events, list) or not events:
        raise ValidationError({"events": "Choose at least one event."})
    unknown = [e for e in events if e not in Event.values]
    if unknown:
        raise ValidationError(
            {
                "events": f"Unknown events: {', '.join(map(str, unknown))}. "
                f"Known: {', '.join(Event.values)}."
            }
        )
    return sorted(set(events))


@transaction.atomic
def register_endpoint(
    *, url: str, events: Any, actor: Actor, description: str = ""
) -> WebhookEndpoint:
    """Register an endpoint for some events; it gets a new secret.

    Refuses an address that is not public (see ``webhooks.check_url``).
    """
    _require_editor(actor)
    chosen = _check_events(events)
    webhooks.check_url(url)
    endpoint = WebhookEndpoint(
        url=url,
        events=chosen,
        description=description.strip(),
        secret=secrets.token_urlsafe(32),
        created_by_id=_user_id(actor),
    )
    try:
        endpoint.full_clean()
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    endpoint.save()
    return endpoint


@transaction.atomic
def change_endpoint(
    endpoint_id: int, *, actor: Actor, events: Any, active: bool
) -> WebhookEndpoint:
    """Change the events an endpoint gets, or pause it."""
    _require_editor(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
    endpoint.events = _check_events(events)
    endpoint.active = active
    endpoint.save(update_fields=["events", "active"])
    return endpoint


@transaction.atomic
def delete_endpoint(endpoint_id: int, *, actor: Actor) -> None:
    """Remove an endpoint and its delivery log."""
    _require_editor(actor)
    WebhookEndpoint.objects.filter(pk=endpoint_id).delete()


def retry_delays() -> list[float]:
    """Seconds to wait before each retry, growing; as many as there are retries."""
    return list(getattr(settings, "WEBHOOK_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def _round(delivery: WebhookDelivery) -> int:
    """Attempts since the delivery was (re)played."""
    count = 0
    for entry in reversed(delivery.log):
        if entry.get("replay"):
            break
        count += 1
    return count


def attempt_delivery(delivery_id: int) -> WebhookDelivery | None:
    """Make one attempt at a delivery and log it; schedule the next on failure.

    The HTTP request is made outside any transaction. A failed attempt is
    retried after the next of ``WEBHOOK_RETRY_DELAYS``; once they are spent
    the delivery is failed (an editor may replay it). An endpoint paused
    since the event fails its deliveries without calling it.
    """
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return delivery
    endpoint = delivery.endpoint
    if endpoint.active:
        attempt = webhooks.post(
            endpoint.url,
            secret=endpoint.secret,
            payload=delivery.payload,
            event=delivery.event,
        )
    else:
        attempt = webhooks.Attempt(None, "The endpoint is paused.", 0)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        now = timezone.now()
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.log = [
            *delivery.log,
            {
                "at": now.isoformat(),
                "status_code": attempt.status_code,
                "error": attempt.error,
                "ms": attempt.ms,
            },
        ]
        delivery.next_attempt_at = None
        delays = retry_delays()
        if attempt.ok:
            delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, now
        elif not endpoint.active or _round(delivery) > len(delays):
            delivery.status = DeliveryStatus.FAILED
        else:
            delay = timedelta(seconds=delays[_round(delivery) - 1])
            delivery.next_attempt_at = now + delay
            _schedule(delivery.pk, delay)
        delivery.save()
    return delivery


def _schedule(delivery_id: int, delay: timedelta) -> None:
    """Enqueue the next attempt after ``delay``, on commit.

    A backend that can defer (the database queue) runs it then; one that
    cannot (the immediate backend of development and tests) runs it at once.
    """

    def enqueue() -> None:
        task: Task[..., Any] = import_string(DELIVERY_TASK)
        run_after = None
        if task.get_backend().supports_defer and delay:
            run_after = timezone.now() + delay
        _enqueue(DELIVERY_TASK, delivery_id, run_after=run_after)

    _on_commit(enqueue)


@transaction.atomic
def replay_delivery(delivery_id: int, *, actor: Actor) -> WebhookDelivery:
    """Send a delivery again, with the same event id, whatever became of it."""
    _require_editor(actor)
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    by = actor.get_username() if actor is not None and _user_id(actor) else None
    delivery.status = DeliveryStatus.PENDING
    delivery.delivered_at = None
    delivery.next_attempt_at = None
    delivery.log = [
        *delivery.log,
        {"at": timezone.now().isoformat(), "replay": True, "by": by},
    ]
    delivery.save()
    _on_commit(partial(_enqueue, DELIVERY_TASK, delivery.pk))
    return delivery
