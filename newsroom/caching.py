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

Stories and corrections may be scheduled: they turn public at a time, with
nothing run then. Every token read is suffixed with the latest scheduled
moment already past (``schedule``), so when one passes every answer and
kept part is named anew and rebuilt, without any token being replaced; and
no browser or CDN is told to keep an answer past the next moment.

Parts of a page that many answers share (a claim's note, the marks on an
article body) are *kept by content* instead (``kept``): their key is what
they are made of, so a change makes a new key rather than a stale part, and
a page rebuilt after one review renders only the parts that changed.
"""

import hashlib
import math
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from contextvars import ContextVar
from functools import wraps
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.replicas import is_private, replica_reads

Scopes = Callable[..., Iterable[str]]

GENERATION = "gen:"
SCHEDULE = "schedule"
# How long a schedule a reader worked out is trusted: a change committing
# while a reader works it out is caught by then. A change stores its own.
SCHEDULE_TIMEOUT = 300
ANSWER = "answer:"
KEPT = "kept:"
# The scope whose token every kept rendering's key names: emptying the cache
# (or bumping it) retires those held in every process too.
RENDERINGS = "renderings"
# Headers an answer keeps in the cache; the middleware adds the rest each time.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


# The tokens a public read took as it began, by scope (see ``serve``).
_read_tokens: ContextVar[dict[str, str] | None] = ContextVar(
    "read_tokens", default=None
)


def _token() -> str:
    # The time makes Last-Modified; the random part makes two bumps in the
    # same microsecond, in two processes, differ.
    return f"{time.time():.6f}:{secrets.token_hex(4)}"


def _generation_key(scope: str) -> str:
    # A slug in a URL may hold anything; keys stay printable ASCII.
    return GENERATION + quote(scope, safe=":")


Moments = tuple[float, float | None]
_schedule_source: list[Callable[[], Moments]] = []
# The schedule the last ``generations`` call in this context read.
_seen_schedule: ContextVar[Moments | None] = ContextVar("seen_schedule", default=None)


def watch_schedule(source: Callable[[], Moments]) -> None:
    """Name the function giving the latest scheduled moment past and the next
    one (``articles.schedule.moments``); called once, from an app's ``ready``."""
    _schedule_source[:] = [source]


def _schedule_cache() -> Any:
    """Where the schedule is kept: the ``schedule`` cache when it is a store
    of its own, else None (then it is read with the tokens, in one call)."""
    configured = settings.CACHES.get(SCHEDULE)
    if configured is None or configured == settings.CACHES.get("default"):
        return None
    return caches[SCHEDULE]


def _schedule(stored: Any) -> Moments:
    """The schedule as stored, or read afresh once its next moment has come."""
    if isinstance(stored, tuple):
        passed, coming = stored
        if coming is None or time.time() < coming:
            _seen_schedule.set(stored)
            return passed, coming
    current: Moments = _schedule_source[0]() if _schedule_source else (0.0, None)
    target = _schedule_cache() or cache
    # What a reader works out is trusted for a while only: a change that
    # commits meanwhile stores its own, which a reader never overwrites.
    if stored is None:
        target.add(SCHEDULE, current, SCHEDULE_TIMEOUT)
    else:
        target.set(SCHEDULE, current, SCHEDULE_TIMEOUT)
    _seen_schedule.set(current)
    return current


def reschedule() -> None:
    """Store the schedule anew, now and when the change commits: a story or
    correction was scheduled, published or lifted. Readers then find it in
    the cache rather than reading the database."""

    def store() -> None:
        if _schedule_source:
            target = _schedule_cache() or cache
            # Kept until the next change or moment: the writer read it last.
            target.set(SCHEDULE, _schedule_source[0](), timeout=None)

    store()
    transaction.on_commit(store, robust=True)


