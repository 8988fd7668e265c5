"""A Redis cache that answers from this process's memory while Redis is away.

Cached answers are checked against the versions of what they show
(``newsroom.caching``), so whichever memory holds them, none is served once
superseded: with Redis down, pages and API answers are built from the
database and kept per process, and the API's throttle counts are counted
per process, until Redis answers again. A failed call marks Redis away for
``RETRY_SECONDS``, so a request does not wait on it call after call.

Each connection learns, as it connects, which run of which server it talks
to (``INFO``'s ``run_id`` and ``master_replid``, both new at every start of
the server, the second also when a replica is promoted): its *namespace*.
The copies of the database's versions kept in Redis
(``newsroom.versions.mirror``) are named by it, and ``exchange`` names them
by the namespace of the very connection that carries the commands, never
retrying them on another: a server restarted from an old snapshot drops
every connection, so nothing it restored under an earlier run's names can
be read as this run's.
"""

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
# What a Redis server that is down, unreachable or too slow raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _delegated(name: str) -> Callable[..., Any]:
    """The cache's method ``name``: Redis's, or local memory's while Redis is away."""

    def method(self: "ResilientRedisCache", *args: Any, **kwargs: Any) -> Any:
        return self._either(name, *args, **kwargs)

    method.__name__ = name
    return method


Command = Sequence[str | bytes | int | float]


def _learn_namespace(connection: Any) -> None:
    """On every new connection: the usual handshake, then the server's run
    (none if the server will not say: then no copy of a version is used)."""
    connection.on_connect()
    connection.newsroom_namespace = ""
    connection.send_command("INFO", "server", "replication")
    try:
        info = connection.read_response()
    except ResponseError:
        return
    fields = dict(line.split(b":", 1) for line in info.splitlines() if b":" in line)
    if b"run_id" in fields:
        connection.newsroom_namespace = (
            fields[b"run_id"].strip() + b"." + fields.get(b"master_replid", b"").strip()
        ).decode()


class _ReusedClients(RedisCacheClient):
    """Django's client, keeping one redis-py client per pool: making one
    anew for every call (Django's way) cost a quarter of a cached page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django_client: Any = self  # its pools and redis-py's client class
        pool = django_client._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = django_client._client(connection_pool=pool)
            self._clients[id(pool)] = client
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, falling back to local memory when Redis fails."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {**params.get("OPTIONS", {}), "redis_connect_func": _learn_namespace}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusedClients
        self.fallback = LocMemCache(
            f"redis-fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 5000}}
        )
        self.away_until = 0.0
        # Round trips to Redis this process began (each cache call and each
        # ``exchange``), for measures and tests to count.
        self.round_trips = 0

    def _either(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self.away_until:
            self.round_trips += 1
            method: Callable[..., Any] = getattr(super(), name)
            try:
                return method(*args, **kwargs)
            except UNREACHABLE as error:
                self._gone(error)
        return getattr(self.fallback, name)(*args, **kwargs)

    def is_away(self) -> bool:
        return time.monotonic() < self.away_until

    def exchange(
        self, build: Callable[[str], list[Command]]
    ) -> tuple[str, list[Any]] | None:
        """Send the commands ``build(namespace)`` makes in one round trip on
        one connection, named by that connection's namespace: the namespace
        and the replies, or None if Redis is away or fails (never retried on
        another connection, where the namespace could differ)."""
        if self.is_away():
            return None
        pool = self._cache.get_client(write=True).connection_pool
        try:
            connection: Any = pool.get_connection()
        except UNREACHABLE as error:
            self._gone(error)
            return None
        try:
            namespace = connection.newsroom_namespace
            if not namespace:
                return None
            commands = build(namespace)
            self.round_trips += 1
            connection.send_packed_command(connection.pack_commands(commands))
            replies = []
            for _ in commands:
                try:
                    replies.append(connection.read_response())
                except ResponseError as error:
                    replies.append(error)
        except UNREACHABLE as error:
            connection.disconnect()
            self._gone(error)
            return None
        finally:
            pool.release(connection)
        return namespace, replies

    def _gone(self, error: BaseException) -> None:
        self.away_until = time.monotonic() + RETRY_SECONDS
        logger.warning("Redis unreachable (%s): using local memory", error)

    add = _delegated("add")
    get = _delegated("get")
    set = _delegated("set")
    touch = _delegated("touch")
    delete = _delegated("delete")
    get_many = _delegated("get_many")
    has_key = _delegated("has_key")
    incr = _delegated("incr")
    set_many = _delegated("set_many")
    delete_many = _delegated("delete_many")

    def clear(self) -> Any:
        self.fallback.clear()
        return self._either("clear")
