"""Possible repeats at the desk: each claim card's candidates awaiting a
decision, how many other stories a grouped claim is in, and the dashboard's
count. A fixed number of queries, whatever the number of claims."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from claims import selectors
from claims.models import Claim, ClaimMatch

# How many awaiting pairs the dashboard lists.
LISTED_REPEATS = 10


@dataclass(frozen=True)
class Repeat:
    """A claim of another story that may be this card's claim."""

    claim: Claim
    score: float
    kind: str
    differs: tuple[str, ...]

    @property
    def kind_words(self) -> str:
        return str(ClaimMatch.Kind(self.kind).label)

    @property
    def differs_words(self) -> str:
        words = {"source": "the source", "figures": "a figure", "negation": "a “not”"}
        return ", ".join(words.get(reason, reason) for reason in self.differs)


def awaiting() -> QuerySet[ClaimMatch]:
    """Proposed repeats nobody has decided on, between claims still shown and
    not already in one group."""
    return (
        ClaimMatch.objects.pending()
        .filter(first__withdrawn_at__isnull=True, second__withdrawn_at__isnull=True)
        .exclude(first__group__isnull=False, first__group=F("second__group"))
    )


def listed() -> list[ClaimMatch]:
    """The best-scored awaiting pairs, with both claims and their stories."""
    return list(
        awaiting()
        .select_related("first__article", "second__article")
        .order_by("-score", "pk")[:LISTED_REPEATS]
    )


def for_claims(
    claims: Sequence[Claim],
) -> tuple[dict[int, list[Repeat]], dict[int, int]]:
    """Each claim's repeats awaiting a decision, best first, and for each
    grouped claim the number of other stories its group spans."""
    pks = [claim.pk for claim in claims]
    pairs = list(
        awaiting().filter(Q(first_id__in=pks) | Q(second_id__in=pks)).order_by("-score")
    )
    others = Claim.objects.filter(
        pk__in={pair.first_id for pair in pairs} | {pair.second_id for pair in pairs}
    ).select_related("article")
    by_pk = {claim.pk: claim for claim in others}
    found: dict[int, list[Repeat]] = {}
    for pair in pairs:
        for mine in {pair.first_id, pair.second_id} & set(pks):
            other = by_pk[pair.other(mine)]
            found.setdefault(mine, []).append(
                Repeat(
                    other,
                    pair.score,
                    pair.kind,
                    tuple(filter(None, pair.differs.split(","))),
                )
            )
    sizes = selectors.stories_per_group(
        claim.group_id for claim in claims if claim.group_id is not None
    )
    spans = {
        claim.pk: sizes[claim.group_id] - 1
        for claim in claims
        if claim.group_id is not None
    }
    return found, spans
