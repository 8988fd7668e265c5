"""Parts of pages kept by what they are made of, and what this process holds.

Parts many answers share (a claim's note, the marks on an article body) are
kept one key per part in the shared cache, each with what it was made of,
and used only while that is what the page would make it of now (``kept``);
a page rebuilt after a review renders only the parts that changed. Each
process also holds the answers (``newsroom.answers``) and parts it used
last, checked the same way. While the cache is ``bypassed`` every answer
and part is built afresh.
"""

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache

KEPT = "kept:"

# Set while the cache is bypassed: every answer and part is built afresh.
_bypass: ContextVar[bool] = ContextVar("cache_bypass", default=False)


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


class _Recent:
    """What this process used last, by key, up to a total size.

    An answer is held with the versions it was built from, a rendering with
    its material, each checked as the shared cache's copy is. So a copy kept
    here is as current as the shared cache's, and spares fetching (and
    unpickling) a large page, or a thousand notes, on every use.

    Worth it for parts (``bench/layers.py``, PostgreSQL and Redis, two runs
    on a loaded machine): without it the article page rebuilt after a
    review takes 1.36-1.53x as long at 9 claims, 1.27-1.44x at 100 and
    1.32-1.54x at 1,000 (this process's CPU: 1.69x, 1.39x, 1.25x), and the
    API's article detail after a review 1.11-1.25x at 1,000.
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

    def clear(self) -> None:
        with self.lock:
            self.values.clear()
            self.size = 0

    def put_many(self, values: Mapping[Hashable, Any]) -> None:
        sized = [(key, value, self.measure(value)) for key, value in values.items()]
        with self.lock:
            for key, value, size in sized:
                if size > self.max_bytes // 4:
                    continue
                # A new value for a key replaces the one it supersedes.
                old = self.values.pop(key, None)
                if old is not None:
                    self.size -= old[1]
                self.values[key] = (value, size)
                self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self.values.popitem(last=False)
                self.size -= dropped


answers = _Recent(
    max_bytes=32 * 1024 * 1024,
    size=lambda answer: len(answer.content) + len(answer.gzipped),
)
# The scopes each answer depends on, by its key: known after the answer is
# let go, so its next read fetches it with its versions (``newsroom.answers``).
answer_scopes = _Recent(
    max_bytes=4 * 1024 * 1024, size=lambda scopes: 64 + sum(map(len, scopes))
)


def _rendering_size(entry: Any) -> int:
    # A rendering is text or a tuple of texts (None for "nothing"); anything
    # else kept (a story, an agency, a claim's API answer) counts as pickled.
    # Its material is counted with it.
    return _value_size(entry[1]) + len(repr(entry[0]))


def _value_size(value: Any) -> int:
    if value is None or isinstance(value, str | bytes):
        return len(value or "") + 64
    if isinstance(value, tuple) and all(
        part is None or isinstance(part, str | bytes) for part in value
    ):
        return sum(len(part or "") for part in value) + 64
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


_renderings = _Recent(max_bytes=64 * 1024 * 1024, size=_rendering_size)


def _shared_or_made[K: Hashable, T](
    name: str,
    materials: Mapping[K, Hashable],
    missing: list[K],
    produce: Callable[[list[K]], Mapping[K, T]],
    *,
    shared: bool,
) -> dict[K, tuple[Hashable, T]]:
    """The items this process lacks: from the shared cache where it holds
    them made of the same material, else made now (and shared)."""
    keys = {
        item: f"{KEPT}{settings.CACHE_RELEASE}:{name}:{quote(str(item), safe='')}"
        for item in missing
    }
    stored = cache.get_many(list(keys.values())) if shared else {}
    fresh: list[K] = []
    result: dict[K, tuple[Hashable, T]] = {}
    for item in missing:
        entry = stored.get(keys[item])
        if entry is not None and entry[0] == materials[item]:
            result[item] = entry
        else:
            fresh.append(item)
    if fresh:
        # An item ``produce`` could not make (its row is gone) is left out.
        made = {
            item: (materials[item], value)
            for item, value in produce(fresh).items()
            if item in keys
        }
        if shared:
            cache.set_many(
                {keys[item]: entry for item, entry in made.items()},
                settings.PUBLIC_CACHE_TIMEOUT,
            )
        result.update(made)
    return result


def kept[K: Hashable, T](
    name: str,
    materials: Mapping[K, Hashable],
    produce: Callable[[list[K]], Mapping[K, T]],
    *,
    shared: bool = True,
) -> dict[K, T]:
    """Renderings kept one key per item, each with what it was made of.

    ``materials`` maps each wanted item to everything its rendering depends
    on (plain values compared for equality: versions, stored values);
    ``produce`` renders every item whose kept material differs, found
    neither in this process nor in the shared cache, all in one call, and
    may leave out an item it cannot make. No version says when a rendering
    is stale: a change to anything it shows changes its material. A new
    rendering overwrites the one it supersedes, so each item is held once.
    Parts that are never superseded, only outgrown (a log's entries), are
    kept in this process alone (``shared=False``): the shared cache would
    hold each until it expired.

    Worth it (``bench/layers.py``, two runs): with every part made each
    time a page is built, the article page rebuilt after a review takes
    1.8-2.0x as long at 9 claims, 3.2-4.4x at 100 and 11-14x at 1,000, and
    the API's article detail after a review 1.3-1.7x at 1,000; a warm page
    is served whole either way.
    """
    if not materials:
        return {}
    if is_bypassed():
        return dict(produce(list(materials)))
    held = _renderings.get_many((name, item) for item in materials)
    found: dict[K, T] = {}
    missing: list[K] = []
    for item, material in materials.items():
        entry = held.get((name, item))
        if entry is not None and entry[0] == material:
            found[item] = entry[1]
        else:
            missing.append(item)
    if not missing:
        return found
    result = _shared_or_made(name, materials, missing, produce, shared=shared)
    _renderings.put_many({(name, item): entry for item, entry in result.items()})
    found.update({item: entry[1] for item, entry in result.items()})
    return found


# What else this process remembers of the pages it made, each a function
# that forgets it (registered with ``remembered``).
_forgetters: list[Callable[[], None]] = []


def remembered(forget: Callable[[], None]) -> None:
    """Name a function dropping what a module remembers of the pages it
    made, for ``forget_local`` to call; called once, as the module loads."""
    _forgetters.append(forget)


def forget_local() -> None:
    """Drop what this process holds in memory (the shared cache was emptied)."""
    for recent in (answers, _renderings):
        recent.clear()
    for forget in _forgetters:
        forget()
