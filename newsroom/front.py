"""The answer first: an anonymous reader's cached page or API answer served
before sessions, authentication and the rest of the stack.

A GET or HEAD request that carries no credentials (no session, CSRF or
messages cookie, no Authorization header) and asks nothing conditional is
looked up by its address and Accept header (``newsroom.answers``). What is
kept there is the answer the whole stack last gave such a request (its
body and every header it went out with), with the scopes and versions it
was built from (``caching.serve``). It is served only if the versions read
now are still those; otherwise, or with nothing kept, the request takes the
usual path and its answer is kept for the next reader. Its ETag and
Last-Modified follow from its address and versions, and its Cache-Control
is worked out again, as ``caching.serve`` does. An API answer is counted by
the view's throttles first: a refusal takes the usual path, which answers
it.

So a kept answer this process holds costs one round trip to Redis for its
versions and no query (one query without Redis); one it does not hold, a
cache read more. It is never stale: it stands on the same versions as the
answer the view would serve.
"""

import types
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from newsroom.answers import Kept, answer_key, held, keep
from newsroom.caching import (
    Read,
    _last_modified,
    _public_headers,
    begun_with,
    read_versions,
)
from newsroom.parts import answers, is_bypassed

_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def _anonymous(request: HttpRequest) -> bool:
    cookies = (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        CookieStorage.cookie_name,
    )
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and not any(name in request.META for name in _CONDITIONAL)
        and not any(name in request.COOKIES for name in cookies)
    )


def _allowed(request: HttpRequest, throttles: tuple[Any, ...]) -> bool:
    """Whether the API view's throttles let the request through, counting it."""
    if not throttles:
        return True
    anonymous = types.SimpleNamespace(
        user=AnonymousUser(), auth=None, META=request.META, headers=request.headers
    )
    return all(
        kind().allow_request(anonymous, types.SimpleNamespace(throttle_scope=scope))
        for kind, scope in throttles
    )


def _stands(kept: Kept | None, taken: dict[str, Read]) -> bool:
    """Whether ``kept`` holds every header and was built from the versions ``taken``."""
    return (
        kept is not None
        and kept.whole
        and tuple(taken.get(scope, ("",))[0] for scope in kept.scopes) == kept.stamp
    )


def _served(
    request: HttpRequest, key: str
) -> tuple[HttpResponseBase | None, dict[str, Read] | None]:
    """The kept answer if it still stands, and the versions read to know."""
    kept = held(key)
    if kept is None:
        return None, None
    taken = read_versions([*kept.scopes, *kept.also])
    if not _stands(kept, taken):
        # Another process may have kept the new one already.
        kept = cache.get(key)
        if not _stands(kept, taken):
            return None, taken
    assert kept is not None  # noqa: S101 - _stands says so
    if not _allowed(request, kept.throttles):
        return None, taken
    answers.put(key, kept)
    response = HttpResponse(kept.content)
    for name, value in kept.headers:
        response[name] = value
    modified = _last_modified(max(taken[scope][1] for scope in kept.scopes))
    _public_headers(response, response["ETag"], modified)
    return response, taken


def _keep(request: HttpRequest, response: HttpResponseBase, key: str) -> None:
    found: Kept | None = getattr(request, "public_answer", None)
    if (
        found is None
        or response.status_code != HTTPStatus.OK
        or response.streaming
        or response.cookies
        or not response.has_header("ETag")
    ):
        return
    content = response.content  # type: ignore[attr-defined]
    keep(key, found._replace(headers=list(response.items()), content=content))


class AnswerFirstMiddleware:
    """Serve an anonymous reader's kept answer before the rest of the stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = answer_key(request) if _anonymous(request) and not is_bypassed() else None
        if key is None:
            return self.get_response(request)
        served, taken = _served(request, key)
        if served is not None:
            return served
        request.answer_first = True  # type: ignore[attr-defined]
        if taken is None:
            response = self.get_response(request)
        else:
            # The view's own read takes the versions read here.
            with begun_with(taken):
                response = self.get_response(request)
        _keep(request, response, key)
        return response
