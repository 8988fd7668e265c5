"""Public pages and API reads served from the shared cache, and kept correct.

Every cacheable answer depends on a few *scopes* named from its URL alone
(``article:<slug>``, ``agency:<slug>``, ``claim:<pk>``, ``lists``). Each
scope has a generation token in the cache; a change replaces the tokens of
the scopes it affects (see ``claims.invalidation``), which retires every
answer built on them in every process sharing the cache, without finding or
deleting any key. The tokens are read before the view reads the database,
and replaced both when the change is made and again once it commits, so an
answer built from data read before the commit is never stored under tokens
issued after it.

An answer's key, its ETag, is a hash of its path, its variant and its
tokens; its Last-Modified is the time of the newest token. Conditional
requests are answered 304 from the tokens alone, before any rendering.
Only anonymous GET and HEAD requests are served from the cache; any other
request runs the view and is marked private.
"""

import hashlib
import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.replicas import is_private, replica_reads

Scopes = Callable[..., Iterable[str]]

GENERATION = "gen:"
ANSWER = "answer:"
PART = "part:"
# Headers an answer keeps in the cache; the middleware adds the rest each time.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


def _token() -> str:
    # The time makes Last-Modified; the random part makes two bumps in the
    # same microsecond, in two processes, differ.
    return f"{time.time():.6f}:{secrets.token_hex(4)}"


def _generation_key(scope: str) -> str:
    # A slug in a URL may hold anything; keys stay printable ASCII.
    return GENERATION + quote(scope, safe=":")


def generations(scopes: Iterable[str]) -> list[str]:
    """The current token of each scope, issuing one for a scope the cache lacks."""
    keys = [_generation_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # add(): a token another process issued meanwhile wins.
            cache.add(key, _token(), timeout=None)
        found.update(cache.get_many(missing))
    return [str(found.get(key, "")) for key in keys]


def bump(scopes: Iterable[str]) -> None:
    """Retire every cached answer built on these scopes, now and when the change commits."""
    scopes = set(scopes)
    if not scopes:
        return

    def replace() -> None:
        cache.set_many(
            {_generation_key(scope): _token() for scope in scopes}, timeout=None
        )

    replace()
    transaction.on_commit(replace, robust=True)


def article_scope(slug: str) -> str:
    return f"article:{slug}"


def agency_scope(slug: str) -> str:
    return f"agency:{slug}"


def claim_scope(pk: object) -> str:
    return f"claim:{pk}"


LISTS = "lists"


def _variant(request: Any) -> str:
    # The API answers JSON or its browsable HTML by the Accept header.
    renderer = getattr(request, "accepted_renderer", None)
    return getattr(renderer, "format", "") or ""


def _public_headers(
    response: HttpResponseBase, etag: str, modified: int | None
) -> None:
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_CACHE_MAX_AGE,
        s_maxage=settings.PUBLIC_CACHE_S_MAXAGE,
    )


def private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark an answer for one user only: no shared cache keeps it."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def serve(
    request: Any, scopes: Iterable[str], produce: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """Answer a public read from the cache, or by ``produce`` and keep the answer."""
    response: HttpResponseBase
    if request.method not in ("GET", "HEAD") or is_private(request):
        response = produce()
        return private(response) if request.method in ("GET", "HEAD") else response
    tokens = generations(scopes)
    request.cache_tokens = tokens
    material = "\n".join(
        [
            settings.CACHE_RELEASE,
            # Absolute: pages and API answers carry links with the host.
            request.build_absolute_uri(),
            _variant(request),
            *tokens,
        ]
    )
    digest = hashlib.blake2b(material.encode(), digest_size=16).hexdigest()
    etag = f'"{digest}"'
    newest = max(float(token.partition(":")[0] or 0) for token in tokens)
    # HTTP dates count whole seconds: a date is only given once its second
    # is over, so a change later in the same second still changes the date.
    modified: int | None = math.ceil(newest)
    if modified is not None and time.time() < modified:
        modified = None
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        _public_headers(not_modified, etag, modified)
        return not_modified
    key = ANSWER + digest
    stored = _recall(key)
    if stored is not None:
        status, headers, content = stored
        hit = HttpResponse(content, status=status)
        for name, value in headers:
            hit[name] = value
        response = hit
    else:
        # Data this new may not have reached a replica yet: read the primary.
        with replica_reads(time.time() - newest > settings.REPLICA_MAX_LAG):
            response = produce()
            # A template reads its querysets as it renders: render it here.
            # (An API answer's data is read already; the view renders it.)
            if isinstance(response, TemplateResponse):
                response.render()
        _keep(response, key)
    if response.status_code == HTTPStatus.OK:
        _public_headers(response, etag, modified)
    return response


