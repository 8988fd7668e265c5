"""Read replicas: anonymous reads go to a replica, everything else to the primary.

``DATABASE_REPLICA_URLS`` (comma-separated) adds the aliases ``replica_0``,
``replica_1``...; ``ReplicaRouter`` sends a read to one of them only while
``ReplicaMiddleware`` has marked the request as an anonymous GET or HEAD and
no transaction is open. Writes, signed-in users (editors see their own
changes at once) and migrations use the primary. A cached answer is built
from the primary while its data changed more recently than a replica may lag
(``newsroom.caching``), so a lagging replica never fills the cache with an
old status.
"""

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

_reads_may_lag = ContextVar("reads_may_lag", default=False)

PREFIX = "replica_"


def replica_aliases() -> list[str]:
    """The configured replicas' database aliases."""
    return [alias for alias in settings.DATABASES if alias.startswith(PREFIX)]


@contextmanager
def replica_reads(allowed: bool = True) -> Iterator[None]:
    """Within the block, reads may (or, with ``allowed=False``, may not) use a replica."""
    token = _reads_may_lag.set(allowed)
    try:
        yield
    finally:
        _reads_may_lag.reset(token)


class ReplicaRouter:
    """Anonymous reads to a random replica; writes and the rest to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not _reads_may_lag.get():
            return None
        aliases = replica_aliases()
        if not aliases or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        # Spreads reads over the replicas; nothing secret depends on the pick.
        return random.choice(aliases)  # noqa: S311

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        # Replicas hold the primary's rows: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def is_private(request: Any) -> bool:
    """Whether the request comes from a signed-in user or carries credentials."""
    user = getattr(request, "user", None)
    return bool(
        "HTTP_AUTHORIZATION" in request.META or (user and user.is_authenticated)
    )


class ReplicaMiddleware:
    """Mark anonymous GET and HEAD requests as free to read from a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or is_private(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)
