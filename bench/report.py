"""Benchmark: the performance report, printed as one table.

In-process milliseconds per request through Django's test client (every
middleware runs), after a warm-up, for the reader pages and the API, beside a
baseline measured in the same run: a minimal Django view that makes the same
two queries (the article, its claims with their agencies) and marks the same
claims in a plain template. A ratio is the page's throughput as a share of
the baseline's (1.00x = as fast as the baseline); compare ratios, not
milliseconds, across machines. Each is given twice: by elapsed time, and by
the CPU time of this process alone (in-process, so the database's own work
is left out), which holds steady on a loaded machine.

"cold" is the first request after an editor reviews one of the article's
claims (its cached page, marked body, review log and that claim's note are
stale; what the review did not change is still kept: the article, the page
around its claims, the other claims' notes, and the rendering of its
unchanged body, stored when the body was written); "empty" is a request
on an emptied cache; "warm" is a repeat request. Also: re-anchoring throughput, and the editors' review queue
at BENCH_QUEUE_CLAIMS claims (200,000 unless set), median and 95th percentile,
and the candidates for one claim's repeats among them (``bench/repeats.py``).

Runs on a throwaway test database of DATABASE_URL's server, SQLite when it
is unset; ``make bench`` sets it to the local PostgreSQL (``bench/on-postgres``).
Not a test: it asserts nothing.

    make bench            # PostgreSQL; BENCH_DATABASE=sqlite make bench for SQLite
"""

import os
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from statistics import median, quantiles
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# One client makes thousands of requests here: not a case for the API's throttle.
for scope in ("API_RATE_ANON", "API_RATE_USER"):
    os.environ.setdefault(scope, "1000000/second")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

SIZES = (9, 100, 1000)
QUEUE_CLAIMS = int(os.environ.get("BENCH_QUEUE_CLAIMS", "200000"))
# Each measurement runs at least this many requests and for at least this long.
MIN_REPS = int(os.environ.get("BENCH_MIN_REPS", "20"))
MIN_SECONDS = float(os.environ.get("BENCH_SECONDS", "1.0"))
WARM_UP = 5

BASELINE_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ article.headline }}</title></head>
<body><article><h1>{{ article.headline }}</h1><p>{{ article.standfirst }}</p>
{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>
{% endfor %}</article></body></html>"""


def baseline_view(request: Any, slug: str) -> Any:
    """The same two queries, the same claims marked in Python, a plain template."""
    from django.http import HttpResponse
    from django.shortcuts import get_object_or_404
    from django.template import engines
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from articles.models import Article
    from claims.models import Claim

    article = get_object_or_404(Article.objects.published(), slug=slug)
    claims = (
        Claim.objects.filter(article=article)
        .select_related("agency")
        .order_by("start", "pk")
    )
    text = article.plain_text
    out: list[str] = []
    position = 0
    for claim in claims:
        if claim.anchor_state == "orphaned" or claim.start < position:
            continue
        out.append(escape(text[position : claim.start]))
        out.append(
            f'<mark id="claim-{claim.pk}" data-claim="{claim.pk}" '
            f'data-status="{claim.status}" title="{escape(claim.agency.name)}">'
            f"{escape(text[claim.start : claim.end])}</mark>"
        )
        position = claim.end
    out.append(escape(text[position:]))
    # Every piece of text was escaped above.
    paragraphs = [mark_safe(block) for block in "".join(out).split("\n\n")]  # noqa: S308
    template = engines["django"].from_string(BASELINE_TEMPLATE)
    return HttpResponse(
        template.render({"article": article, "paragraphs": paragraphs}, request)
    )


def bench_urlconf() -> str:
    """The project's URLs plus the baseline view, as a module the resolver can import."""
    from django.urls import include, path

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/baseline/<slug:slug>/", baseline_view),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules["bench_urls"] = module
    return "bench_urls"


def sentences(count: int, tag: str) -> tuple[str, list[str]]:
    """A body of ``count`` claim sentences, four to a paragraph, some with emphasis."""
    quotes = [
        f"{tag} district {n} reported {n % 97}.{n % 10}% turnout" for n in range(count)
    ]
    paragraphs = []
    for i in range(0, count, 4):
        group = quotes[i : i + 4]
        paragraphs.append(
            " ".join(f"Officials said {quote}, *the agency* wrote." for quote in group)
        )
    return "\n\n".join(paragraphs), quotes


def build_article(count: int, agencies: list[Any]) -> Any:
    """A published article with ``count`` claims, statuses rotating, a short review log."""
    from django.utils import timezone

    from articles.models import Article
    from claims import anchoring
    from claims.models import Claim, ReviewEvent

    body, quotes = sentences(count, f"s{count}")
    article = Article.objects.create(
        headline=f"Turnout in {count} districts",
        slug=f"bench-{count}",
        standfirst="Figures reported by agencies.",
        body=body,
        byline="Newsroom staff",
        dateline="Kyiv",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    text = article.plain_text
    cycle = list(Claim.Status)
    rows, position = [], 0
    for n, quote in enumerate(quotes):
        start = text.index(quote, position)
        position = start + len(quote)
        status = cycle[n % len(cycle)]
        claim = Claim(
            article=article,
            agency=agencies[n % len(agencies)],
            speaker="a senior official" if n % 3 else "",
            status=status,
            note="Other counts differ." if status in Claim.NOTE_REQUIRED else "",
            disputed_by="Observers" if status == Claim.Status.DISPUTED else "",
            reviewed_at=timezone.now() if status != Claim.Status.UNREVIEWED else None,
            version=1 if status == Claim.Status.UNREVIEWED else 2,
        )
        claim.set_selectors(anchoring.selectors_at(text, start, position))
        rows.append(claim)
    Claim.objects.bulk_create(rows, batch_size=1000)
    ReviewEvent.objects.bulk_create(
        ReviewEvent(
            claim=claim,
            old_status=Claim.Status.UNREVIEWED,
            new_status=claim.status,
            note=claim.note,
            disputed_by=claim.disputed_by,
            version=2,
        )
        for claim in rows
        if claim.status != Claim.Status.UNREVIEWED
    )
    return article


def empty_cache() -> None:
    """The shared cache emptied, and what this process holds in memory."""
    from newsroom import parts

    cache.clear()
    parts.forget_local()


def measure(
    client: Client,
    url: str,
    before: Callable[[], None] | None = None,
    expect: int = 200,
) -> list[tuple[float, float]]:
    """Seconds per request for ``url``, elapsed and of this process's CPU, after
    a warm-up; ``before`` runs untimed."""
    for _ in range(WARM_UP):
        client.get(url)
    times: list[tuple[float, float]] = []
    started = time.perf_counter()
    while len(times) < MIN_REPS or time.perf_counter() - started < MIN_SECONDS:
        if before is not None:
            before()
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - began, time.process_time() - began_cpu))
        if response.status_code != expect:
            raise SystemExit(f"{url} answered {response.status_code}, not {expect}")
    return times


