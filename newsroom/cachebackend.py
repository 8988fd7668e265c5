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

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._either("delete_many", *args, **kwargs)

    def clear(self) -> Any:
        self.fallback.clear()
        return self._either("clear")
