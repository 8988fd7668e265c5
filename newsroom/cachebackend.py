"""A Redis cache that answers from this process's memory while Redis is away.

Cached answers are checked against the database's versions
(``newsroom.caching``), so whichever memory holds them, none is served once
superseded: with Redis down, pages and API answers are built from the
database and kept per process, and the API's throttle counts are counted
per process, until Redis answers again. A failed call marks Redis away for
``RETRY_SECONDS``, so a request does not wait on it call after call.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
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


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, falling back to local memory when Redis fails."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.fallback = LocMemCache(
            f"redis-fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 5000}}
        )
        self.away_until = 0.0

    def _either(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self.away_until:
            method: Callable[..., Any] = getattr(super(), name)
            try:
                return method(*args, **kwargs)
            except UNREACHABLE as error:
                self.away_until = time.monotonic() + RETRY_SECONDS
                logger.warning("Redis unreachable (%s): using local memory", error)
        return getattr(self.fallback, name)(*args, **kwargs)

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
