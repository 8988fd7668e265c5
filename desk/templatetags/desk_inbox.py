"""The header's link to the user's notifications, with the unread count."""

from typing import Any

from django import template

from desk.notifications import UNREAD_SHOWN, unread_ids

register = template.Library()


@register.inclusion_tag("desk/inbox_link.html", takes_context=True)
def desk_inbox_link(context: dict[str, Any]) -> dict[str, Any]:
    """How many notifications the signed-in user has not read ("99+" past that)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = len(unread_ids(user)) if user is not None else 0
    return {
        "unread": unread,
        "shown": f"{UNREAD_SHOWN}+" if unread > UNREAD_SHOWN else str(unread),
    }
