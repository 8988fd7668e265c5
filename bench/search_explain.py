"""Benchmark: is readers' search served by its GIN index with 100,000 stories?

Seeds published articles (and one claim each) into a throwaway PostgreSQL
database with COPY (the database computes each row's stored search
document), builds the GIN indexes on those documents, and prints EXPLAIN
(ANALYZE) of the search queries the readers' page runs: the page of stories
and its count, for a rare word and a common one, and the page of claims for
each. Then the rare word again with the index switched off, for comparison.
Last, the readers' pages themselves, uncached (the cache and what this
process keeps emptied before each request), through Django's test client: the search page for each word, a
later page of one kind, and the agency index; median and slowest of
``--repeat`` requests. PostgreSQL only: set DATABASE_URL (the benchmark's database is named after
it, with ``_search_bench``, unless ``SEARCH_EXPLAIN_DATABASE`` names
one). Not a test: it asserts nothing.

    DATABASE_URL=postgres://... make search-explain
    .venv/bin/python bench/search_explain.py --articles 100000
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import QuerySet  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

VOCABULARY = (
    "officials said the regional council would meet again after the vote count "
    "turnout figures were published by the commission and observers questioned "
    "several polling stations near the front line where residents reported "
    "soldiers going door to door with ballot boxes while the ministry announced "
    "new funding for roads schools hospitals and the grain harvest exports rose "
    "despite shelling of the port authorities promised an inquiry into prices "
    "energy supplies winter heating tariffs pensions and the budget deficit"
)
WORDS = VOCABULARY.split()
RARE = "referendum"  # in one story in a thousand
QUOTE = "Officials said the council would meet again"
RARE_QUOTE = f"The {RARE} was held under occupation"
# What the search page reads of each story found.
PAGE_FIELDS = ("headline", "slug", "standfirst", "published_at")


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def seed(count: int) -> None:
    """COPY ``count`` published articles and a claim in each; build the indexes."""
    from django.contrib.postgres.indexes import GinIndex

    from articles.models import Article
    from claims.models import Agency, Claim

    agency = Agency.objects.create(name="Bench Wire", slug="bench-wire")
    rng = random.Random(14)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS article_search_document")
        cursor.execute("DROP INDEX IF EXISTS claim_search_document")
    started = time.perf_counter()
    columns = (
        "headline, slug, standfirst, body, plain_text, byline, dateline, language, "
        "section, version, status, published_at, created_at, updated_at"
    )
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY articles_article ({columns}) FROM STDIN") as copy:
            for n in range(count):
                rare = n % 1000 == 7
                body = "\n\n".join(
                    [QUOTE + ". " + paragraph(rng, 40)]
                    + [paragraph(rng, 40) for _ in range(3)]
                    + ([f"{RARE_QUOTE}."] if rare else [])
                )
                copy.write_row(
                    (
                        f"Story {n}: " + paragraph(rng, 8),
                        f"bench-{n}",
                        paragraph(rng, 20),
                        body,
                        body,
                        "Bench desk",
                        "Kyiv",
                        "en",
                        "",
                        1,
                        "published",
                        "2026-01-01T00:00:00Z",
                        "2026-01-01T00:00:00Z",
                        "2026-01-01T00:00:00Z",
                    )
                )
        cursor.execute(
            "INSERT INTO claims_claim (article_id, agency_id, speaker, quote, prefix,"
            ' suffix, start, "end", anchor_state, status, note, disputed_by,'
            " internal_note, attribution_kind, reporting_verb, version, created_at,"
            " updated_at, match_text)"
            " SELECT id, %s, '', q.quote, '', '', 0, length(q.quote), 'anchored',"
            " 'unreviewed', '', '', '', 'reported', '', 1, now(), now(), lower(q.quote)"
            " FROM articles_article,"
            " LATERAL (SELECT CASE WHEN plain_text LIKE %s THEN %s ELSE %s END"
            " AS quote) AS q",
            [agency.pk, f"%{RARE}%", RARE_QUOTE, QUOTE],
        )
    print(
        f"seeded {count:,} articles and claims in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    with connection.schema_editor() as editor:
        editor.add_index(
            Article,
            GinIndex(fields=["search_document"], name="article_search_document"),
        )
        editor.add_index(
            Claim, GinIndex(fields=["search_document"], name="claim_search_document")
        )
    print(f"built the GIN indexes in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")
        cursor.execute("VACUUM ANALYZE claims_claim")


def explain(label: str, queryset: QuerySet[Any], verbose: bool = False) -> None:
    report(label, queryset.explain(analyze=True, buffers=True, verbose=verbose))


def report(label: str, plan: str) -> None:
    names = ("article_search_document", "claim_search_document")
    uses = [name for name in names if name in plan]
    total = next(
        (line for line in plan.splitlines() if line.startswith("Execution Time")), ""
    )
    print(f"\n== {label}: GIN index used: {', '.join(uses) or 'no'}; {total}")
    print(plan)


def explain_count(label: str, queryset: QuerySet[Any]) -> None:
    """EXPLAIN the COUNT query the paginator runs."""
    with CaptureQueriesContext(connection) as captured:
        queryset.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) " + captured.captured_queries[-1]["sql"]
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    report(label, plan)


def run() -> None:
    from articles.models import Article
    from claims import highlights, search
    from claims.models import Claim

    stories = Article.objects.published()
    for word in (RARE + "s", "harvest"):
        found = search.search_articles(stories, word)
        print(f"\n'{word}' matches {found.count():,} stories")
        explain(f"stories page for '{word}'", found[:20])
        explain(
            f"stories page for '{word}' with highlights, as readers get it",
            highlights.with_highlights(
                found.only(*PAGE_FIELDS),
                word,
                ["headline", "standfirst"],
                excerpt="plain_text",
                paragraphs="paragraph_documents",
            )[:20],
            verbose=True,
        )
        explain_count(f"stories count for '{word}'", found)
    for word in (RARE + "s", "council"):
        found_claims = search.search_claims(Claim.objects.public(), word)
        print(f"\n'{word}' matches {found_claims.count():,} claims")
        explain(f"claims page for '{word}'", found_claims[:20])
    with connection.cursor() as cursor:
        cursor.execute("SET enable_bitmapscan = off")
        cursor.execute("SET enable_indexscan = off")
    explain(
        f"stories page for '{RARE}s' without the index",
        search.search_articles(stories, RARE + "s")[:20],
    )
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_bitmapscan")
        cursor.execute("RESET enable_indexscan")


def time_pages(repeat: int) -> None:
    """The readers' pages, uncached: milliseconds per request, median and slowest."""
    from django.core.cache import cache
    from django.test import Client

    from newsroom.parts import forget_local

    client = Client()
    urls = [
        f"/search/?q={RARE}s",
        "/search/?q=harvest",
        "/search/?q=harvest&kind=stories&page=3",
        "/search/?q=council&kind=claims",
        "/agencies/",
    ]
    print(f"\n== readers' pages, uncached, {repeat} requests each")
    for url in urls:
        times = []
        for _ in range(repeat):
            cache.clear()
            forget_local()
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
        times.sort()
        print(
            f"{url:<45} median {times[len(times) // 2]:7.1f} ms, slowest {times[-1]:7.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21)
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("search_explain needs PostgreSQL: set DATABASE_URL=postgres://...")
    setup_test_environment()
    # Its own database, so a test run on the same server is not disturbed.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = os.environ.get(
        "SEARCH_EXPLAIN_DATABASE", f"{connection.settings_dict['NAME']}_search_bench"
    )
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        seed(options.articles)
        run()
        time_pages(options.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
