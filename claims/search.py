"""Search over published stories, their claims and the agencies: one place for every caller.

On PostgreSQL this is full-text search with the English configuration:
words are stemmed ("referendums" finds "referendum"), a query reads like a
web search (``"exact phrase"``, ``or``, ``-word``), results are ranked with
headline words above standfirst words above body words, and GIN indexes on
the stored search documents (``search_document`` of stories and claims, see
``newsroom.fulltext``; migration ``claims.0012_claim_search_document_gin_indexes``)
serve the match. A search returns at most the newest ``RANKED`` (1,000)
matches, ranked, so a word found in most of the archive costs about as
little as a rare one. Other databases (SQLite, the zero-setup default) match each word of the query as a
case-insensitive substring instead ("-word" excludes one; phrases are read
as separate words): no stemming, and a simpler ranking by the field a word
was found in.

The functions take the queryset to search, so each caller keeps its own idea
of what may be seen: readers' pages pass only published stories, the API its
visible querysets, the admin everything an editor may open.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Model,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Combinable, CombinedExpression
from django.db.models.functions import Cast

from articles.models import Article, live_q
from claims.models import Agency, Claim
from newsroom import fulltext

CONFIG = fulltext.CONFIG
# On PostgreSQL, how many matches a search returns: the newest this many,
# ranked by relevance. Counting, ranking and sorting every match of a word
# found in most of the archive reads every document it is in; the newest
# thousand are read through an index and are what a reader pages through.
RANKED = 1000
# The longest query readers may send; longer ones are refused by the form.
MAX_QUERY_LENGTH = 200


def article_vector() -> F:
    """What a story is searched by: its stored document (headline A, standfirst B,
    body C), kept by the database and served by the ``article_search_document``
    GIN index."""
    return F("search_document")


def article_rank_vector() -> Func:
    """What a story is ranked by: the headline and standfirst words of its document.

    ``ts_filter`` keeps the A and B lexemes of the stored document without
    parsing any text; a body-only match ranks below a headline or standfirst
    match either way, and among body-only matches the newest comes first.
    """
    return Func(
        F("search_document"),
        Value("{a,b}"),
        function="ts_filter",
        output_field=SearchVectorField(),
    )


def claim_vector() -> F:
    """What a claim is searched by: its stored document (quote A, speaker B),
    served by the ``claim_search_document`` GIN index."""
    return F("search_document")


def agency_vector() -> CombinedExpression:
    """An agency's name and aliases (few rows, so no index)."""
    return SearchVector("name", config=CONFIG, weight="A") + SearchVector(
        Cast("aliases", TextField()), config=CONFIG, weight="B"
    )


def is_full_text(queryset: QuerySet[Any]) -> bool:
    """Whether the queryset's database has PostgreSQL full-text search."""
    return connections[queryset.db].vendor == "postgresql"


def full_text_here() -> bool:
    """Whether the database readers' searches go to has PostgreSQL full-text search."""
    alias = router.db_for_read(Article) or DEFAULT_DB_ALIAS
    return connections[alias].vendor == "postgresql"


def terms(query: str) -> list[str]:
    """The words a query asks for, as the substring fallback matches them."""
    return [
        word
        for word in re.split(r"[\s\"]+", query)
        if word and not word.startswith("-") and word.lower() != "or"
    ]


def excluded(query: str) -> list[str]:
    """The words a query excludes ("-word"), as the substring fallback reads them."""
    return [
        word[1:] for word in re.split(r"[\s\"]+", query) if word[1:2] and word[0] == "-"
    ]


def web_query(query: str) -> SearchQuery:
    """A reader's words as a full-text query (quoted phrases, ``-word``, ``or``)."""
    return SearchQuery(query, config=CONFIG, search_type="websearch")


def claim_query(query: str) -> SearchQuery:
    """The full-text query that ``claim_vector()`` is matched against."""
    return web_query(query)


