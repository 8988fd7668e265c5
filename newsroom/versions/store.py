"""Reading and replacing versions: one statement each, on the primary."""

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from newsroom.versions.models import Version

# A scope no change has touched has no row; this one is written once per
# database, so an empty version from one database never matches another's.
EPOCH = "epoch"


def bump(scopes: Iterable[str]) -> None:
    """Give each scope a new version, in the current transaction.

    One statement, scopes in a fixed order: two changes bumping the same
    scopes wait for each other rather than deadlock.
    """
    scopes = sorted(set(scopes))
    if not scopes:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = ", ".join(["(%s, %s, %s)"] * len(scopes))
    table = connection.ops.quote_name(Version._meta.db_table)
    params: list[Any] = []
    for scope in scopes:
        params += [scope, secrets.token_hex(8), now]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, token, changed_at) VALUES {rows} "  # noqa: S608 - the table's own quoted name
            "ON CONFLICT (scope) DO UPDATE "
            "SET token = excluded.token, changed_at = excluded.changed_at",
            params,
        )


def fetch(scopes: Iterable[str]) -> dict[str, tuple[str, float]]:
    """The stored version and change time of each scope that has one, and the epoch's."""
    rows = (
        Version.objects.using(DEFAULT_DB_ALIAS)
        .filter(scope__in=[*scopes, EPOCH])
        .values_list("scope", "token", "changed_at")
    )
    return {scope: (token, changed.timestamp()) for scope, token, changed in rows}


def ensure_epoch(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Give a new (or flushed) database its epoch before anything is read."""
    if using == DEFAULT_DB_ALIAS and not Version.objects.filter(scope=EPOCH).exists():
        bump([EPOCH])
