"""Benchmark rows for possible repeats: candidates for one claim among every
claim in the database (``make bench`` seeds 200,000), and the query's plan.

Imported by ``bench/report.py`` after the queue's rows; run alone on a
seeded database (``DATABASE_URL=... python bench/repeats.py``) it prints the
timings and the plan with EXPLAIN ANALYZE.
"""

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# Claims looked up, spread over the table.
SAMPLES = 60


def timings() -> tuple[int, list[tuple[float, float]], int]:
    """(claims in all, seconds per lookup elapsed and CPU, candidates found)."""
    from claims import matching
    from claims.models import Claim

    total = Claim.objects.count()
    pks = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    picked = pks[:: max(1, len(pks) // SAMPLES)][:SAMPLES]
    claims = list(Claim.objects.filter(pk__in=picked))
    for claim in claims[:5]:  # warm-up
        matching.candidates(claim)
    times, found = [], 0
    for claim in claims:
        began, began_cpu = time.perf_counter(), time.process_time()
        found += len(matching.candidates(claim))
        times.append((time.perf_counter() - began, time.process_time() - began_cpu))
    return total, times, found


def plan() -> str:
    """EXPLAIN ANALYZE of the candidates query for one claim, as Django sends it."""
    from django.db import connection, transaction

    from claims import matching
    from claims.models import Claim

    claim = Claim.objects.order_by("pk")[Claim.objects.count() // 2]
    captured: list[Any] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(capture):
            matching.candidates(claim)
        sql, params = next(
            (sql, params) for sql, params in captured if "similarity(" in sql.lower()
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                [str(matching.thresholds()[1])],
            )
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())


def add_rows(table: Any) -> None:
    """The candidates row (and a note with what was found) for bench/report.py."""
    from django.db import connection

    total, times, found = timings()
    table.add(
        f"repeat candidates for one claim, {total:,} claims ({connection.vendor})",
        times,
        None,
    )
    table.note(
        "  candidates found",
        f"{found / len(times):.1f} per claim (of {matching_limit()} at most)",
    )


def matching_limit() -> int:
    from claims import matching

    return matching.LIMIT


if __name__ == "__main__":
    import django
    from django.db import connection

    django.setup()
    total, times, found = timings()
    elapsed = sorted(wall * 1000 for wall, _ in times)
    print(
        f"{total:,} claims; candidates for one claim: median "
        f"{elapsed[len(elapsed) // 2]:.2f} ms, p95 {elapsed[int(len(elapsed) * 0.95)]:.2f} ms, "
        f"{found / len(times):.1f} found per claim"
    )
    if connection.vendor == "postgresql":
        print(plan())