def _substring_filter(fields: Sequence[str], query: str) -> Q | None:
    """Every word of the query in at least one of the fields, and no excluded word.

    None when the query asks for no word at all: nothing matches.
    """
    wanted = terms(query)
    if not wanted:
        return None
    condition = Q()
    for word in wanted:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    for word in excluded(query):
        for field in fields:
            condition &= ~Q(**{f"{field}__icontains": word})
    return condition


def _substring_rank(weighted: Iterable[tuple[str, float]], query: str) -> Any:
    """A rank for the fallback: the sum, over words and fields, of the field's weight."""
    total: Any = Value(0.0)
    for word in terms(query):
        for field, weight in weighted:
            total = total + Case(
                When(**{f"{field}__icontains": word}, then=Value(weight)),
                default=Value(0.0),
                output_field=FloatField(),
            )
    return total


class _AnyOf(Func):
    """``pk = ANY(ARRAY(subquery))``: the subquery runs once, before the rest,
    and its rows are read by primary key. (``pk IN (subquery)`` may be planned
    as a join that reads the whole table to find a thousand rows.)"""

    template = "%(expressions)s)"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()


@dataclass(frozen=True)
class _Kind:
    """How one kind of result is searched and ordered."""

    # What is matched on PostgreSQL, and what ranked (``vector`` if None).
    vector: Combinable
    # Fields and their weights for the substring fallback.
    weighted: Sequence[tuple[str, float]]
    # The order among equally ranked results.
    then_by: Sequence[str]
    # An indexed order that picks the newest ``RANKED`` matches.
    newest: Sequence[str]
    rank_vector: Combinable | None = None
    # Whether only the newest ``RANKED`` matches are ranked (not for a few rows).
    capped: bool = True


def _search[M: Model](queryset: QuerySet[M], query: str, kind: _Kind) -> QuerySet[M]:
    """What matches, annotated with ``search_rank``, best first, then by ``then_by``.

    On PostgreSQL only the newest ``RANKED`` matches (by ``kind.newest``) are
    returned and ranked.
    """
    matched: Any
    if is_full_text(queryset):
        search_query = web_query(query)
        found = queryset.alias(_document=kind.vector).filter(_document=search_query)
        if kind.capped:
            candidates = found.order_by(*kind.newest).values("pk")[:RANKED]
            found = queryset.filter(_AnyOf(F("pk"), Subquery(candidates)))
        matched = found.annotate(
            search_rank=SearchRank(
                kind.vector if kind.rank_vector is None else kind.rank_vector,
                search_query,
            )
        )
    else:
        condition = _substring_filter([field for field, _ in kind.weighted], query)
        matched = (
            queryset.none() if condition is None else queryset.filter(condition)
        ).annotate(search_rank=_substring_rank(kind.weighted, query))
    ordered: QuerySet[M] = matched.order_by("-search_rank", *kind.then_by)
    return ordered


def search_articles(queryset: QuerySet[Article], query: str) -> QuerySet[Article]:
    """Stories matching the query, best first: headline, then standfirst, then body."""
    kind = _Kind(
        vector=article_vector(),
        weighted=[("headline", 1.0), ("standfirst", 0.4), ("plain_text", 0.2)],
        then_by=["-published_at", "-pk"],
        newest=["-published_at", "-pk"],
        rank_vector=article_rank_vector(),
    )
    return _search(queryset, query, kind)


def search_claims(queryset: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """Claims whose quote or speaker matches the query, best first."""
    kind = _Kind(
        vector=claim_vector(),
        weighted=[("quote", 1.0), ("speaker", 0.4)],
        then_by=["-article__published_at", "article_id", "start", "pk"],
        newest=["-pk"],
    )
    return _search(queryset, query, kind)


def search_agencies(queryset: QuerySet[Agency], query: str) -> QuerySet[Agency]:
    """Agencies whose name or an alias matches the query, best first."""
    kind = _Kind(
        vector=agency_vector(),
        weighted=[("name", 1.0), ("_aliases", 0.4)],
        then_by=["name", "pk"],
        newest=["name", "pk"],
        capped=False,
    )
    return _search(queryset.alias(_aliases=Cast("aliases", TextField())), query, kind)


# What each kind is matched by elsewhere than PostgreSQL: the fields the
# ranked searches above read, by substring.
_SUBSTRING_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Article: ("headline", "standfirst", "plain_text"),
    Claim: ("quote", "speaker"),
}


