"""The answer first: an anonymous reader's cached page or API answer served
before sessions, authentication and the rest of the stack; with Redis, under
the WSGI server, before Django's request cycle begins (``newsroom.door``).

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

The middleware comes first in the stack, so what is kept holds every
header the stack gives (the security headers included), and an answer
served at the door, or by the middleware, goes out as the stack sent it.
The door (``newsroom.wsgi``) answers only from Redis's copies of the
versions: a read that needs the database goes in, through Django's request
cycle, to the middleware.

So a kept answer this process holds costs one round trip to Redis for its
versions and no query (one query without Redis); one it does not hold, the
same round trip brings it, if this process knows its scopes (it held it
once, or another address of the same page), else one more; one it holds
superseded, one more too. It is never stale: it stands on the same
versions as the answer the view would serve.

A page whose addresses are mostly asked for once (a search) keeps its
answer only once its address is asked for again
(``answers.keep_when_asked_again``): the look-up marks the address in the
same round trip, and a first answer goes out as any, compressed, but is
not kept.
"""

import functools
import logging
import types
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from newsroom.answers import (
    Kept,
    answer_key,
    asked_again_paths,
    compressed,
    keep,
    plain,
    recall_first,
)
from newsroom.caching import (
    Read,
    _last_modified,
    begun_with,
    public_ages,
    public_cache_control,
)
from newsroom.parts import answer_scopes, is_bypassed

logger = logging.getLogger(__name__)

_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# Where the door (``newsroom.door``) leaves, for the middleware, the
# answer's key, the versions it read and whether the address was asked for
# the first time.
LOOKED_UP = "newsroom.answer_first"
# Names, among the scopes kept per address, the scopes a page's answer at
# its last address depended on: another address of it likely depends on
# the same (they are named from the path alone).
_PAGE = "page:"


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


def _takes_gzip(request: HttpRequest) -> bool:
    # Read as Django's GZipMiddleware reads it.
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _varied(response: HttpResponseBase, takes_gzip: bool) -> HttpResponseBase:
    """The headers Django's GZipMiddleware gives an answer, compressed or
    not: ``Vary: Accept-Encoding``, and to a reader that takes gzip a weak
    ETag (it matches the strong one in a conditional request)."""
    patch_vary_headers(response, ("Accept-Encoding",))
    etag = response.get("ETag")
    if takes_gzip and etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
    return response


def _headers_sent(kept: Kept, takes_gzip: bool) -> list[tuple[str, str]]:
    """The headers ``kept`` goes out with to a reader that takes gzip or not."""
    response = HttpResponse()
    for name, value in kept.headers:
        response[name] = value
    _varied(response, takes_gzip)
    gzipped = takes_gzip and bool(kept.gzipped)
    if gzipped:
        response["Content-Encoding"] = "gzip"
    size = len(kept.gzipped if gzipped else kept.content)
    response["Content-Length"] = str(size)
    return list(response.items())


def _with_headers_sent(kept: Kept) -> Kept:
    """``kept`` with the headers it goes out with, worked out once: to a
    reader that does not take gzip, and to one that does."""
    return kept._replace(sent=(_headers_sent(kept, False), _headers_sent(kept, True)))


def _body(key: str, kept: Kept, takes_gzip: bool) -> bytes:
    """What a reader who takes gzip or not is sent of ``kept``."""
    if takes_gzip and kept.gzipped:
        return kept.gzipped
    return plain(key, kept)


class Answer(NamedTuple):
    """A kept answer as it goes out now: its headers, in order, and body."""

    headers: list[tuple[str, str]]
    body: bytes


@functools.lru_cache(maxsize=256)
def _cache_control(kept: str, ages: tuple[int, int]) -> str:
    response = HttpResponse()
    response["Cache-Control"] = kept
    public_cache_control(response, ages)
    return response["Cache-Control"]


@functools.lru_cache(maxsize=256)
def _date(moment: int) -> str:
    return http_date(moment)


