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
it. A conditional request takes the usual path, which answers 304 from the
versions alone, and its answer is kept as any.

Every such answer, kept or new, 200 or 304, goes out as Django's
``GZipMiddleware`` would send it: ``Vary: Accept-Encoding``, and to a reader
that takes gzip the body compressed (once, as it was kept) with a weak
ETag, which a conditional request matches as it matches the strong one.

So a kept answer this process holds costs one round trip to Redis for its
versions and no query (one query without Redis); one it does not hold, the
same round trip brings it, if this process knows its scopes (it held it
once), else one more. It is never stale: it stands on the same versions as
the answer the view would serve.
"""

import types
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers

from newsroom.answers import Kept, answer_key, keep, plain, recall
from newsroom.caching import Read, _last_modified, _public_headers, begun_with
from newsroom.parts import is_bypassed

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


def _encoded(
    request: HttpRequest,
    response: HttpResponseBase,
    key: str = "",
    kept: Kept | None = None,
) -> HttpResponseBase:
    """``response`` as Django's GZipMiddleware sends it: to a reader that
    takes gzip with a weak ETag and, if ``kept`` has it, the compressed body;
    else with the body as it is. A 304 has no ``kept``, only the headers."""
    takes_gzip = bool(
        re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    )
    patch_vary_headers(response, ("Accept-Encoding",))
    etag = response.get("ETag")
    if takes_gzip and etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
    if kept is None:
        return response
    if takes_gzip and kept.gzipped:
        response.content = kept.gzipped  # type: ignore[attr-defined]
        response["Content-Encoding"] = "gzip"
    else:
        response.content = plain(key, kept)  # type: ignore[attr-defined]
    response["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
    return response


def _served(
    request: HttpRequest, key: str
) -> tuple[HttpResponseBase | None, dict[str, Read] | None]:
    """The kept answer if it still stands, and the versions read to know."""
    kept, taken = recall(key, whole=True)
    if kept is None or taken is None or not _allowed(request, kept.throttles):
        return None, taken
    response = HttpResponse()
    for name, value in kept.headers:
        response[name] = value
    modified = _last_modified(max(taken[scope][1] for scope in kept.scopes))
    _public_headers(response, response["ETag"], modified)
    return _encoded(request, response, key, kept), taken


def _sent(
    request: HttpRequest, response: HttpResponseBase, key: str
) -> HttpResponseBase:
    """The usual path's answer, kept if it is a public one, and encoded."""
    found: Kept | None = getattr(request, "public_answer", None)
    if found is None:
        return response
    if response.status_code == HTTPStatus.NOT_MODIFIED:
        return _encoded(request, response)
    if (
        response.status_code != HTTPStatus.OK
        or response.streaming
        or response.cookies
        or not response.has_header("ETag")
    ):
        return response
    content = response.content  # type: ignore[attr-defined]
    kept = keep(key, found._replace(headers=list(response.items()), content=content))
    return _encoded(request, response, key, kept)


class AnswerFirstMiddleware:
    """Serve an anonymous reader's kept answer before the rest of the stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = answer_key(request) if _anonymous(request) and not is_bypassed() else None
        if key is None:
            return self.get_response(request)
        taken = None
        if not any(name in request.META for name in _CONDITIONAL):
            served, taken = _served(request, key)
            if served is not None:
                return served
            request.answer_sought = True  # type: ignore[attr-defined]
        request.answer_first = True  # type: ignore[attr-defined]
        if taken is None:
            response = self.get_response(request)
        else:
            # The view's own read takes the versions read here.
            with begun_with(taken):
                response = self.get_response(request)
        return _sent(request, response, key)
