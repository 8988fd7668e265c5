"""manage.py seed_scale: fill the database with many articles and claims, fast.

For load and benchmark runs, not for a newsroom's data: rows are written with
bulk inserts, not through the services (which log, check and lock per claim
and would take hours at this size). Every claim still satisfies the
database's constraints and points at its passage in its article's text.
"""

import random
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.rendering import plain_text
from claims import anchoring
from claims.models import Agency, Claim

# Claims per article: a long wire story.
PER_ARTICLE = 200
AGENCIES = 24
BATCH = 5000
# Roughly how a desk's queue looks: most claims still unreviewed.
STATUS_WEIGHTS = {
    Claim.Status.UNREVIEWED: 60,
    Claim.Status.VERIFIED: 25,
    Claim.Status.DISPUTED: 10,
    Claim.Status.CONTEXTUALIZED: 5,
}
ANCHOR_WEIGHTS = {
    Claim.AnchorState.ANCHORED: 97,
    Claim.AnchorState.NEEDS_CHECK: 2,
    Claim.AnchorState.ORPHANED: 1,
}
SPEAKERS = [
    "",
    "a source in the Russian parliament",
    "Kremlin spokesman Dmitry Peskov",
    "the regional election commission",
    "a senior official",
]


# Claims say different things, as a newsroom's do: what, where, which way,
# when, and a figure, drawn for each claim (a repeat of another claim's
# words is then rare, as it is in a real archive).
SUBJECTS = (
    "turnout",
    "the vote count",
    "support for joining Russia",
    "participation",
    "grain exports",
    "gas deliveries",
    "the number of refugees",
    "rail traffic",
    "electricity output",
    "the harvest",
    "bread prices",
    "fuel shipments",
    "the budget deficit",
    "factory output",
    "school attendance",
    "hospital admissions",
    "water supplies",
    "ballots cast at home",
    "queues at polling stations",
    "mobile phone coverage",
)
PLACES = (
    "Donetsk",
    "Luhansk",
    "Kherson",
    "Zaporizhzhia",
    "Melitopol",
    "Mariupol",
    "Berdiansk",
    "Enerhodar",
    "Nova Kakhovka",
    "Sievierodonetsk",
    "Lysychansk",
    "Horlivka",
    "Makiivka",
    "Kadiivka",
    "Alchevsk",
    "Tokmak",
    "Henichesk",
    "Skadovsk",
    "Kakhovka",
    "Vasylivka",
    "Polohy",
    "Yasynuvata",
    "Debaltseve",
    "Starobilsk",
)
TRENDS = (
    "reached",
    "fell to",
    "rose to",
    "stood at",
    "dropped below",
    "climbed above",
    "was put at",
    "topped",
    "hovered near",
    "slipped to",
)
TIMES = (
    "by noon",
    "on Monday",
    "overnight",
    "last week",
    "this morning",
    "by the evening",
    "since Friday",
    "in March",
    "over the weekend",
    "before the vote",
    "on the first day",
    "after the curfew",
)


def claim_quote(number: int, k: int) -> str:
    """One claim's words, drawn from the story's number and the claim's."""
    # Seeded by position, so every run writes the same stories.
    rng = random.Random(number * 100_003 + k)  # noqa: S311
    return (
        f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} {rng.choice(TRENDS)} "
        f"{rng.randint(1, 99)}.{rng.randint(0, 9)}% {rng.choice(TIMES)}"
    )


def article_body(number: int, claims: int) -> tuple[str, list[str]]:
    """A story of ``claims`` sentences in paragraphs of four, and its quotes."""
    quotes = [claim_quote(number, k) for k in range(claims)]
    paragraphs = [
        ". ".join(f"Officials said {quote}" for quote in quotes[i : i + 4]) + "."
        for i in range(0, claims, 4)
    ]
    return "\n\n".join(paragraphs), quotes


class Command(BaseCommand):
    help = (
        "Add published articles with --claims claims in all (200 per article) over "
        f"{AGENCIES} agencies, in bulk, for load tests and benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=11, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        total: int = options["claims"]
        if total < 1:
            raise CommandError("--claims must be at least 1.")
        # Seeded, so that --seed repeats a load test; nothing secret is drawn.
        rng = random.Random(options["seed"])  # noqa: S311
        run = timezone.now().strftime("%Y%m%d%H%M%S%f")
        with transaction.atomic():
            agencies = Agency.objects.bulk_create(
                Agency(
                    name=f"Scale agency {run}-{n}",
                    slug=f"scale-{run}-{n}",
                    kind=Agency.Kind.NEWS_AGENCY,
                    country="RU",
                    state_affiliation=Agency.Affiliation.STATE_CONTROLLED,
                    affiliation_label="Russian state-controlled media",
                )
                for n in range(AGENCIES)
            )
            written = 0
            now = timezone.now()
            pending: list[Claim] = []
            for number in range(-(-total // PER_ARTICLE)):
                count = min(PER_ARTICLE, total - written)
                body, quotes = article_body(number, count)
                article = Article(
                    headline=f"Scale story {number}: turnout across {count} districts",
                    slug=f"scale-{run}-{number}",
                    standfirst="Figures reported by agencies, district by district.",
                    body=body,
                    plain_text=plain_text(body),
                    byline="Newsroom staff",
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=number),
                )
                (article,) = Article.objects.bulk_create([article])
                pending.extend(
                    self._claims(
                        article, quotes, agencies, rng=rng, now=now, offset=written
                    )
                )
                written += count
                if len(pending) >= BATCH:
                    Claim.objects.bulk_create(pending, batch_size=BATCH)
                    pending.clear()
            Claim.objects.bulk_create(pending, batch_size=BATCH)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {written} claims in {-(-total // PER_ARTICLE)} articles "
                f"over {AGENCIES} agencies."
            )
        )

    def _claims(  # noqa: PLR0913 - the article, its quotes and how to spread them
        self,
        article: Article,
        quotes: list[str],
        agencies: list[Agency],
        *,
        rng: random.Random,
        now: Any,
        offset: int,
    ) -> list[Claim]:
        text = article.plain_text
        claims = []
        position = 0
        statuses = list(STATUS_WEIGHTS)
        anchors = list(ANCHOR_WEIGHTS)
        for k, quote in enumerate(quotes):
            start = text.index(quote, position)
            position = start + len(quote)
            status = rng.choices(statuses, weights=list(STATUS_WEIGHTS.values()))[0]
            anchor = rng.choices(anchors, weights=list(ANCHOR_WEIGHTS.values()))[0]
            if anchor == Claim.AnchorState.ORPHANED:
                status = Claim.Status.UNREVIEWED
            claim = Claim(
                article=article,
                agency=agencies[(offset + k) % len(agencies)],
                speaker=rng.choice(SPEAKERS),
                status=status,
                anchor_state=anchor,
                note=(
                    "Other counts differ; see the commission's published tally."
                    if status in Claim.NOTE_REQUIRED
                    else ""
                ),
                disputed_by=(
                    "Independent observers" if status == Claim.Status.DISPUTED else ""
                ),
                reviewed_at=now if status != Claim.Status.UNREVIEWED else None,
                created_at=now - timedelta(seconds=offset + k),
            )
            claim.set_selectors(anchoring.selectors_at(text, start, position))
            claims.append(claim)
        return claims