def next_moment() -> float | None:
    """When the next scheduled story or correction turns public, if any."""
    seen = _seen_schedule.get()
    if seen is not None and (seen[1] is None or time.time() < seen[1]):
        return seen[1]
    return _schedule((_schedule_cache() or cache).get(SCHEDULE))[1]


def generations(scopes: Iterable[str]) -> list[str]:
    """The current token of each scope, issuing one for a scope the cache lacks.

    Each ends with ``@`` and the latest scheduled moment past, read in the
    same call. Inside a public read, the tokens it took when it began: what
    it keeps is named by one moment's tokens.
    """
    scopes = list(scopes)
    taken = _read_tokens.get()
    if taken is not None and all(scope in taken for scope in scopes):
        return [taken[scope] for scope in scopes]
    keys = [_generation_key(scope) for scope in scopes]
    apart = _schedule_cache()
    found = cache.get_many(keys if apart else [*keys, SCHEDULE])
    if apart:
        found[SCHEDULE] = apart.get(SCHEDULE)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # add(): a token another process issued meanwhile wins.
            cache.add(key, _token(), timeout=None)
        found.update(cache.get_many(missing))
    passed, _ = _schedule(found.get(SCHEDULE))
    return [f"{found.get(key, '')}@{passed:.6f}" for key in keys]


def _token_time(token: str) -> float:
    """When a token was issued, or the scheduled moment it names, if later."""
    issued = float(token.partition(":")[0] or 0)
    return max(issued, float(token.rpartition("@")[2] or 0))


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


def article_text_scope(slug: str) -> str:
    """The article's own fields and corrections, apart from its claims: what a
    review leaves as it was."""
    return f"article-text:{slug}"


def agency_scope(slug: str) -> str:
    return f"agency:{slug}"


def claim_scope(pk: object) -> str:
    return f"claim:{pk}"


LISTS = "lists"
# Every agency and person: what each claim's kept parts show of them.
ATTRIBUTIONS = "attributions"


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
    max_age, s_maxage = settings.PUBLIC_CACHE_MAX_AGE, settings.PUBLIC_CACHE_S_MAXAGE
    coming = next_moment()
    if coming is not None:
        # Nobody keeps an answer past the moment a scheduled story goes out.
        left = max(0, math.ceil(coming - time.time()))
        max_age, s_maxage = min(max_age, left), min(s_maxage, left)
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=s_maxage)


def private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark an answer for one user only: no shared cache keeps it."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def serve(
    request: Any,
    scopes: Iterable[str],
    produce: Callable[[], HttpResponseBase],
    also: Iterable[str] = (),
) -> HttpResponseBase:
    """Answer a public read from the cache, or by ``produce`` and keep the answer.

    ``scopes`` name what the answer shows; ``also`` names scopes whose tokens
    the parts ``produce`` keeps are named by, read in the same call.
    """
    response: HttpResponseBase
    if request.method not in ("GET", "HEAD") or is_private(request):
        response = produce()
        return private(response) if request.method in ("GET", "HEAD") else response
    scopes = list(scopes)
    read = [*scopes, RENDERINGS, *also]
    taken = dict(zip(read, generations(read), strict=True))
    tokens = [taken[scope] for scope in scopes]
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
    newest = max(_token_time(token) for token in tokens)
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
        reading = _read_tokens.set(taken)
        try:
            with replica_reads(time.time() - newest > settings.REPLICA_MAX_LAG):
                response = produce()
                # A template reads its querysets as it renders: render it here.
                # (An API answer's data is read already; the view renders it.)
                if isinstance(response, TemplateResponse):
                    response.render()
        finally:
            _read_tokens.reset(reading)
        _keep(response, key)
    if response.status_code == HTTPStatus.OK:
        _public_headers(response, etag, modified)
    return response


