"""Reading and replacing versions: one statement each, on the primary.

A scope's version is an integer that only grows: a change gives it the
current time in microseconds, or one more than it held if that is larger
(a clock set back). So a version is never given twice, not even by a
database restored from a backup or one made anew, and Redis's copies
(``newsroom.versions.mirror``) can keep the largest they are sent.
"""

import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from newsroom.statements import Statement
from newsroom.versions import mirror
from newsroom.versions.models import Version

# A scope no change has touched has no row; this one is written once per
# database, so an empty version from one database never matches another's.
EPOCH = "epoch"
# When scheduled stories go out (see ``Version``).
SCHEDULE = "schedule"

Found = mirror.Found
Moments = tuple[float, float | None]

_schedule_source: list[Callable[[], Moments]] = []
_due_work: list[Callable[[], int]] = []
# Set while the work due at a moment runs.
_doing_due: ContextVar[bool] = ContextVar("doing_due", default=False)


def watch_schedule(
    source: Callable[[], Moments], due: Callable[[], int] | None = None
) -> None:
    """Name the function giving the latest scheduled moment past and the next
    one (``articles.schedule.moments``), and the work due once a moment has
    come (``articles.scheduled_edits.make_due_changes``: how many changes it
    made); called once, from an app's ``ready``."""
    _schedule_source[:] = [source]
    _due_work[:] = [due] if due is not None else []


def is_current(row: tuple[int, float, float | None]) -> bool:
    """Whether a stored schedule's next moment is still ahead."""
    return row[2] is None or time.time() < row[2]


def do_due_work(found: Found) -> bool:
    """Once the stored schedule's next moment has come, do what is due then
    (a change of a text scheduled ahead is made), before anything is read;
    whether that changed anything. The work's own reads do not start it again."""
    row = found.get(SCHEDULE)
    if not _due_work or (row is not None and is_current(row)) or _doing_due.get():
        return False
    token = _doing_due.set(True)
    try:
        return _due_work[0]() > 0
    finally:
        _doing_due.reset(token)


def moments() -> Moments:
    """The schedule worked out now (none without a source)."""
    return _schedule_source[0]() if _schedule_source else (0.0, None)


def _upsert(
    rows: list[tuple[str, datetime, datetime | None]],
    when: str,
    when_params: tuple[Any, ...] = (),
) -> Found:
    """Give each scope a new version, in one statement, scopes in a fixed
    order: two changes to the same scopes wait for each other rather than
    deadlock. ``when`` is an extra condition on replacing (SQL), or empty.
    The rows written, announced to Redis (``mirror.announce``)."""
    if not rows:
        return {}
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(Version._meta.db_table)
    now = time.time_ns() // 1000
    params: list[Any] = []
    for scope, changed, until in sorted(rows):
        params += [
            scope,
            now,
            connection.ops.adapt_datetimefield_value(changed),
            connection.ops.adapt_datetimefield_value(until),
        ]
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, version, changed_at, holds_until) VALUES {values} "  # noqa: S608 - the table's own quoted name
            "ON CONFLICT (scope) DO UPDATE SET version = CASE "
            f"WHEN {table}.version >= excluded.version THEN {table}.version + 1 "
            "ELSE excluded.version END, "
            f"changed_at = excluded.changed_at, holds_until = excluded.holds_until {when} "
            "RETURNING scope, version",
            [*params, *when_params],
        )
        versions = dict(cursor.fetchall())
    found: Found = {
        scope: (int(versions[scope]), changed.timestamp(), _stamp(until))
        for scope, changed, until in rows
        if scope in versions
    }
    mirror.announce(found)
    return found


def _stamp(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def bump(scopes: Iterable[str]) -> None:
    """Give each scope a new version, in the current transaction."""
    now = timezone.now()
    _upsert([(scope, now, None) for scope in set(scopes)], "")


_FETCH = Statement(
    Version,
    lambda *scopes: Version.objects.filter(
        scope__in=[*scopes, EPOCH, SCHEDULE]
    ).values_list("scope", "version", "changed_at", "holds_until"),
    using=DEFAULT_DB_ALIAS,
)


def fetch(scopes: Iterable[str]) -> Found:
    """The stored version, change time and end of each scope that has a row,
    the epoch's and the schedule's: one query."""
    rows = _FETCH.rows(*scopes)
    return {
        scope: (version, changed.timestamp(), _stamp(until))
        for scope, version, changed, until in rows
    }


def _moment(stamp: float | None) -> datetime | None:
    return None if stamp is None else datetime.fromtimestamp(stamp, UTC)


def _schedule_row(moments: Moments) -> tuple[str, datetime, datetime | None]:
    passed, coming = moments
    return (SCHEDULE, _moment(passed or 0.0), _moment(coming))  # type: ignore[return-value]


def store_schedule(source: Callable[[], Moments]) -> None:
    """Work the schedule out anew and store it, in the current transaction:
    a story or correction was scheduled, published or lifted. The row is
    locked first, so two changes rescheduling at once take turns and the
    second sees the first's stories."""
    with transaction.atomic():
        _upsert([_schedule_row((0.0, None))], "WHERE FALSE")
        list(Version.objects.select_for_update().filter(scope=SCHEDULE))
        _upsert([_schedule_row(source())], "")


def refresh_schedule(source: Callable[[], Moments], seen: int | None) -> Moments:
    """The schedule worked out by a reader, once the next moment of the one
    it read (whose version is ``seen``; None if there was none) has come:
    stored unless a change stored another meanwhile."""
    moments = source()
    if seen is None:
        _upsert([_schedule_row(moments)], "WHERE FALSE")
    else:
        table = connections[DEFAULT_DB_ALIAS].ops.quote_name(Version._meta.db_table)
        _upsert([_schedule_row(moments)], f"WHERE {table}.version = %s", (seen,))
    return moments


def ensure_epoch() -> None:
    """Give a new (or flushed) database its epoch before anything is read."""
    if not Version.objects.filter(scope=EPOCH).exists():
        bump([EPOCH])


def prepare(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Give a new (or flushed) database its epoch and its schedule before
    anything is read (after ``migrate``)."""
    if using != DEFAULT_DB_ALIAS:
        return
    ensure_epoch()
    if not Version.objects.filter(scope=SCHEDULE).exists():
        refresh_schedule(moments, None)
