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

Its body is compressed once, as it is kept (gzip, as Django's
``GZipMiddleware`` does), and Redis holds only the compressed body: a
reader that takes gzip is sent those bytes, one that does not gets them
decompressed (once per process, then held). In Redis each answer starts
with its tag (what it was built from), sent back only if this process
holds another (``_FETCH``); ``recall`` reads an answer this process does
not hold in the same round trip as the versions it depends on.
"""

import gzip
import hashlib
import pickle
from http import HTTPStatus
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase
from django.utils.text import compress_string

from newsroom.cachebackend import Command
from newsroom.parts import answer_scopes, answers
from newsroom.versions import mirror
from newsroom.versions.reading import Read, read_together, read_versions

ANSWER = "answer:"
# Marks an address asked for whose answer is kept only once asked again.
ASKED = "asked:"
# Headers an answer keeps in the cache; the middleware adds the rest each time.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")
# An answer shorter than this is sent as it is (as GZipMiddleware does).
SHORTEST_COMPRESSED = 200
# How an answer's tag starts, and its length: it opens the answer in Redis.
_TAG = "a1"
_TAG_LENGTH = len(_TAG) + 32
# The answer under KEYS[1], unless it opens with ARGV[1], the tag of the one
# the reader holds already: then 1. With none, and ARGV[2] (milliseconds),
# KEYS[2] marks the address as asked for: 2 if it was not yet.
_FETCH = """
local tag = ARGV[1]
if tag ~= '' and redis.call('GETRANGE', KEYS[1], 0, #tag - 1) == tag then
  return 1
end
local found = redis.call('GET', KEYS[1])
if not found and ARGV[2] ~= '' then
  if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then
    return 2
  end
end
return found
"""
# _FETCH's replies other than an answer.
_HELD, _FIRST_ASKED = 1, 2


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class Kept(NamedTuple):
    """An answer kept for anonymous readers, one per address and Accept
    header: the versions it was built from, by scope, and what it went out
    with. ``whole``: its headers are every header the whole stack sent
    (kept by ``newsroom.front``), else only ``KEPT_HEADERS`` (by ``serve``,
    for a request the answer first did not take). ``gzipped``: the body
    compressed, empty if not worth it; then ``content`` is the body, else it
    may be empty (the shared cache's copy), see ``plain``."""

    stamp: tuple[str, ...]
    scopes: list[str]
    also: list[str]
    headers: list[tuple[str, str]]
    content: bytes
    throttles: tuple[Any, ...]
    whole: bool = True
    gzipped: bytes = b""
    # The headers it goes out with (``whole`` only): as it is, and to a
    # reader that takes gzip (``newsroom.front``).
    sent: tuple[list[tuple[str, str]], ...] = ()

    @property
    def tag(self) -> str:
        """What it was built from: two answers with one tag serve alike."""
        return _TAG + digest(repr((self.stamp, self.whole)))

    @property
    def wanted(self) -> list[str]:
        """The scopes whose versions say whether it stands."""
        return [*self.scopes, *self.also]


# Pages whose answers are kept only once their address is asked for again,
# by path, as their views said in this process (``keep_when_asked_again``).
asked_again_paths: set[str] = set()
# What ``_shared`` finds at an address never asked for before.
_UNASKED = Kept((), [], [], [], b"", ())


def answer_key(request: HttpRequest) -> str | None:
    """Where a request's answer is kept: its address and Accept header."""
    try:
        address = request.build_absolute_uri()
    except DisallowedHost:
        return None  # the usual path refuses it
    accept = request.META.get("HTTP_ACCEPT", "")
    return ANSWER + digest(f"{settings.CACHE_RELEASE}\n{address}\n{accept}")


def _stands(kept: Kept | None, taken: dict[str, Read], whole: bool) -> bool:
    """Whether ``kept`` was built from the versions ``taken`` (and holds
    every header, if ``whole``)."""
    return (
        kept is not None
        and (kept.whole or not whole)
        and tuple(taken.get(scope, ("",))[0] for scope in kept.scopes) == kept.stamp
    )


def _fetch(key: str, held: Kept | None, mark: bool = False) -> mirror.Commands:
    tag = "" if held is None else held.tag
    marked = str(settings.PUBLIC_CACHE_TIMEOUT * 1000) if mark else ""

    def commands(namespace: str) -> list[Command]:
        asked = cache.make_key(ASKED + key)
        return [("EVAL", _FETCH, 2, cache.make_key(key), asked, tag, marked)]

    return commands


def _shared(key: str, replies: list[Any] | None, held: Kept | None) -> Kept | None:
    """The shared cache's answer under ``key`` from ``replies`` (``held``
    if it is the same); without Redis, from the cache."""
    if replies is None:
        # With Redis away, only this process's memory holds answers.
        return None if mirror.active() else cache.get(key)
    reply = replies[0]
    if reply == _HELD:
        return held
    if reply == _FIRST_ASKED:
        return _UNASKED
    if not isinstance(reply, bytes) or not reply.startswith(_TAG.encode()):
        return None
    kept: Kept = pickle.loads(reply[_TAG_LENGTH:])  # noqa: S301 - our own, as Django's cache
    return kept


def recall(
    key: str, *, whole: bool, taken: dict[str, Read] | None = None
) -> tuple[Kept | None, dict[str, Read] | None]:
    """The answer kept under ``key`` if it stands on the versions read now
    (``taken``, else read here), holding every header if ``whole``; and the
    versions read (None if none was).

    From this process's memory, checked with one round trip to Redis for
    the versions; else from the shared cache, in the same round trip as the
    versions if this process knows which they are (it held the answer
    before), else with one round trip more. A superseded answer held here
    costs one round trip more, to fetch the shared cache's."""
    found = recall_first(key, whole=whole, taken=taken)
    return found.kept, found.taken


class Recalled(NamedTuple):
    """What ``recall_first`` found: the answer that stands (or None), the
    versions read (None if none was), whether the address was never
    asked for before (known only when marking was asked), and whether an
    answer was kept that no longer stands."""

    kept: Kept | None
    taken: dict[str, Read] | None
    unasked: bool = False
    superseded: bool = False


def recall_first(
    key: str,
    *,
    whole: bool,
    taken: dict[str, Read] | None = None,
    likely: str | None = None,
    mark: bool = False,
) -> Recalled:
    """As ``recall``; ``likely`` is where ``answer_scopes`` keeps the scopes
    the answer likely depends on (another address of the same page's),
    looked up only when this process knows none of the answer's own and
    read in the same round trip as the answer; with ``mark``,
    an address with no answer kept is marked as asked for, and said to
    have been asked for the first time if it was not marked yet."""
    held: Kept | None = answers.get(key)
    if taken is None and held is not None:
        taken = read_versions(held.wanted)
    if taken is not None and _stands(held, taken, whole):
        return Recalled(held, taken)
    wanted = answer_scopes.get(key) or (
        answer_scopes.get(likely) if likely is not None else None
    )
    if taken is None and wanted is not None:
        taken, replies = read_together(wanted, _fetch(key, held, mark))
    else:
        replies = mirror.send(_fetch(key, held, mark))
    kept = _shared(key, replies, held)
    if kept is _UNASKED:
        return Recalled(None, taken, unasked=True)
    if kept is None or kept is held:
        return Recalled(None, taken, superseded=held is not None)
    answer_scopes.put(key, kept.wanted)
    if taken is None or any(scope not in taken for scope in kept.wanted):
        taken = {**(taken or {}), **read_versions(kept.wanted)}
    if not _stands(kept, taken, whole):
        return Recalled(None, taken, superseded=True)
    answers.put(key, kept)
    return Recalled(kept, taken)


def keep_when_asked_again(request: HttpRequest) -> None:
    """Keep the answer to ``request`` for other readers only if its address
    was asked for before: a page most addresses of which are asked for once
    (a search: a new one's answer, kept, was seldom served again, and
    keeping it cost each a tenth of its time). What the page keeps
    otherwise (its parts) is unchanged; with Redis only."""
    origin: Any = getattr(request, "_request", request)
    origin.keep_when_asked_again = True
    asked_again_paths.add(origin.path)


def plain(key: str, kept: Kept) -> bytes:
    """``kept``'s body as it is, decompressed if need be (and then held)."""
    if kept.content or not kept.gzipped:
        return kept.content
    content = gzip.decompress(kept.gzipped)
    answers.put(key, kept._replace(content=content))
    return content


def compressed(kept: Kept) -> Kept:
    """``kept`` with its body compressed, if it is worth it."""
    if kept.gzipped or len(kept.content) < SHORTEST_COMPRESSED:
        return kept
    # Once, and the same bytes each time: a kept answer holds no secret to
    # hide behind random bytes (GZipMiddleware's defence against BREACH).
    smaller = compress_string(kept.content)
    return kept._replace(gzipped=smaller) if len(smaller) < len(kept.content) else kept


def keep(key: str, kept: Kept) -> Kept:
    """Keep an answer here and in the shared cache, compressed: it replaces
    the one it supersedes, under the same key. What is kept is returned."""
    kept = compressed(kept)
    answers.put(key, kept)
    answer_scopes.put(key, kept.wanted)
    shared = kept._replace(content=b"") if kept.gzipped else kept
    if not mirror.active():
        cache.set(key, shared, settings.PUBLIC_CACHE_TIMEOUT)
        return kept
    value = kept.tag.encode() + pickle.dumps(shared, pickle.HIGHEST_PROTOCOL)
    timeout = str(settings.PUBLIC_CACHE_TIMEOUT * 1000)
    # Should Redis fail, this process's memory holds it still.
    mirror.send(lambda _: [("SET", cache.make_key(key), value, "PX", timeout)])
    return kept


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