def stale_article(article: Any) -> Callable[[], None]:
    """A review of one of the article's claims, as an editor makes it.

    Each call flips the claim between "verified" and "context added" through
    the review service, so the next request finds its page, its marked body,
    its review log and that claim's note stale, and everything else as it was.
    """
    from claims.models import Claim
    from claims.services import review_claim

    claims = list(article.claims.order_by("start").values_list("pk", flat=True))
    pk = claims[len(claims) // 2]
    statuses = [Claim.Status.CONTEXTUALIZED, Claim.Status.VERIFIED]

    def review() -> None:
        version = Claim.objects.values_list("version", flat=True).get(pk=pk)
        review_claim(
            pk,
            status=statuses[version % 2],
            note=f"Figures revised by the agency (revision {version}).",
            disputed_by="",
            actor=None,
            expected_version=version,
        )

    return review


class Table:
    """Rows of the report, printed together at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(
        self,
        name: str,
        times: list[tuple[float, float]],
        baseline: tuple[float, float] | None,
    ) -> tuple[float, float]:
        """Add a row; return its median elapsed and CPU milliseconds."""
        elapsed = [wall for wall, _ in times]
        ms = median(elapsed) * 1000
        cpu_ms = median(cpu for _, cpu in times) * 1000
        ratio = f"{baseline[0] / ms:.2f}x" if baseline else ""
        cpu_ratio = f"{baseline[1] / cpu_ms:.2f}x" if baseline and cpu_ms else ""
        p95 = (
            quantiles(elapsed, n=20)[-1] if len(elapsed) >= 20 else max(elapsed)
        ) * 1000
        self.rows.append(
            (name, f"{ms:8.2f}", f"{p95:8.2f}", ratio, f"{cpu_ms:8.2f}", cpu_ratio)
        )
        return ms, cpu_ms

    def note(self, name: str, value: str) -> None:
        self.rows.append((name, value))

    def print(self) -> None:
        width = max(len(row[0]) for row in self.rows)
        print()
        print(
            f"{'measure':<{width}}  {'median ms':>9}  {'p95 ms':>8}  vs baseline"
            f"  {'CPU ms':>8}  CPU vs baseline"
        )
        print("-" * (width + 62))
        for row in self.rows:
            if len(row) == 2:  # a note: a name and a value
                print(f"{row[0]:<{width}}  {row[1]}")
                continue
            name, ms, p95, ratio, cpu_ms, cpu_ratio = row
            print(
                f"{name:<{width}}  {ms:>9}  {p95:>8}  {ratio:>10}"
                f"  {cpu_ms:>8}  {cpu_ratio:>15}"
            )


def pages(table: Table) -> None:
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
    articles = {size: build_article(size, agencies) for size in SIZES}
    client = Client()
    baselines: dict[int, tuple[float, float]] = {}
    page_ms: dict[tuple[int, str], tuple[float, float]] = {}
    for size, article in articles.items():
        baselines[size] = table.add(
            f"baseline view, {size} claims",
            measure(client, f"/bench/baseline/{article.slug}/"),
            None,
        )
    for size, article in articles.items():
        url = article.get_absolute_url()
        base = baselines[size]
        page_ms[size, "warm"] = table.add(
            f"article page, {size} claims, warm", measure(client, url), base
        )
        page_ms[size, "cold"] = table.add(
            f"article page, {size} claims, cold (after a review)",
            measure(client, url, before=stale_article(article)),
            base,
        )
        page_ms[size, "empty"] = table.add(
            f"article page, {size} claims, empty cache",
            measure(client, url, before=empty_cache),
            base,
        )
    for state in ("warm", "cold", "empty"):
        (large, large_cpu), (small, small_cpu) = page_ms[1000, state], page_ms[9, state]
        table.note(
            f"article page, 1,000 claims / 9 claims, {state}",
            f"{large / small:9.2f}x (CPU {large_cpu / small_cpu:.2f}x)",
        )
    base = baselines[9]
    agency = agencies[0]
    table.add(
        f"agency page ({agency.claims.count()} claims), warm",
        measure(client, agency.get_absolute_url()),
        base,
    )
    table.add(
        "agency page, empty cache",
        measure(client, agency.get_absolute_url(), before=empty_cache),
        base,
    )
    table.add("index page, warm", measure(client, "/"), base)
    for size in (9, 1000):
        url = f"/api/articles/{articles[size].slug}/"
        table.add(
            f"API article detail, {size} claims, warm", measure(client, url), base
        )
        table.add(
            f"API article detail, {size} claims, cold (after a review)",
            measure(client, url, before=stale_article(articles[size])),
            base,
        )
        table.add(
            f"API article detail, {size} claims, empty cache",
            measure(client, url, before=empty_cache),
            base,
        )
    table.add("API article list, warm", measure(client, "/api/articles/"), base)
    for query in ("", "?page_size=200"):
        table.add(
            f"API claim list{query}, warm",
            measure(client, f"/api/claims/{query}"),
            base,
        )
        table.add(
            f"API claim list{query}, empty cache",
            measure(client, f"/api/claims/{query}", before=empty_cache),
            base,
        )


def reanchoring(table: Table) -> None:
    """Claims re-anchored per second after a paragraph is inserted at the top."""
    from django.db import transaction

    from articles.models import Article
    from articles.rendering import plain_text
    from claims.services import reanchor_claims

    article = Article.objects.get(slug="bench-1000")
    original_text = article.plain_text
    times = []
    for _ in range(3):
        edited = "Breaking: counting resumes.\n\n" + article.body
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(plain_text=plain_text(edited))
            fresh = Article.objects.get(pk=article.pk)
            began = time.perf_counter()
            reanchor_claims(fresh, previous_text=original_text)
            times.append(time.perf_counter() - began)
            transaction.set_rollback(True)
    table.note(
        "re-anchoring, 1,000 claims, paragraph inserted at the top",
        f"{1000 / median(times):9.0f} claims/s",
    )


def queue(table: Table) -> None:
    """The editors' review queue at QUEUE_CLAIMS claims: unfiltered, filtered, searched."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from claims.models import Claim

    began = time.perf_counter()
    call_command("seed_scale", claims=QUEUE_CLAIMS, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    total = Claim.objects.count()
    table.note(
        f"seed_scale --claims {QUEUE_CLAIMS}",
        f"{time.perf_counter() - began:9.1f} s ({total:,} claims in all)",
    )
    user = User.objects.create_superuser("bench", "bench@newsroom.test", "bench")
    client = Client()
    client.force_login(user)
    url = "/admin/claims/claim/"
    for name, query in (
        ("unfiltered", ""),
        ("filtered by status", "?status__exact=unreviewed"),
        ("filtered by agency kind", "?agency__kind__exact=news_agency"),
        ("searched", "?q=Peskov"),
    ):
        table.add(
            f"admin queue, {total:,} claims, {name}", measure(client, url + query), None
        )


def main() -> None:
    from django.core.management import call_command

    # Pages link the hashed static names, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)
    old_name = connection.creation.create_test_db(verbosity=0)
    table = Table()
    try:
        with override_settings(ROOT_URLCONF=bench_urlconf(), ALLOWED_HOSTS=["*"]):
            empty_cache()
            pages(table)
            reanchoring(table)
            queue(table)
            # Imported here: it sets Django up itself when run alone.
            from repeats import add_rows

            add_rows(table)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        table.print()
        print(
            f"\ndatabase: {connection.vendor}; cache: "
            f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
            "ratio = baseline ms / page ms (throughput against the baseline view); "
            "CPU: this process's CPU time alone"
        )


if __name__ == "__main__":
    main()
