"""The versions a public read takes: from Redis's copies, else the database.

With Redis, from the copies Redis keeps of them (``newsroom.versions.mirror``),
in one round trip and no query, which may carry other commands of the read
too (``read_together``: the answer kept for it); a copy that is missing, or
marked by a change under way, sends the read to the database, which it then
copies. Without Redis, from the database, with one query. Each version read
comes with the database's epoch and the latest scheduled moment past
(``newsroom.caching`` says why).
"""

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from newsroom.versions import mirror, store
from newsroom.versions.store import EPOCH, SCHEDULE, Moments

# A scope's version as read: its stamp (the database's epoch, its token and
# the latest scheduled moment past) and when it last changed.
Read = tuple[str, float]
# The versions a public read took as it began, by scope (see ``begun_with``).
_read: ContextVar[dict[str, Read] | None] = ContextVar("read_versions", default=None)

# The schedule the last read in this context saw.
_seen_schedule: ContextVar[Moments | None] = ContextVar("seen_schedule", default=None)
# Whether a read in this context may take Redis's copies only (``copies_only``).
_copies_only: ContextVar[bool] = ContextVar("copies_only", default=False)


class NotCopied(Exception):
    """A read inside ``copies_only`` needed the database."""


def _schedule(found: store.Found) -> tuple[Moments, bool]:
    """The schedule as stored, or worked out again once its next moment has
    come; and whether it was worked out again."""
    row = found.get(SCHEDULE)
    if row is not None and store.is_current(row):
        moments: Moments = (row[1], row[2])
        _seen_schedule.set(moments)
        return moments, False
    moments = store.refresh_schedule(store.moments, row[0] if row else None)
    _seen_schedule.set(moments)
    return moments, True


def _found(
    scopes: list[str], commands: mirror.Commands | None = None
) -> tuple[store.Found, list[Any] | None]:
    """The version of each scope, the epoch's and the schedule's: copied in
    Redis (one round trip, ``mirror``, with ``commands``' replies), else read
    from the database with one query (and copied to Redis)."""
    wanted = list(dict.fromkeys([*scopes, EPOCH, SCHEDULE]))
    found, replies = mirror.read(wanted, commands)
    if found is not None:
        until = found[SCHEDULE][2]
        if until is None or time.time() < until:
            _seen_schedule.set((found[SCHEDULE][1], until))
            return found, replies
    if _copies_only.get():
        raise NotCopied
    read_at = time.monotonic()
    found = store.fetch(scopes)
    if EPOCH not in found:
        store.ensure_epoch()
        found = store.fetch(scopes)
    if store.do_due_work(found):
        # What was due changed stories: read the versions it gave them.
        found = store.fetch(scopes)
    _, refreshed = _schedule(found)
    # A scope no change touched has version 0 until one does.
    found = {scope: found.get(scope, (0, 0.0, None)) for scope in wanted}
    if refreshed:
        del found[SCHEDULE]  # copied by the refresh itself, newer
    mirror.copy(found, read_at)
    return found, replies


def read_together(
    scopes: Iterable[str], commands: mirror.Commands | None
) -> tuple[dict[str, Read], list[Any] | None]:
    """Each scope's stamp and the time it last changed (0 if never), and the
    replies to ``commands``, sent with the versions' read in one round trip
    to Redis (None without Redis, or if it failed)."""
    scopes = list(scopes)
    found, replies = _found(scopes, commands)
    passed = _seen_schedule.get() or (0.0, None)
    epoch = found[EPOCH][0]
    read: dict[str, Read] = {}
    for scope in scopes:
        version, changed, _until = found[scope]
        read[scope] = (f"{epoch}.{version}@{passed[0]:.6f}", max(changed, passed[0]))
    return read, replies


def read_versions(scopes: Iterable[str]) -> dict[str, Read]:
    """Each scope's stamp and the time it last changed (0 if never), with one
    round trip to Redis or one query on the primary; inside a public read,
    the versions it began with."""
    scopes = list(scopes)
    taken = _read.get()
    if taken is not None and all(scope in taken for scope in scopes):
        return {scope: taken[scope] for scope in scopes}
    return read_together(scopes, None)[0]


def catch_up() -> None:
    """Make what came due at a scheduled moment (``watch_schedule``) before a
    read the cache does not serve, such as a partner's, as a cached read does."""
    read_versions(())


def generations(scopes: Iterable[str]) -> list[str]:
    """The stamp of each scope (see ``read_versions``), in order."""
    scopes = list(scopes)
    read = read_versions(scopes)
    return [read[scope][0] for scope in scopes]


def next_moment() -> float | None:
    """When the next scheduled story or correction turns public, if any."""
    seen = _seen_schedule.get()
    if seen is None or (seen[1] is not None and time.time() >= seen[1]):
        _found([])
        seen = _seen_schedule.get()
    return seen[1] if seen is not None else None


@contextmanager
def copies_only() -> Iterator[None]:
    """Read versions from Redis's copies only: a read that needs the
    database (no Redis, a copy missing or marked, a scheduled moment come)
    raises ``NotCopied`` instead, for a caller outside Django's request
    cycle, which must not touch the database (``newsroom.front``'s door)."""
    token = _copies_only.set(True)
    try:
        yield
    finally:
        _copies_only.reset(token)


@contextmanager
def begun_with(taken: dict[str, Read]) -> Iterator[None]:
    """Read the versions ``taken`` (read as the request began) for the scopes
    they hold, instead of reading them again."""
    token = _read.set(taken)
    try:
        yield
    finally:
        _read.reset(token)
