"""One store of the answers anonymous readers are given, for both ways in.

An answer is kept once per address and Accept header, with the versions it
was built from (``newsroom.caching``): in the shared cache, and in this
process's memory (``newsroom.parts.answers``), so a page this process
served last costs no transfer, only the check of its versions. The answer
first (``newsroom.front``) keeps what the whole stack sent, every header
included, and serves it before sessions and authentication; ``serve`` keeps
an answer for a request that did not come that way (a reader with a CSRF
cookie), with only its view's headers, and serves either kind with the
middleware adding the rest. A new answer overwrites the one it supersedes.
"""

import hashlib
from http import HTTPStatus
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase

from newsroom.parts import answers

ANSWER = "answer:"
# Headers an answer keeps in the cache; the middleware adds the rest each time.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class Kept(NamedTuple):
    """An answer kept for anonymous readers, one per address and Accept
    header: the versions it was built from, by scope, and what it went out
    with. ``whole``: its headers are every header the whole stack sent
    (kept by ``newsroom.front``), else only ``KEPT_HEADERS`` (by ``serve``,
    for a request the answer first did not take)."""

    stamp: tuple[str, ...]
    scopes: list[str]
    also: list[str]
    headers: list[tuple[str, str]]
    content: bytes
    throttles: tuple[Any, ...]
    whole: bool = True


def answer_key(request: HttpRequest) -> str | None:
    """Where a request's answer is kept: its address and Accept header."""
    try:
        address = request.build_absolute_uri()
    except DisallowedHost:
        return None  # the usual path refuses it
    accept = request.META.get("HTTP_ACCEPT", "")
    return ANSWER + digest(f"{settings.CACHE_RELEASE}\n{address}\n{accept}")


def held(key: str) -> Kept | None:
    """The answer kept under ``key``: from this process's memory, else from
    the shared cache (then held here)."""
    kept: Kept | None = answers.get(key)
    if kept is None:
        kept = cache.get(key)
        if kept is not None:
            answers.put(key, kept)
    return kept


def recall(key: str, stamp: tuple[str, ...]) -> Kept | None:
    """The answer kept under ``key`` if it was built from ``stamp``: from
    this process's memory, else from the shared cache (another process may
    have kept it)."""
    kept: Kept | None = answers.get(key)
    if kept is None or kept.stamp != stamp:
        kept = cache.get(key)
        if kept is None or kept.stamp != stamp:
            return None
        answers.put(key, kept)
    return kept


def keep(key: str, kept: Kept) -> None:
    """Keep an answer here and in the shared cache: it replaces the one it
    supersedes, under the same key."""
    cache.set(key, kept, settings.PUBLIC_CACHE_TIMEOUT)
    answers.put(key, kept)


def keep_rendered(response: HttpResponseBase, key: str, kept: Kept) -> None:
    """Keep a successful answer, once rendered, with its view's headers."""

    def store(rendered: HttpResponseBase) -> None:
        if (
            rendered.status_code != HTTPStatus.OK
            or rendered.cookies
            or rendered.streaming
        ):
            return
        headers = [(name, rendered[name]) for name in KEPT_HEADERS if name in rendered]
        content = rendered.content  # type: ignore[attr-defined]
        keep(key, kept._replace(headers=headers, content=content))

    if hasattr(response, "add_post_render_callback") and not getattr(
        response, "is_rendered", True
    ):
        response.add_post_render_callback(store)
    else:
        store(response)