def condition(queryset: QuerySet[Any], query: str) -> Q | None:
    """Which stories or claims of the queryset match the query, as a condition.

    On PostgreSQL the stored document against the query (its GIN index
    serves it); elsewhere every word as a substring. For callers that keep
    their own order and may widen the match, such as the review queue (a
    claim, or its agency or headline). None when the query asks for no word.
    """
    if not is_full_text(queryset):
        return _substring_filter(_SUBSTRING_FIELDS[queryset.model], query)
    if not terms(query):
        return None
    return Q(search_document=web_query(query))


def matches[M: Model](queryset: QuerySet[M], query: str) -> QuerySet[M]:
    """The stories or claims of the queryset matching the query, in its own order."""
    found = condition(queryset, query)
    return queryset.none() if found is None else queryset.filter(found)


def matching(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    """Stories, claims or agencies matching the query, whichever the queryset holds.

    For callers that hold a queryset of any of the three, such as an admin's
    ``get_search_results``.
    """
    searches: dict[type[Model], Callable[[QuerySet[Any], str], QuerySet[Any]]] = {
        Article: search_articles,
        Claim: search_claims,
        Agency: search_agencies,
    }
    return searches[queryset.model](queryset, query)


@dataclass
class Results:
    """What readers find: three querysets, each best first."""

    stories: QuerySet[Article]
    claims: QuerySet[Claim]
    agencies: QuerySet[Agency]


def public_search(
    query: str,
    *,
    agency: Agency | int | None = None,
    status: str = "",
    now: datetime | None = None,
) -> Results:
    """Published stories, their claims and agencies matching a query and filters.

    The filters narrow each kind: stories to those with a claim attributed
    to the agency and/or in the status; claims to that agency and status;
    agencies to that one, or to those with a claim in the status. With
    filters and no words, everything that passes them is listed, newest first.
    ``agency`` may be given by its primary key; ``now`` is the moment what
    is published is judged at (the present unless given).
    """
    claims = Claim.objects.public(now)
    if agency is not None:
        claims = claims.filter(agency=agency)
    if status:
        claims = claims.filter(status=status)
    # What Article.objects.published() reads, at ``now``.
    stories = Article.objects.filter(live_q(now=now))
    agencies = Agency.objects.all()
    if agency is not None or status:
        stories = stories.filter(pk__in=claims.values("article_id"))
        agencies = agencies.filter(pk__in=claims.values("agency_id"))
    claims = claims.select_related("agency", "article")
    if query:
        return Results(
            stories=search_articles(stories, query),
            claims=search_claims(claims, query),
            agencies=search_agencies(agencies, query),
        )
    return Results(
        stories=stories.order_by("-published_at", "-pk"),
        claims=claims.order_by("-article__published_at", "article_id", "start", "pk"),
        agencies=agencies.order_by("name", "pk"),
    )


def queue_matches(
    claims: QuerySet[Claim], term: str, *, headlines: int
) -> QuerySet[Claim] | None:
    """The editors' queue search: claims whose quote or speaker matches as the
    readers' search matches them, or whose agency or article headline does;
    None for an empty term.

    Agencies and headlines are few, so they are found first and the claims
    matched by their ids, which the planner combines with the claims'
    full-text index; at most ``headlines`` of the newest stories count. The
    caller's order stands.
    """
    term = term.strip()
    matched = condition(claims, term)
    if matched is None:
        return None
    agencies = list(
        search_agencies(Agency.objects.all(), term).values_list("pk", flat=True)
    )
    articles = list(
        Article.objects.filter(headline__icontains=term)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:headlines]
    )
    if agencies:
        matched |= Q(agency_id__in=agencies)
    if articles:
        matched |= Q(article_id__in=articles)
    return claims.filter(matched)
