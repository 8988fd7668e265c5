"""Benchmark: what each cache layer above the whole-page cache is worth.

The rows of ``bench/report.py``'s page and API table, each measured under
every configuration in turn (interleaved, so a loaded machine slows them
alike), on one throwaway database:

- ``all``: every layer, as deployed;
- ``no LRU``: the parts kept in the shared cache only (``newsroom.parts``
  holds no copy in this process);
- ``no last``: not the article's claims' parts as this process last made
  them (``reader.article_parts``);
- ``neither``: neither of those two;
- ``no frame``, ``no skeleton``: the article page's frame around its claims,
  or its marked body's skeleton, made each time;
- ``no parts``: every part made each time a page is built (the whole-page
  cache and the answers this process holds stay).

Printed: each row's ratio against the baseline view of the same size, per
configuration, and each configuration's milliseconds, elapsed and of this
process's CPU (steadier on a loaded machine), as a share of ``all``'s.
Not a test: it asserts nothing.

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/layers.py
    BENCH_ROWS=cold …    # only the rows after a review
"""

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
# Only the rows whose name holds this (``cold``: the rows a layer serves).
ONLY = os.environ.get("BENCH_ROWS", "")


class _Nothing:
    """A per-process store that holds nothing."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.values: dict[Any, Any] = {}
        self.size = 0

    def get_many(self, keys: Any) -> dict[Any, Any]:
        return {}

    def put_many(self, values: Any) -> None:
        pass


# The kept parts one configuration makes afresh each time, by name.
BYPASSED = {"no frame": {"article-frame"}, "no skeleton": {"marked-skeleton"}}


def _kept_but(names: set[str]) -> Callable[..., Any]:
    from newsroom import parts

    def kept(name: str, materials: Any, produce: Any, **options: Any) -> Any:
        if name in names:
            return dict(produce(list(materials)))
        return parts.kept(name, materials, produce, **options)

    return kept


@contextlib.contextmanager
def configured(name: str) -> Iterator[None]:
    from newsroom import parts
    from reader import article_parts, article_views

    saved = (parts._renderings, parts.is_bypassed, article_parts.is_bypassed)  # type: ignore[attr-defined]
    kept_names = (article_parts.kept, article_views.kept)  # type: ignore[attr-defined]
    if name in BYPASSED:
        article_parts.kept = article_views.kept = _kept_but(BYPASSED[name])  # type: ignore[attr-defined]
    if name in ("no LRU", "neither", "no parts"):
        parts._renderings = _Nothing()  # type: ignore[assignment]
    if name in ("no last", "neither", "no parts"):
        article_parts.is_bypassed = lambda: True  # type: ignore[attr-defined]
    if name == "no parts":
        # kept() alone reads this name: the whole-page cache keeps its own.
        parts.is_bypassed = lambda: True
    report.empty_cache()
    try:
        yield
    finally:
        parts._renderings, parts.is_bypassed, article_parts.is_bypassed = saved  # type: ignore[attr-defined]
        article_parts.kept, article_views.kept = kept_names  # type: ignore[attr-defined]
        report.empty_cache()


CONFIGS = (
    "all",
    "no LRU",
    "no last",
    "neither",
    "no frame",
    "no skeleton",
    "no parts",
)


def rows(articles: dict[int, Any], agency: Any) -> list[tuple[str, str, Any, int]]:
    """(name, url, the hook run before each request, baseline size) per row."""
    out: list[tuple[str, str, Any, int]] = []
    for size, article in articles.items():
        url = article.get_absolute_url()
        out += [
            (f"article page, {size} claims, warm", url, None, size),
            (
                f"article page, {size} claims, cold",
                url,
                report.stale_article(article),
                size,
            ),
            (f"article page, {size} claims, empty", url, report.empty_cache, size),
        ]
    out += [
        ("agency page, warm", agency.get_absolute_url(), None, 9),
        ("agency page, empty", agency.get_absolute_url(), report.empty_cache, 9),
        ("index page, warm", "/", None, 9),
    ]
    for size in (9, 1000):
        url = f"/api/articles/{articles[size].slug}/"
        out += [
            (f"API article detail, {size}, warm", url, None, 9),
            (
                f"API article detail, {size}, cold",
                url,
                report.stale_article(articles[size]),
                9,
            ),
            (f"API article detail, {size}, empty", url, report.empty_cache, 9),
        ]
    out.append(("API article list, warm", "/api/articles/", None, 9))
    for query in ("", "?page_size=200"):
        url = f"/api/claims/{query}"
        out += [
            (f"API claim list{query}, warm", url, None, 9),
            (f"API claim list{query}, empty", url, report.empty_cache, 9),
        ]
    return out


def run() -> None:
    from claims.models import Agency

    agencies = [
        Agency.objects.create(
            name=f"Agency {n}",
            slug=f"agency-{n}",
            kind=Agency.Kind.NEWS_AGENCY,
            state_affiliation=Agency.Affiliation.STATE_CONTROLLED,
            affiliation_label="Russian state-controlled media",
        )
        for n in range(3)
    ]
    articles = {size: report.build_article(size, agencies) for size in report.SIZES}
    client = Client()
    table = [row for row in rows(articles, agencies[0]) if ONLY in row[0]]
    ms: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    base: dict[int, list[float]] = {}

    def timed(url: str, before: Callable[[], None] | None) -> tuple[float, float]:
        times = report.measure(client, url, before)
        return (
            median(wall for wall, _ in times) * 1000,
            median(used for _, used in times) * 1000,
        )

    for _ in range(ROUNDS):
        for size, article in articles.items():
            base.setdefault(size, []).append(
                timed(f"/bench/baseline/{article.slug}/", None)[0]
            )
        for name, url, before, _size in table:
            for config in CONFIGS:
                with configured(config):
                    wall, used = timed(url, before)
                ms.setdefault((name, config), []).append(wall)
                cpu.setdefault((name, config), []).append(used)
    width = max(len(name) for name, *_ in table)
    print(f"\n{'ratio vs baseline':<{width}}  " + "".join(f"{c:>10}" for c in CONFIGS))
    for name, _, _, size in table:
        baseline = median(base[size])
        cells = [baseline / median(ms[name, config]) for config in CONFIGS]
        print(f"{name:<{width}}  " + "".join(f"{c:9.2f}x" for c in cells))
    print(f"\n{'ms / all ms':<{width}}  " + "".join(f"{c:>10}" for c in CONFIGS))
    for name, *_ in table:
        full = median(ms[name, "all"])
        cells = [median(ms[name, config]) / full for config in CONFIGS]
        print(f"{name:<{width}}  " + "".join(f"{c:9.2f} " for c in cells))
    print(
        f"\n{'CPU ms / all CPU ms':<{width}}  " + "".join(f"{c:>10}" for c in CONFIGS)
    )
    for name, *_ in table:
        full = median(cpu[name, "all"])
        cells = [median(cpu[name, config]) / full for config in CONFIGS]
        print(f"{name:<{width}}  " + "".join(f"{c:9.2f} " for c in cells))
    print(
        f"\ndatabase: {connection.vendor}; cache: "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
        f"rounds: {ROUNDS}; load average: {os.getloadavg()}"
    )


def main() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print("load average before:", os.getloadavg())
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        with override_settings(
            ROOT_URLCONF=report.bench_urlconf(), ALLOWED_HOSTS=["*"]
        ):
            report.empty_cache()
            run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
