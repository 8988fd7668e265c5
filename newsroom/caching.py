"""Public pages and API reads served from the cache, and never stale.

Every cacheable answer depends on a few *scopes* named from its URL alone
(``article:<slug>``, ``agency:<slug>``, ``claim:<pk>``, ``lists``). Each
scope has a version in the database (``newsroom.versions``): a random token
that the service making a change replaces in the change's own transaction
(``newsroom.dependencies.retire``), so a version and the data it stands for
commit or roll back together.

A cached answer is kept under one key for its address and variant, with the
versions it was built from. A read takes the versions with one query, then
the answer with one cache call, and serves it only if they match; otherwise
it builds the answer and overwrites it. So a superseded answer is gone once
the next read replaces it, a cache restored from an old snapshot holds
nothing it can serve, and several processes each with a cache of their own
stay correct: every one of them checks the database's versions.

The ETag is a hash of the address and the versions, Last-Modified the time
of the newest change: a conditional request is answered 304 from the
versions alone. Only anonymous GET and HEAD requests are served from the
cache; any other request runs the view and is marked private.

Parts many answers share (a claim's note, an article's marked body) are
``kept`` the same way: one key per part, holding what it was made of.
"""

import hashlib
import math
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.replicas import is_private, replica_reads
from newsroom.versions import store
from newsroom.versions.store import EPOCH, fetch

Scopes = Callable[..., Iterable[str]]

ANSWER = "answer:"
KEPT = "kept:"
# Headers an answer keeps in the cache; the middleware adds the rest each time.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")

# The versions a public read took as it began, by scope (see ``serve``).
_read: ContextVar[dict[str, tuple[str, float]] | None] = ContextVar(
    "read_versions", default=None
)
# Set while the cache is bypassed: every answer and part is built afresh.
_bypass: ContextVar[bool] = ContextVar("cache_bypass", default=False)


def article_scope(slug: str) -> str:
    return f"article:{slug}"


def article_text_scope(slug: str) -> str:
    """The article's own fields and corrections, apart from its claims."""
    return f"article-text:{slug}"


def agency_scope(slug: str) -> str:
    return f"agency:{slug}"


def claim_scope(pk: object) -> str:
    return f"claim:{pk}"


LISTS = "lists"
# Every agency and person: what each claim's kept parts show of them.
ATTRIBUTIONS = "attributions"


@contextmanager
def bypassed() -> Iterator[None]:
    """Build every answer and part from the database, reading and keeping nothing."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def is_bypassed() -> bool:
    return _bypass.get()


def bump(scopes: Iterable[str]) -> None:
    """Give each scope a new version in the current transaction (services
    retire through ``newsroom.dependencies.retire``, which calls this)."""
    store.bump(scopes)


def read_versions(scopes: Iterable[str]) -> dict[str, tuple[str, float]]:
    """Each scope's version and the time it last changed (0 if never), with one
    query on the primary; inside a public read, the versions it began with."""
    scopes = list(scopes)
    taken = _read.get()
    if taken is not None and all(scope in taken for scope in scopes):
        return {scope: taken[scope] for scope in scopes}
    found = fetch(scopes)
    if EPOCH not in found:
        bump([EPOCH])
        found = fetch(scopes)
    epoch = found[EPOCH][0]
    return {
        scope: (epoch + found.get(scope, ("", 0.0))[0], found.get(scope, ("", 0.0))[1])
        for scope in scopes
    }


def version(scope: str) -> str:
    """One scope's version (see ``read_versions``)."""
    return read_versions([scope])[scope][0]


def _variant(request: Any) -> str:
    # The API answers JSON or its browsable HTML by the Accept header.
    renderer = getattr(request, "accepted_renderer", None)
    return getattr(renderer, "format", "") or ""


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


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


def _last_modified(newest: float) -> int | None:
    # HTTP dates count whole seconds: a date is only given once its second
    # is over, so a change later in the same second still changes the date.
    if not newest:
        return None
    modified = math.ceil(newest)
    return None if time.time() < modified else modified


