"""Finding a claim's repeats in other stories, each with a score and a kind.

A candidate is a claim of another story attributed to the same agency (or
quoting the same person) whose folded words (``claims.folding``) are close
to this one's. On PostgreSQL the database finds them with ``pg_trgm``'s
similarity over a GIN trigram index on ``Claim.match_text``; elsewhere
rapidfuzz scores the same agency's claims in Python. Above ``SAME`` a
candidate is proposed as the same claim, from ``SIMILAR`` as similar; a
pair that differs in a figure, a negation or its source is never "the same
claim", whatever its score. Nothing is linked here: a person decides.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connections, router
from django.db.models import BigIntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast
from rapidfuzz import fuzz, process

from articles.models import search_columns
from claims import folding
from claims.group_models import ClaimMatch, MatchKind, MatchState
from claims.models import Claim

# Scores, on PostgreSQL pg_trgm's similarity (shared trigrams over all
# trigrams) and elsewhere rapidfuzz's token-sort ratio (an edit similarity
# of the words in order): the two measures differ, so each has its
# thresholds, chosen so that the same pairs fall on the same side of each
# (tests/claims/test_matching.py).
THRESHOLDS = {"postgresql": (0.8, 0.5), "default": (0.9, 0.7)}
# At most this many candidates per claim, best first.
LIMIT = 20

Reason = str
SOURCE, FIGURES, NEGATION = "source", "figures", "negation"


@dataclass(frozen=True)
class Candidate:
    """A claim of another story that may be this one."""

    claim_id: int
    article_id: int
    score: float
    kind: str
    differs: tuple[Reason, ...]


def thresholds(vendor: str | None = None) -> tuple[float, float]:
    """(same, similar) for the database in use."""
    vendor = vendor or connections[router.db_for_read(Claim)].vendor
    return THRESHOLDS.get(vendor, THRESHOLDS["default"])


def differences(
    folded: str, other: str, *, same_source: bool = True
) -> tuple[Reason, ...]:
    """What keeps two claims from being one, whatever their words' likeness."""
    found = []
    if not same_source:
        found.append(SOURCE)
    if folding.figures(folded) != folding.figures(other):
        found.append(FIGURES)
    if folding.negations(folded) != folding.negations(other):
        found.append(NEGATION)
    return tuple(found)


def kind_of(score: float, differs: Iterable[Reason], vendor: str | None = None) -> str:
    """ "same" above the high threshold with nothing differing, else "similar"."""
    same, _ = thresholds(vendor)
    return MatchKind.SAME if score >= same and not tuple(differs) else MatchKind.SIMILAR


def score(first: str, second: str) -> float:
    """How alike two folded texts are, on the scale of the database in use."""
    vendor = connections[router.db_for_read(Claim)].vendor
    if vendor == "postgresql":
        with connections[router.db_for_read(Claim)].cursor() as cursor:
            cursor.execute("SELECT similarity(%s, %s)", [first, second])
            return float(cursor.fetchone()[0])
    return fuzz.token_sort_ratio(first, second) / 100


def _sources(claim: Claim) -> list[Q]:
    """The same agency's claims, and the same person's (via any agency)."""
    # Typed as the columns are: the index holds bigints, and an integer
    # parameter would leave the agency out of the index condition.
    arms = [Q(agency_id=Cast(Value(claim.agency_id), BigIntegerField()))]
    if claim.person_id is not None:
        arms.append(Q(person_id=Cast(Value(claim.person_id), BigIntegerField())))
    return arms


def candidates(claim: Claim, limit: int = LIMIT) -> list[Candidate]:
    """The claims of other stories that may be ``claim``, best first."""
    if not claim.match_text:
        return []
    alias = router.db_for_read(Claim)
    vendor = connections[alias].vendor
    _, similar = thresholds(vendor)
    pool = (
        Claim.objects.using(alias)
        .filter(withdrawn_at__isnull=True)
        .exclude(article_id=claim.article_id)
        .order_by()
    )
    if claim.group_id is not None:
        pool = pool.exclude(group_id=claim.group_id)
    arms = _sources(claim)
    if vendor == "postgresql":
        rows = _postgres(
            [pool.filter(arm) for arm in arms], claim.match_text, similar, limit, alias
        )
    else:
        rows = _rapidfuzz(
            pool.filter(reduce(or_, arms)), claim.match_text, similar, limit
        )
    found = []
    for pk, article_id, agency_id, text, value in rows:
        if value < similar:
            # A threshold set in a transaction that rolled back is gone.
            continue
        differs = differences(
            claim.match_text, text, same_source=agency_id == claim.agency_id
        )
        found.append(
            Candidate(
                pk,
                article_id,
                round(value, 3),
                kind_of(value, differs, vendor),
                differs,
            )
        )
    return found


Row = tuple[int, int, int, str, float]


def _threshold(alias: str, similar: float) -> None:
    """Set ``%``'s threshold for the connection, once per database session:
    connections persist, and the lookups then cost one round trip."""
    wrapper = connections[alias]
    wrapper.ensure_connection()
    session = (id(wrapper.connection), similar)
    if getattr(wrapper, "_trigram_threshold", None) == session:
        return
    with wrapper.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
            [str(similar)],
        )
    wrapper._trigram_threshold = session  # type: ignore[attr-defined]


def _postgres(
    arms: list[QuerySet[Claim]], text: str, similar: float, limit: int, alias: str
) -> list[Row]:
    """The near claims of each source, each read through an index of its own.

    ``%`` is what the GIN trigram index answers; at the "similar" threshold
    it returns only rows that may be candidates. The agency's claims and the
    person's are two queries in one UNION: with an OR, the planner may take
    ``%`` out of both and read every agency's near matches.
    """
    _threshold(alias, similar)
    near = [
        arm.filter(match_text__trigram_similar=text)
        .annotate(score=TrigramSimilarity("match_text", text))
        .values_list("pk", "article_id", "agency_id", "match_text", "score")
        for arm in arms
    ]
    found = near[0].union(*near[1:]) if len(near) > 1 else near[0]
    return list(found.order_by("-score", "pk")[:limit])


