"""JSON for every error under /api/, including the ones Django answers itself.

DRF's exception handler (``newsroom.apibase``) answers what a view raises;
these cover the rest: a body over the size limit, an unknown address, a
crash (500) and a database outage (503 with Retry-After), and a NUL
character in the address, which PostgreSQL refuses in any string.
Reader pages keep Django's branded HTML pages. This module knows no app.
"""

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

logger = logging.getLogger("newsroom.api")

API_PREFIX = "/api/"
# Seconds a client should wait before retrying while the database is down.
RETRY_AFTER_OUTAGE = 5


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error(status: int, detail: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def body_limit() -> str:
    """The request body limit, as the API docs state it."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return f"{limit:,} bytes ({limit / 1024 / 1024:.1f} MiB)"


class NulGuard:
    """Refuse a NUL character in an API address before it reaches the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_api(request):
            if "\x00" in request.path:
                return error(
                    400, "The address contains a NUL character (%00); no slug has one."
                )
            for name, values in request.GET.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    return error(
                        400,
                        f"The query parameter {name.replace(chr(0), '%00')!r} "
                        "contains a NUL character (%00); no value may.",
                    )
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, or 413 for a body over the limit; JSON under /api/."""
    if isinstance(exception, RequestDataTooBig):
        detail = f"The request body is over the limit of {body_limit()}."
        if is_api(request):
            return error(413, detail)
        return HttpResponse(detail, status=413, content_type="text/plain")
    if is_api(request):
        return error(400, "The request is malformed.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return error(403, str(exception) or "You may not do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return error(404, "No such endpoint or object; the root /api/ lists them.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the database is unreachable."""
    exception: Any = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        detail = "The database is unavailable; try again in a few seconds."
        if is_api(request):
            return error(503, detail, Retry_After=str(RETRY_AFTER_OUTAGE))
        response = HttpResponse(detail, status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_OUTAGE)
        return response
    if is_api(request):
        return error(500, "Server error: it has been logged; try again later.")
    return defaults.server_error(request)
