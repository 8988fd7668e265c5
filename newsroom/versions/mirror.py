"""The database's versions copied into Redis, so a read needs no query.

The database holds every scope's version (``newsroom.versions.store``): an
integer that only grows, replaced in the transaction of each change. With
Redis as the cache, each version is also kept there, one key per scope,
named by the namespace of the connection (``newsroom.cachebackend``: the
server's run), and a read takes its versions from Redis in the same round
trip as the rest, without asking the database. The copies follow three
rules, each kept by a script Redis runs whole:

- *A copy never goes back.* Writers copy a version after their commit and
  readers copy what they read from the database; either may arrive late,
  so a copy replaces only an older version (``COPY``).
- *A change marks its scopes first.* Inside its transaction, before the
  commit, a change marks each scope with the version to come (``MARK``); a
  read that finds a mark reads the database, and copies what it reads only
  if it is at least the version to come. So between the commit and the
  copy, and forever if the process dies there, readers ask the database.
  A change that rolls back leaves its marks, which expire after
  ``MARK_SECONDS`` (reads of those scopes ask the database until then).
- *A copy lasts ``COPY_SECONDS``*: past it the next read asks the database.

What no rule covers: a process that cannot reach Redis while it commits a
change (its marks and its copy fail) while other processes still can, and
that dies before it reaches Redis again. It owes the copy (``_owed``) and
pays it with its next exchange with Redis; dead, it pays nothing, and
readers elsewhere may serve the answers the change superseded for at most
``COPY_SECONDS``. A restore of the *database* from a backup leaves Redis
ahead of it: flush Redis after one (docs/deploy.md).

A server restarted from an old snapshot holds versions under its previous
run's names, which no connection to the new run uses: every read asks the
database once and copies what it finds.
"""

import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from newsroom.cachebackend import Command, ResilientRedisCache

Row = tuple[int, float, float | None]
Found = dict[str, Row]
# Commands to send, made from the connection's namespace.
Commands = Callable[[str], list[Command]]

COPY_SECONDS = 30
MARK_SECONDS = 60
# A reader copies what it read only this soon after reading it: a copy it
# read before a change, held up past the change's own copy expiring, would
# otherwise bring the old version back.
FRESH_SECONDS = 1.0

_COPY = """
local written = 0
for i, key in ipairs(KEYS) do
  local value = ARGV[i + 1]
  local version = tonumber(string.match(value, '^%d+'))
  local current = redis.call('GET', key)
  local newer = true
  if current then
    newer = version >= tonumber(string.match(current, '%d+'))
  end
  if newer then
    redis.call('SET', key, value, 'PX', ARGV[1])
    written = written + 1
  end
end
return written
"""

_MARK = """
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if not current or tonumber(string.match(current, '%d+')) < tonumber(ARGV[i + 1]) then
    redis.call('SET', key, 'p' .. ARGV[i + 1], 'PX', ARGV[1])
  end
end
return 0
"""

_owed: Found = {}
_owed_lock = threading.Lock()


def _redis() -> ResilientRedisCache | None:
    """The cache, if it is Redis."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return backend if isinstance(backend, ResilientRedisCache) else None


def active() -> bool:
    """Whether versions are kept in Redis too."""
    return _redis() is not None


def _key(namespace: str, scope: str) -> str:
    return cache.make_key(f"version:{namespace}:{scope}")


def _value(row: Row) -> str:
    version, changed, until = row
    return f"{version} {changed!r} {'-' if until is None else repr(until)}"


def _row(value: bytes | None) -> Row | None:
    """A copied version, or None for no copy or a mark."""
    if value is None or value.startswith(b"p"):
        return None
    version, changed, until = value.split()
    return int(version), float(changed), None if until == b"-" else float(until)


def _script(source: str, keys: list[str], args: list[str]) -> Command:
    return ("EVAL", source, len(keys), *keys, *args)


def _copy_command(namespace: str, found: Found) -> Command:
    scopes = sorted(found)
    return _script(
        _COPY,
        [_key(namespace, scope) for scope in scopes],
        [str(COPY_SECONDS * 1000), *(_value(found[scope]) for scope in scopes)],
    )


def _owed_now() -> Found:
    with _owed_lock:
        return dict(_owed)


def _paid(paid: Found) -> None:
    with _owed_lock:
        for scope, row in paid.items():
            if _owed.get(scope) == row:
                del _owed[scope]


def _owe(found: Found) -> None:
    with _owed_lock:
        for scope, row in found.items():
            if scope not in _owed or _owed[scope][0] < row[0]:
                _owed[scope] = row


def _exchange(
    redis: ResilientRedisCache, build: Callable[[str], list[Command]]
) -> tuple[str, list[Any]] | None:
    """``build(namespace)``'s commands after the copies this process owes."""
    owed = _owed_now()

    def commands(namespace: str) -> list[Command]:
        return ([_copy_command(namespace, owed)] if owed else []) + build(namespace)

    done = redis.exchange(commands)
    if done is None:
        return None
    namespace, replies = done
    if owed:
        if not isinstance(replies[0], Exception):
            _paid(owed)
        replies = replies[1:]
    return namespace, replies


def read(
    scopes: list[str], commands: Commands | None = None
) -> tuple[Found | None, list[Any] | None]:
    """The copied version of each scope, with one round trip, or None if
    one has none (or a mark, or Redis is away): then read the database.
    ``commands(namespace)``, if given, go in the same round trip: their
    replies come second (None without Redis, or if it failed)."""
    redis = _redis()
    if redis is None:
        return None, None
    done = _exchange(
        redis,
        lambda namespace: [
            ("MGET", *(_key(namespace, s) for s in scopes)),
            *(commands(namespace) if commands else []),
        ],
    )
    if done is None:
        return None, None
    replies = done[1][1:] if commands else None
    if isinstance(done[1][0], Exception):
        return None, replies
    found: Found = {}
    for scope, value in zip(scopes, done[1][0], strict=True):
        row = _row(value)
        if row is None:
            return None, replies
        found[scope] = row
    return found, replies


def send(commands: Commands) -> list[Any] | None:
    """Send ``commands(namespace)`` to Redis in one round trip: their
    replies, or None without Redis (or if it failed)."""
    redis = _redis()
    done = None if redis is None else _exchange(redis, commands)
    return None if done is None else done[1]


def copy(found: Found, read_at: float) -> None:
    """Copy versions a reader read from the database at ``read_at``
    (``time.monotonic()``), outside any transaction: committed ones."""
    redis = _redis()
    if (
        redis is None
        or not found
        or connections[DEFAULT_DB_ALIAS].in_atomic_block
        or time.monotonic() - read_at > FRESH_SECONDS
    ):
        return
    _exchange(redis, lambda namespace: [_copy_command(namespace, found)])


def announce(found: Found) -> None:
    """A change gives ``found``'s scopes these versions in the current
    transaction: mark them now, copy them once it commits (or owe them)."""
    redis = _redis()
    if redis is None or not found:
        return
    scopes = sorted(found)

    def mark(namespace: str) -> list[Command]:
        keys = [_key(namespace, scope) for scope in scopes]
        versions = [str(found[scope][0]) for scope in scopes]
        return [_script(_MARK, keys, [str(MARK_SECONDS * 1000), *versions])]

    _exchange(redis, mark)

    def copy_committed() -> None:
        done = _exchange(redis, lambda namespace: [_copy_command(namespace, found)])
        if done is None or isinstance(done[1][0], Exception):
            _owe(found)

    transaction.on_commit(copy_committed)