def _rapidfuzz(
    pool: QuerySet[Claim], text: str, similar: float, limit: int
) -> list[Row]:
    rows = {
        pk: (pk, article_id, agency_id, other)
        for pk, article_id, agency_id, other in pool.values_list(
            "pk", "article_id", "agency_id", "match_text"
        )
    }
    best = process.extract(
        text,
        {pk: row[3] for pk, row in rows.items()},
        scorer=fuzz.token_sort_ratio,
        score_cutoff=similar * 100,
        limit=limit,
    )
    return [(*rows[pk], value / 100) for _, value, pk in best]


def record_candidates(
    claim: Claim, found: list[Candidate] | None = None
) -> list[ClaimMatch]:
    """Store ``claim``'s candidates (found now unless given) as pairs awaiting
    a decision; a pair already decided (or already proposed) stays as it is."""
    found = candidates(claim) if found is None else found
    if not found:
        return []
    pairs = [
        ClaimMatch(
            first_id=min(claim.pk, item.claim_id),
            second_id=max(claim.pk, item.claim_id),
            score=max(0.0, min(1.0, item.score)),
            kind=item.kind,
            differs=",".join(item.differs),
        )
        for item in found
    ]
    return ClaimMatch.objects.bulk_create(pairs, ignore_conflicts=True)


def refresh_candidates(claim: Claim) -> list[ClaimMatch]:
    """Find ``claim``'s repeats again after its words or its source changed,
    as on creation.

    A pair still awaiting a decision is rescored with the new words; one whose
    score no longer reaches the "similar" threshold is dropped. Decided pairs
    stay as they are: a person's decision is not undone by an edit.
    """
    found = {item.claim_id: item for item in candidates(claim)}
    pending = {
        pair.other(claim.pk): pair
        for pair in ClaimMatch.objects.involving(claim.pk).pending()
    }
    # A pending pair can fall outside the best LIMIT and still hold.
    missing = set(pending) - set(found)
    found |= {item.claim_id: item for item in _rescored(claim, missing)}
    ClaimMatch.objects.filter(
        pk__in=[pending[pk].pk for pk in missing - set(found)]
    ).delete()
    kept = []
    for other, pair in pending.items():
        item = found.get(other)
        if item is not None:
            pair.score = max(0.0, min(1.0, item.score))
            pair.kind, pair.differs = item.kind, ",".join(item.differs)
            kept.append(pair)
    ClaimMatch.objects.bulk_update(kept, ["score", "kind", "differs"])
    for other in set(pending):
        found.pop(other, None)
    return [*kept, *record_candidates(claim, list(found.values()))]


def _rescored(claim: Claim, others: set[int]) -> list[Candidate]:
    """Candidates among ``others`` still of the same source (scored one by
    one: they are few)."""
    if not others:
        return []
    _, similar = thresholds()
    rows = (
        Claim.objects.filter(pk__in=others, withdrawn_at__isnull=True)
        .filter(reduce(or_, _sources(claim)))
        .values_list("pk", "article_id", "agency_id", "match_text")
    )
    rescored = []
    for pk, article_id, agency_id, text in rows:
        value = score(claim.match_text, text) if claim.match_text else 0.0
        if value < similar or article_id == claim.article_id:
            continue
        differs = differences(
            claim.match_text, text, same_source=agency_id == claim.agency_id
        )
        rescored.append(
            Candidate(pk, article_id, round(value, 3), kind_of(value, differs), differs)
        )
    return rescored


@dataclass(frozen=True)
class Match:
    """A possible repeat of a claim as the desk sees it: the other claim (with
    its story and agency), its score and kind, and what was decided."""

    claim: Claim
    score: float | None
    kind: str
    status: str
    differs: tuple[Reason, ...]


def matches_for(claim: Claim) -> list[Match]:
    """A claim's possible repeats and group members: undecided first, then by score.

    A member of the claim's group that was joined through another member
    (no pair of its own) shows as confirmed, without a score.
    """
    pairs = {
        pair.other(claim.pk): pair for pair in ClaimMatch.objects.involving(claim.pk)
    }
    members = set()
    if claim.group_id is not None:
        members = set(
            Claim.objects.filter(group_id=claim.group_id)
            .exclude(pk=claim.pk)
            .values_list("pk", flat=True)
        )
    others = (
        Claim.objects.filter(pk__in=set(pairs) | members, withdrawn_at__isnull=True)
        .select_related("article", "agency")
        .defer(
            "article__body",
            "article__plain_text",
            *search_columns("article__"),
        )
    )
    found = []
    for other in others:
        pair = pairs.get(other.pk)
        status = (
            MatchState.CONFIRMED
            if other.pk in members
            else (pair.state if pair is not None else MatchState.PENDING)
        )
        if (
            pair is not None
            and other.pk not in members
            and status == MatchState.CONFIRMED
        ):
            status = MatchState.REJECTED  # confirmed once, since left the group
        found.append(
            Match(
                claim=other,
                score=pair.score if pair is not None else None,
                kind=pair.kind if pair is not None else MatchKind.SAME,
                status=status,
                differs=tuple(filter(None, pair.differs.split(","))) if pair else (),
            )
        )
    order = {MatchState.PENDING: 0, MatchState.CONFIRMED: 1, MatchState.REJECTED: 2}
    found.sort(key=lambda m: (order[MatchState(m.status)], -(m.score or 1), m.claim.pk))
    return found