def serve(
    request: Any,
    scopes: Iterable[str],
    produce: Callable[[], HttpResponseBase],
    also: Iterable[str] = (),
) -> HttpResponseBase:
    """Answer a public read from the cache, or by ``produce`` and keep the answer.

    ``scopes`` name what the answer shows; ``also`` names scopes whose
    versions the parts ``produce`` keeps are checked against, read in the
    same query.
    """
    response: HttpResponseBase
    if request.method not in ("GET", "HEAD") or is_private(request):
        response = produce()
        return private(response) if request.method in ("GET", "HEAD") else response
    scopes = list(scopes)
    taken = read_versions([*scopes, *also])
    stamp = tuple(taken[scope][0] for scope in scopes)
    newest = max(taken[scope][1] for scope in scopes)
    # Absolute: pages and API answers carry links with the host.
    address = _digest(
        f"{settings.CACHE_RELEASE}\n{request.build_absolute_uri()}\n{_variant(request)}"
    )
    etag = f'"{_digest(address + repr(stamp))}"'
    modified = _last_modified(newest)
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        _public_headers(not_modified, etag, modified)
        return not_modified
    key = ANSWER + address
    stored = None if is_bypassed() else cache.get(key)
    if stored is not None and stored[0] == stamp:
        _, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
    else:
        reading = _read.set(taken)
        try:
            # Data this new may not have reached a replica yet: read the primary.
            with replica_reads(time.time() - newest > settings.REPLICA_MAX_LAG):
                response = produce()
                # A template reads its querysets as it renders: render it here.
                if isinstance(response, TemplateResponse):
                    response.render()
        finally:
            _read.reset(reading)
        if not is_bypassed():
            _keep(response, key, stamp)
    if response.status_code == HTTPStatus.OK:
        _public_headers(response, etag, modified)
    return response


def _keep(response: HttpResponseBase, key: str, stamp: tuple[str, ...]) -> None:
    """Store a successful answer, once rendered, with the versions it was built from."""

    def store(rendered: HttpResponseBase) -> None:
        if (
            rendered.status_code != HTTPStatus.OK
            or rendered.cookies
            or rendered.streaming
        ):
            return
        headers = [(name, rendered[name]) for name in KEPT_HEADERS if name in rendered]
        content = rendered.content  # type: ignore[attr-defined]
        cache.set(
            key,
            (stamp, rendered.status_code, headers, content),
            settings.PUBLIC_CACHE_TIMEOUT,
        )

    if hasattr(response, "add_post_render_callback") and not getattr(
        response, "is_rendered", True
    ):
        response.add_post_render_callback(store)
    else:
        store(response)


def kept[K: Hashable, T](
    name: str,
    materials: Mapping[K, Hashable],
    produce: Callable[[list[K]], Mapping[K, T]],
) -> dict[K, T]:
    """Renderings kept one key per item, each with what it was made of.

    ``materials`` maps each wanted item to everything its rendering depends
    on (plain values compared for equality: versions, stored values);
    ``produce`` renders every item whose kept material differs, in one call,
    and may leave out an item it cannot make. A new rendering overwrites the
    old one, so each item is held once.
    """
    if not materials:
        return {}
    if is_bypassed():
        return dict(produce(list(materials)))
    keys = {item: f"{KEPT}{settings.CACHE_RELEASE}:{name}:{item}" for item in materials}
    stored = cache.get_many(list(keys.values()))
    found: dict[K, T] = {}
    missing: list[K] = []
    for item, material in materials.items():
        entry = stored.get(keys[item])
        if entry is not None and entry[0] == material:
            found[item] = entry[1]
        else:
            missing.append(item)
    if missing:
        made = {item: value for item, value in produce(missing).items() if item in keys}
        cache.set_many(
            {keys[item]: (materials[item], value) for item, value in made.items()},
            settings.PUBLIC_CACHE_TIMEOUT,
        )
        found.update(made)
    return found


def public_page(
    scopes: Scopes, also: Scopes | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Serve a reader page from the cache; ``scopes(**url_kwargs)`` names what
    it shows, ``also(**url_kwargs)`` what the parts it keeps are checked against."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return serve(
                request,
                scopes(**kwargs),
                lambda: view(request, *args, **kwargs),
                also(**kwargs) if also else (),
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
