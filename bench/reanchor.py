"""Benchmark: re-anchor 1,000 claims after an edit to a 50 KB article.

Prints claims per second for each kind of edit and, as the baseline measured
in the same run, for a save whose text did not move any claim, so results
compare across machines as ratios. Runs on a throwaway test database
(SQLite in memory unless DATABASE_URL is set). Not a test: it asserts nothing.

    make bench            # or: .venv/bin/python bench/reanchor.py
"""

import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

CLAIMS = 1000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LONG_QUOTE = 12_000


def article_body() -> tuple[str, list[str]]:
    """About 50 KB of Markdown: 250 paragraphs, four distinct claims in each."""
    paragraphs, quotes = [], []
    for number in range(CLAIMS // 4):
        sentences = [
            f"District {number} turnout hit {number % 97}.{k}% at station {number * 4 + k}"
            for k in range(4)
        ]
        quotes.extend(sentences)
        paragraphs.append(". ".join(sentences) + ", *the agency* said.")
    return "\n\n".join(paragraphs), quotes


def run() -> None:
    from articles.models import Article
    from claims.anchoring import locate
    from claims.models import Agency, Claim
    from claims.services import reanchor_claims

    body, quotes = article_body()
    agency = Agency.objects.create(name="Agency", slug="agency")
    article = Article.objects.create(headline="Bench", slug="bench", body=body)
    rows = []
    for quote in quotes:
        claim = Claim(article=article, agency=agency)
        claim.set_selectors(locate(article.plain_text, quote))
        rows.append(claim)
    Claim.objects.bulk_create(rows)
    print(
        f"article: {len(body.encode()) / 1024:.1f} KB of Markdown, {len(rows)} claims"
    )

    def timed(edit: str, change: Callable[[str], str]) -> float:
        times = []
        for _ in range(ROUNDS):
            original = Article.objects.get(pk=article.pk)
            previous = original.plain_text
            original.body = change(body)
            started = time.perf_counter()
            # What edit_article does, without its revision: the save and the
            # re-anchoring.
            original.save()
            reanchor_claims(original, previous_text=previous)
            times.append(time.perf_counter() - started)
            states = Counter(Claim.objects.values_list("anchor_state", flat=True))
            # Back to the original text, claims included, for the next round.
            Article.objects.filter(pk=article.pk).update(body=body)
            reanchor_claims(Article.objects.get(pk=article.pk))
            Claim.objects.update(anchor_state=Claim.AnchorState.ANCHORED)
        rate = CLAIMS / median(times)
        summary = ", ".join(
            f"{count} {state}" for state, count in sorted(states.items())
        )
        print(f"{edit:<40} {rate:>8.0f} claims/s  (median of {ROUNDS}; {summary})")
        return rate

    baseline = timed(
        "baseline: edit after the last claim", lambda b: b + "\n\nLate update."
    )
    results = {
        "insert a paragraph at the top": timed(
            "insert a paragraph at the top",
            lambda b: "Breaking: counting resumes.\n\n" + b,
        ),
        "copy edit inside 10 quotes (fuzzy)": timed(
            "copy edit inside 10 quotes (fuzzy)",
            lambda b: b.replace("turnout hit 1.", "turnout was 1.", 10),
        ),
        "reorder two halves of the article": timed(
            "reorder two halves of the article",
            lambda b: "\n\n".join(
                b.split("\n\n")[CLAIMS // 8 :] + b.split("\n\n")[: CLAIMS // 8]
            ),
        ),
    }
    print()
    for name, rate in results.items():
        print(f"{name:<40} {baseline / rate:>6.2f}x the baseline's time per claim")
    print()
    long_quote_edit(CLAIMS / baseline)


def long_quote_edit(baseline_seconds: float) -> None:
    """One character changed inside a 12,000-character claim in a 50 KB article.

    The claim is written directly, as legacy data from before the length
    limit would be: ``create_claim`` refuses quotes this long.
    """
    from articles.models import Article
    from claims.anchoring import selectors_at
    from claims.models import Agency, Claim

    words = " ".join(
        f"observers{n % 89} reported irregularities at polling station {n}."
        for n in range(LONG_QUOTE // 40)
    )
    passage = words[:LONG_QUOTE]
    filler, _ = article_body()
    body = filler[: 50 * 1024 - LONG_QUOTE - 2] + "\n\n" + passage
    agency = Agency.objects.get(slug="agency")
    article = Article.objects.create(headline="Long", slug="long", body=body)
    start = article.plain_text.index(passage)
    selectors = selectors_at(article.plain_text, start, start + len(passage))
    middle = len(body) - len(passage) // 2
    times, states = [], []
    for _ in range(ROUNDS):
        claim = Claim(article=article, agency=agency)
        claim.set_selectors(selectors)
        claim.save()
        edited = Article.objects.get(pk=article.pk)
        edited.body = body[:middle] + "#" + body[middle + 1 :]
        started = time.perf_counter()
        edited.save()
        times.append(time.perf_counter() - started)
        states.append(Claim.objects.get(pk=claim.pk).anchor_state)
        claim.delete()
        edited.body = body
        edited.save()
    seconds = median(times)
    print(
        f"{len(passage):,}-character claim in a {len(body.encode()) / 1024:.0f} KB "
        f"article, one character changed inside it: {seconds:.3f} s "
        f"(median of {ROUNDS}; {', '.join(sorted(set(states)))}), "
        f"{seconds / baseline_seconds:.2f}x the baseline's save"
    )


def main() -> None:
    from newsroom.writes import service_write

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        # The bench writes bodies and anchors directly, as the services do.
        with service_write():
            run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