class _Recent:
    """What this process used last, by key, up to a total size.

    Every key here names what its value was built on (the tokens of an
    answer, the content of a rendering), so a copy kept here is as current
    as the shared cache's: a change makes new keys. It spares fetching (and
    unpickling) a large page, or a thousand notes, on every use.
    """

    def __init__(self, max_bytes: int, size: Callable[[Any], int]) -> None:
        self.max_bytes = max_bytes
        self.measure = size
        self.size = 0
        self.values: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            found = self.values.get(key)
            if found is None:
                return None
            self.values.move_to_end(key)
            return found[0]

    def get_many(self, keys: Iterable[Hashable]) -> dict[Hashable, Any]:
        """The values held for ``keys``, one lock for all of them."""
        found: dict[Hashable, Any] = {}
        with self.lock:
            for key in keys:
                entry = self.values.get(key)
                if entry is not None:
                    self.values.move_to_end(key)
                    found[key] = entry[0]
        return found

    def put(self, key: Hashable, value: Any) -> None:
        self.put_many({key: value})

    def put_many(self, values: Mapping[Hashable, Any]) -> None:
        sized = [(key, value, self.measure(value)) for key, value in values.items()]
        with self.lock:
            for key, value, size in sized:
                if size > self.max_bytes // 4 or key in self.values:
                    continue
                self.values[key] = (value, size)
                self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self.values.popitem(last=False)
                self.size -= dropped


_recent = _Recent(max_bytes=32 * 1024 * 1024, size=lambda answer: len(answer[2]))


def _rendering_size(value: Any) -> int:
    # A rendering is text or a tuple of texts (None for "nothing"); anything
    # else kept (a story, an agency, a claim's API answer) counts as pickled.
    if value is None or isinstance(value, str | bytes):
        return len(value or "") + 64
    if isinstance(value, tuple) and all(
        part is None or isinstance(part, str | bytes) for part in value
    ):
        return sum(len(part or "") for part in value) + 64
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


_renderings = _Recent(max_bytes=64 * 1024 * 1024, size=_rendering_size)


def kept[K: Hashable, T](
    name: str,
    materials: Mapping[K, Hashable],
    produce: Callable[[list[K]], Mapping[K, T]],
) -> dict[K, T]:
    """Renderings keyed by what they are made of, each made once.

    ``materials`` maps each wanted item to everything its rendering depends
    on (a tuple of plain values whose ``repr`` is stable); ``produce`` renders
    the items found neither in this process nor in the shared cache, all in
    one call, and may leave out an item it cannot make. No token says when a rendering is stale: a change to anything
    it shows changes its material, hence its key.
    """
    if not materials:
        return {}
    (epoch,) = generations([RENDERINGS])
    local_keys = {item: (name, epoch, material) for item, material in materials.items()}
    held = _renderings.get_many(local_keys.values())
    found: dict[K, T] = {}
    missing: list[K] = []
    for item, local_key in local_keys.items():
        if local_key in held:
            found[item] = held[local_key]
        else:
            missing.append(item)
    if not missing:
        return found
    shared_keys = {
        item: KEPT
        + hashlib.blake2b(
            f"{settings.CACHE_RELEASE}\n{local_keys[item]!r}".encode(),
            digest_size=16,
        ).hexdigest()
        for item in missing
    }
    stored = cache.get_many(shared_keys.values())
    fresh = [item for item in missing if shared_keys[item] not in stored]
    made = produce(fresh) if fresh else {}
    if made:
        cache.set_many(
            {shared_keys[item]: made[item] for item in fresh},
            settings.PUBLIC_CACHE_TIMEOUT,
        )
    result: dict[K, T] = {}
    for item in missing:
        # An item ``produce`` could not make (its row is gone) is left out.
        if item in made:
            result[item] = made[item]
        elif shared_keys[item] in stored:
            result[item] = stored[shared_keys[item]]
    _renderings.put_many({local_keys[item]: result[item] for item in result})
    found.update(result)
    return found


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


def public_page(
    scopes: Scopes, also: Scopes | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Serve a reader page from the cache; ``scopes(**url_kwargs)`` names what
    it shows, ``also(**url_kwargs)`` what the parts it keeps are named by."""

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
