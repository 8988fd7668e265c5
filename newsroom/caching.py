"""Public pages and API reads served from the cache, and never stale.

Every cacheable answer depends on a few *scopes* named from its URL alone
(``article:<slug>``, ``agency:<slug>``, ``claim:<pk>``, ``lists``). Each
scope has a version in the database (``newsroom.versions``): an integer
that only grows, which the service making a change raises in the change's
own transaction (``newsroom.dependencies.retire``), so a version and the
data it stands for commit or roll back together.

A cached answer is kept under one key for its address and Accept header,
with the versions it was built from (``newsroom.answers``). A read takes
the versions and the answer (from this process's memory, else from the
cache in the same round trip: ``answers.recall``), and serves it only if
they match; otherwise it builds the answer and overwrites it. So a
superseded answer is gone once the next read replaces it.

Where the versions come from depends on the cache
(``newsroom.versions.reading``). With Redis, from the copies Redis keeps
of them (``newsroom.versions.mirror``), in one round trip and no query; a
copy that is missing, or marked by a change under way, sends the read to
the database, which it then copies. The copies are
named by the Redis server's run, so a Redis restored from an old snapshot
holds none that is read. Without Redis (each process with a memory of its
own), from the database, with one query: several processes stay correct,
each checking the database's versions.
The ETag is a hash of the address and the versions, Last-Modified the time
of the newest change: a conditional request is answered 304 from the
versions alone. Only anonymous GET and HEAD requests are served from the
cache; any other request runs the view and is marked private.

Stories and corrections may be scheduled: they turn public at a time, with
nothing run then. The same read takes the latest scheduled moment already
past and the next one (the ``schedule`` row, and its copy in Redis, worked
out again from the database once its next moment comes: a copy whose next
moment has passed is not used), which every answer's versions include, so
when one passes every answer and kept part is named anew; and no browser or
CDN is told to keep an answer past the next moment. A change of a text
scheduled ahead is made by the first read after its moment, before it
answers (``watch_schedule``'s ``due``); the change retires what it touches,
as any edit does.

Parts of a page that many answers share (a claim's note, the marks on an
article body) are kept by what they are made of (``newsroom.parts``).
"""

import math
import time
from collections.abc import Callable, Iterable
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.answers import (
    KEPT_HEADERS,
    Kept,
    answer_key,
    digest,
    keep_rendered,
    plain,
    recall,
)
from newsroom.parts import is_bypassed
from newsroom.replicas import is_private, replica_reads
from newsroom.versions import store
from newsroom.versions.reading import (
    Read,
    begun_with,
    catch_up,
    generations,
    next_moment,
    read_versions,
)
from newsroom.versions.store import Moments

__all__ = ["Read", "begun_with", "catch_up", "generations", "read_versions"]

Scopes = Callable[..., Iterable[str]]


def watch_schedule(
    source: Callable[[], Moments], due: Callable[[], int] | None = None
) -> None:
    """Name the function giving the latest scheduled moment past and the next
    one (``articles.schedule.moments``), and the work due at a moment
    (``articles.scheduled_edits.make_due_changes``); called once, from an
    app's ``ready``."""
    store.watch_schedule(source, due)


def bump(scopes: Iterable[str]) -> None:
    """Give each scope a new version in the current transaction (services
    retire through ``newsroom.dependencies.retire``, which calls this)."""
    store.bump(scopes)


def reschedule() -> None:
    """Store when scheduled stories go out anew, in the current transaction:
    a story or correction was scheduled, published, unpublished or lifted."""
    store.store_schedule(store.moments)


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


def public_ages() -> tuple[int, int]:
    """How long browsers, then shared caches, may keep a public answer now
    (``max-age``, ``s-maxage``)."""
    max_age, s_maxage = settings.PUBLIC_CACHE_MAX_AGE, settings.PUBLIC_CACHE_S_MAXAGE
    coming = next_moment()
    if coming is not None:
        # Nobody keeps an answer past the moment a scheduled story goes out.
        left = max(0, math.ceil(coming - time.time()))
        max_age, s_maxage = min(max_age, left), min(s_maxage, left)
    return max_age, s_maxage


def public_cache_control(response: HttpResponseBase, ages: tuple[int, int]) -> None:
    """Mark ``response`` public, to be kept for ``ages`` (``public_ages``)."""
    max_age, s_maxage = ages
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=s_maxage)


def _public_headers(
    response: HttpResponseBase, etag: str, modified: int | None
) -> None:
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    public_cache_control(response, public_ages())


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
    versions the parts ``produce`` keeps are named by, read in the same query.
    """
    response: HttpResponseBase
    if request.method not in ("GET", "HEAD") or is_private(request):
        response = produce()
        return private(response) if request.method in ("GET", "HEAD") else response
    scopes, also = list(scopes), list(also)
    taken = read_versions([*scopes, *also])
    stamp = tuple(taken[scope][0] for scope in scopes)
    newest = max(taken[scope][1] for scope in scopes)
    # Absolute: pages and API answers carry links with the host.
    address = digest(
        f"{settings.CACHE_RELEASE}\n{request.build_absolute_uri()}\n{_variant(request)}"
    )
    etag = f'"{digest(address + repr(stamp))}"'
    modified = _last_modified(newest)
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    origin = getattr(request, "_request", request)
    # What the answer first checks to serve it again (and to send it encoded).
    public = Kept(stamp, scopes, also, [], b"", _throttles(request))
    if not_modified is not None:
        _public_headers(not_modified, etag, modified)
        origin.public_answer = public
        return not_modified
    # An anonymous reader's answer is looked up and kept by the answer
    # first (``newsroom.front``), with the headers it goes out with: then
    # its key is not needed here.
    handled = is_bypassed() or getattr(origin, "answer_first", False)
    sought = is_bypassed() or getattr(origin, "answer_sought", False)
    key = None if handled and sought else answer_key(origin)
    stored = None if sought or key is None else recall(key, whole=False, taken=taken)[0]
    if stored is not None and key is not None:
        response = HttpResponse(plain(key, stored))
        for name, value in stored.headers:
            if name in KEPT_HEADERS:
                response[name] = value
    else:
        response = _produced(produce, taken, newest)
        if not handled and key is not None:
            keep_rendered(
                response, key, Kept(stamp, scopes, also, [], b"", (), whole=False)
            )
    if response.status_code == HTTPStatus.OK:
        _public_headers(response, etag, modified)
        origin.public_answer = public
    return response


def _produced(
    produce: Callable[[], HttpResponseBase], taken: dict[str, Read], newest: float
) -> HttpResponseBase:
    """``produce``'s answer, rendered, every part it keeps named by the
    versions ``taken`` (read before it)."""
    # Data this new may not have reached a replica yet: read the primary.
    late = time.time() - newest > settings.REPLICA_MAX_LAG
    with begun_with(taken), replica_reads(late):
        response = produce()
        # A template reads its querysets as it renders: render it here.
        # (An API answer's data is read already; the view renders it.)
        if isinstance(response, TemplateResponse):
            response.render()
    return response


def _throttles(request: Any) -> tuple[Any, ...]:
    """The throttles of the API view answering ``request`` (none for a page),
    with the scope they count in."""
    view = getattr(request, "parser_context", {}).get("view")
    if view is None:
        return ()
    scope = getattr(view, "throttle_scope", None)
    return tuple((type(throttle), scope) for throttle in view.get_throttles())


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