def part[T](request: Any, name: str, produce: Callable[[], T]) -> T:
    """A part of a public answer (the marked body), kept while its scopes stand.

    Keyed by the tokens ``serve`` read before the view read the database, so
    it is as current as the answer. Outside ``serve`` (a signed-in user's
    page) it is simply produced.
    """
    tokens = getattr(request, "cache_tokens", None)
    if tokens is None:
        return produce()
    material = "\n".join([settings.CACHE_RELEASE, name, *tokens])
    key = PART + hashlib.blake2b(material.encode(), digest_size=16).hexdigest()
    found: T | None = cache.get(key)
    if found is None:
        found = produce()
        cache.set(key, found, settings.PUBLIC_CACHE_TIMEOUT)
    return found


class _RecentAnswers:
    """The answers this process served last, by key, up to a total size.

    A key names the tokens an answer was built on, so a copy kept here is as
    current as the shared cache's: a change issues new tokens, hence new keys.
    It spares fetching (and unpickling) a large page on every hit.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.answers: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            answer = self.answers.get(key)
            if answer is not None:
                self.answers.move_to_end(key)
            return answer

    def put(self, key: str, answer: Any) -> None:
        size = len(answer[2])
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.answers:
                return
            self.answers[key] = answer
            self.size += size
            while self.size > self.max_bytes:
                _, dropped = self.answers.popitem(last=False)
                self.size -= len(dropped[2])


_recent = _RecentAnswers(max_bytes=32 * 1024 * 1024)


def _recall(key: str) -> Any:
    answer = _recent.get(key)
    if answer is None:
        answer = cache.get(key)
        if answer is not None:
            _recent.put(key, answer)
    return answer


def _keep(response: HttpResponseBase, key: str) -> None:
    """Store a successful answer once it is rendered."""

    def store(rendered: HttpResponseBase) -> None:
        if (
            rendered.status_code != HTTPStatus.OK
            or rendered.cookies
            or rendered.streaming
        ):
            return
        headers = [(name, rendered[name]) for name in KEPT_HEADERS if name in rendered]
        content = rendered.content  # type: ignore[attr-defined]
        answer = (rendered.status_code, headers, content)
        cache.set(key, answer, settings.PUBLIC_CACHE_TIMEOUT)
        _recent.put(key, answer)

    if hasattr(response, "add_post_render_callback") and not getattr(
        response, "is_rendered", True
    ):
        response.add_post_render_callback(store)
    else:
        store(response)


def public_page(scopes: Scopes) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Serve a reader page from the cache; ``scopes(**url_kwargs)`` names what it shows."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return serve(
                request, scopes(**kwargs), lambda: view(request, *args, **kwargs)
            )

        return wrapped

    return decorator


def public_read(scopes: Scopes) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The same for an API action: inside the view, after authentication and throttles."""

    def decorator(action: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(action)
        def wrapped(view: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            return serve(
                request,
                scopes(**kwargs),
                lambda: action(view, request, *args, **kwargs),
            )

        return wrapped

    return decorator


class CachedReads:
    """A DRF viewset mixin: ``list`` and ``retrieve`` served through ``serve``.

    ``detail_scopes(**url_kwargs)`` names what one object's answer shows;
    every list depends on ``lists``.
    """

    detail_scopes: Scopes

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return serve(
            request,
            [LISTS],
            lambda: super(CachedReads, self).list(request, *args, **kwargs),  # type: ignore[misc]
        )

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return serve(
            request,
            type(self).detail_scopes(**kwargs),
            lambda: super(CachedReads, self).retrieve(request, *args, **kwargs),  # type: ignore[misc]
        )
