"""Who is asking: the client address that sign-in throttling counts against."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The client's address: the socket's, or the one our TLS proxy appended.

    Only the last X-Forwarded-For entry is the proxy's own; earlier ones are
    whatever the client sent, so trusting them would let anyone pick the
    address their failures count against.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not getattr(settings, "BEHIND_TLS_PROXY", False):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else remote


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The sign-in page's answer to a locked-out user name and address: 429.

    Rendered with the admin's own context, so it carries the desk's branding,
    and says how long the lock lasts; Retry-After says it to machines.
    """
    cool_off: timedelta = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in locked for now",
        # Not signed in: no app list to show.
        "is_nav_sidebar_enabled": False,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": cool_off.total_seconds() / 60,
    }
    response = render(request, "lockout.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