def _refreshed(
    sent: list[tuple[str, str]], modified: int | None
) -> list[tuple[str, str]]:
    """The headers ``sent`` with the Last-Modified and Cache-Control a public
    answer of these versions goes out with now, as ``caching`` gives them."""
    ages = public_ages()
    date = None if modified is None else _date(modified)
    headers, dated, controlled = [], False, False
    for name, kept in sent:
        value, lowered = kept, name.lower()
        if lowered == "cache-control":
            value, controlled = _cache_control(kept, ages), True
        elif lowered == "last-modified" and date is not None:
            value, dated = date, True
        headers.append((name, value))
    if date is not None and not dated:
        headers.append(("Last-Modified", date))
    if not controlled:
        headers.append(("Cache-Control", _cache_control("", ages)))
    return headers


def standing_answer(
    request: HttpRequest, key: str
) -> tuple[Answer | None, dict[str, Read] | None]:
    """The kept answer if it still stands, and the versions read to know.

    An address never asked for before, of a page that keeps its answers
    only once asked for again, is marked so on the request
    (``answer_unasked``)."""
    path = request.path
    found = recall_first(
        key,
        whole=True,
        likely=_PAGE + path,
        mark=path in asked_again_paths,
    )
    kept, taken = found.kept, found.taken
    request.answer_unasked = found.unasked  # type: ignore[attr-defined]
    request.answer_superseded = found.superseded  # type: ignore[attr-defined]
    if kept is None or taken is None or not kept.sent:
        return None, taken
    if not _allowed(request, kept.throttles):
        return None, taken
    takes_gzip = _takes_gzip(request)
    modified = _last_modified(max(taken[scope][1] for scope in kept.scopes))
    sent = _refreshed(kept.sent[takes_gzip], modified)
    return Answer(sent, _body(key, kept, takes_gzip)), taken


def _sent(
    request: HttpRequest, response: HttpResponseBase, key: str
) -> HttpResponseBase:
    """The usual path's answer, kept if it is a public one, as it is sent."""
    found: Kept | None = getattr(request, "public_answer", None)
    if found is None:
        return response
    if response.status_code == HTTPStatus.NOT_MODIFIED:
        return _varied(response, _takes_gzip(request))
    if (
        response.status_code != HTTPStatus.OK
        or response.streaming
        or response.cookies
        or not response.has_header("ETag")
    ):
        return response
    content = response.content  # type: ignore[attr-defined]
    kept = found._replace(headers=list(response.items()), content=content)
    answer_scopes.put(_PAGE + request.path, found.wanted)
    takes_gzip = _takes_gzip(request)
    if getattr(request, "answer_unasked", False) and getattr(
        request, "keep_when_asked_again", False
    ):
        # Not kept: sent once, as this reader takes it.
        kept = compressed(kept) if takes_gzip else kept
        sent = _headers_sent(kept, takes_gzip)
    else:
        kept = keep(key, _with_headers_sent(compressed(kept)))
        sent = kept.sent[takes_gzip]
    response.content = _body(key, kept, takes_gzip)  # type: ignore[attr-defined]
    for name, value in sent:
        response[name] = value
    return response


def key_for(request: HttpRequest) -> str | None:
    """Where the answer to ``request`` is kept, if it may be answered first:
    an anonymous read, not of a static file, that Django's
    ``SecurityMiddleware`` would not send to HTTPS."""
    if (
        not _anonymous(request)
        or is_bypassed()
        or request.path.startswith(settings.STATIC_URL)
        or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    ):
        return None
    return answer_key(request)


def is_conditional(request: HttpRequest) -> bool:
    return any(name in request.META for name in _CONDITIONAL)


def _response(answer: Answer) -> HttpResponse:
    response = HttpResponse(answer.body)
    for name, value in answer.headers:
        response[name] = value
    return response


class AnswerFirstMiddleware:
    """Serve an anonymous reader's kept answer before the rest of the stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        looked = request.META.get(LOOKED_UP)
        key = looked[0] if looked is not None else key_for(request)
        if key is None:
            return self.get_response(request)
        taken = None
        if not is_conditional(request):
            if looked is not None:
                _, taken, request.answer_unasked = looked  # type: ignore[attr-defined]
            else:
                answer, taken = standing_answer(request, key)
                if answer is not None:
                    return _response(answer)
            request.answer_sought = True  # type: ignore[attr-defined]
        request.answer_first = True  # type: ignore[attr-defined]
        if taken is None:
            response = self.get_response(request)
        else:
            # The view's own read takes the versions read here.
            with begun_with(taken):
                response = self.get_response(request)
        return _sent(request, response, key)
