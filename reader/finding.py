"""Readers' pages for finding things: search, and the index of agencies."""

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import JSONArray
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.views.generic import TemplateView

from articles.models import Article
from claims import highlights, search
from claims.models import Agency, Claim
from claims.results import PREVIEW, counted, page_of
from newsroom.answers import keep_when_asked_again
from newsroom.caching import LISTS, generations, public_page
from newsroom.parts import is_bypassed, kept, remembered
from newsroom.statements import Prepared, together
from reader import result_list
from reader.agency_cards import agency_cards
from reader.charts import ORDER
from reader.result_list import LINKED
from reader.search_form import KINDS, SearchForm, filters, offered_agencies

# What a claim's result shows (``reader.result_list``): its words, status
# and attribution (the speaker, the person and the agency as they are
# named), and its story's headline, address and date. Reading the rest
# cost each claim found as much as its row.
SHOWN_OF_CLAIMS = (
    "quote",
    "speaker",
    "status",
    "words_changed_at",
    "attribution_kind",
    "reporting_verb",
    "anchor_state",
    "article__headline",
    "article__slug",
    "article__published_at",
    "agency__name",
    "agency__slug",
    "agency__kind",
    "agency__name_in_text",
    "agency__aliases",
    "agency__country",
    "agency__state_affiliation",
    "agency__affiliation_label",
    "person__name",
    "person__role",
)
# What an agency's result shows: its name and aliases marked, its label or facts.
SHOWN_OF_AGENCIES = ("name", "slug", "aliases", "kind", "country", "affiliation_label")
# What an agency's card on the index shows.
CARD_FIELDS = ("name", "slug", "kind", "country", "affiliation_label", "name_in_text")
# Stand-in, in a kept fragment of results, for the request's other
# parameters, which each link to more results repeats.
_BASE_QUERY = SafeString("\x00Q\x00")


def _sections(results: search.Results, query: str) -> dict[str, QuerySet[Any]]:
    """Each kind's results, with what its page shows of them and its highlights."""
    # The database cuts the excerpt where it can: then the text stays there.
    fields = ["headline", "slug", "standfirst", "published_at"]
    if not (query and search.is_full_text(results.stories)):
        fields.append("plain_text")
    return {
        "stories": highlights.with_highlights(
            results.stories.only(*fields),
            query,
            ["headline", "standfirst"],
            excerpt="plain_text",
            paragraphs="paragraph_documents",
        ),
        "claims": highlights.with_highlights(
            results.claims.select_related("person").only(*SHOWN_OF_CLAIMS),
            query,
            ["quote"],
        ),
        "agencies": results.agencies.only(*SHOWN_OF_AGENCIES),
    }


# What of each kind is marked up: the fields searched, and the text an
# excerpt is cut from.
_HIGHLIGHTED: dict[str, tuple[list[str], str]] = {
    "stories": (["headline", "standfirst"], "plain_text"),
    "claims": (["quote"], ""),
    "agencies": (["name", "aliases"], ""),
}


def _section(
    name: str, query: str, agency: Agency | int | None, status: str, now: datetime
) -> QuerySet[Any]:
    """One kind's results, with what its page shows of them and its highlights."""
    results = search.public_search(query, agency=agency, status=status, now=now)
    return _sections(results, query)[name]


def _build(shape: tuple[Any, ...], query: str, now: datetime, *rest: Any) -> Any:
    name, with_agency, with_status, start, stop, _ = shape
    agency = rest[0] if with_agency else None
    status = rest[-1] if with_status else ""
    return _section(name, query, agency, status, now)[start:stop]


# A search's rows compiled to SQL once per connection and kind of search.
_PREPARED = {
    "stories": Prepared(Article, _build),
    "claims": Prepared(Claim, _build),
    "agencies": Prepared(Agency, _build),
}


def _call(
    name: str, asked: dict[str, Any], now: datetime, start: int, stop: int
) -> tuple[Prepared, tuple[Any, ...], list[Any]]:
    """One kind's rows ``start:stop`` as a compiled statement, its shape and values."""
    agency = asked["agency"]
    values = [asked["q"], now, *([agency.pk] if agency else []), asked["status"]]
    # The SQL holds how many of the newest matches are ranked, too.
    shape = (
        name,
        agency is not None,
        bool(asked["status"]),
        start,
        stop,
        search.RANKED,
    )
    return _PREPARED[name], shape, values


def _matches(
    name: str, asked: dict[str, Any], now: datetime
) -> tuple[Callable[[int, int], list[Any]], Callable[[], int]]:
    """How to read rows of one kind's results, and how to count them."""
    query, agency, status = asked["q"], asked["agency"], asked["status"]

    def rows(start: int, stop: int) -> list[Any]:
        # Compiled for the pages a search can have (its newest RANKED
        # matches), so the SQL kept per connection stays bounded.
        if not (query and search.full_text_here()) or stop > search.RANKED:
            return list(_section(name, query, agency, status, now)[start:stop])
        prepared, shape, values = _call(name, asked, now, start, stop)
        return prepared.objects(shape, *values)

    return rows, lambda: _section(name, query, agency, status, now).count()


def _previews(asked: dict[str, Any], now: datetime) -> dict[str, list[Any]]:
    """The first few of every kind, read together (one round trip) where
    the words are matched full-text; else none."""
    if not (asked["q"] and search.full_text_here()):
        return {}
    calls = [_call(name, asked, now, 0, PREVIEW) for name in KINDS]
    return dict(zip(KINDS, together(calls), strict=True))


def _read(
    rows: Callable[[int, int], list[Any]], first: list[Any] | None
) -> Callable[[int, int], list[Any]]:
    """``rows``, but the first few read already if ``first`` holds them."""
    return lambda start, stop: first if first is not None else rows(start, stop)


def _shown(request: HttpRequest, asked: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each kind shown: the first few and how many (no kind asked for), or one
    page of the kind asked for; only the rows shown are highlighted."""
    shown: dict[str, dict[str, Any]] = {}
    now = timezone.now()
    first = {} if asked["kind"] else _previews(asked, now)
    for name in KINDS:
        if asked["kind"] and asked["kind"] != name:
            continue
        rows, count = _matches(name, asked, now)
        if asked["kind"]:
            page = page_of(rows, count, request.GET.get("page"))
            items, total = list(page.object_list), page.paginator.count
        else:
            page = None
            items, total = counted(_read(rows, first.get(name)), count, 0, PREVIEW)
        fields, excerpt = _HIGHLIGHTED[name]
        highlights.highlight(items, asked["q"], fields, excerpt=excerpt)
        LINKED[name](items)
        shown[name] = {"items": items, "count": total, "page": page}
    return shown


class _Searches:
    """The results of the searches this process made last, each with the
    version of the lists it was made at (``SEARCHES_KEPT`` of them).

    Kept apart from the pages' parts (``newsroom.parts``), which a run of
    new searches must not push out, and not in the shared cache: searches
    are many and rarely repeated, and a lookup there would cost every new
    search a round trip.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.held: OrderedDict[tuple[str, ...], tuple[str, str]] = OrderedDict()
        self.lock = threading.Lock()
        remembered(self.forget)

    def forget(self) -> None:
        with self.lock:
            self.held.clear()

    def kept(self, key: tuple[str, ...], lists: str, produce: Callable[[], str]) -> str:
        """The results kept for ``key`` at ``lists``, else made by ``produce``."""
        if is_bypassed():
            return produce()
        with self.lock:
            found = self.held.get(key)
            if found is not None and found[0] == lists:
                self.held.move_to_end(key)
                return found[1]
        html = produce()
        with self.lock:
            self.held[key] = (lists, html)
            self.held.move_to_end(key)
            while len(self.held) > self.size:
                self.held.popitem(last=False)
        return html


SEARCHES_KEPT = 500
_searches = _Searches(SEARCHES_KEPT)


def _results(request: HttpRequest, lists: str, asked: dict[str, Any]) -> SafeString:
    """The results part of the page, kept per search and version of the lists.

    The links to more results carry the request's parameters, filled in here.
    """
    query: str = asked["q"]
    agency: Agency | None = asked["agency"]
    status: str = asked["status"]
    kind: str = asked["kind"]
    page = request.GET.get("page", "") if kind else ""
    search_key: tuple[str, ...] = (
        query,
        agency.slug if agency else "",
        status,
        kind,
        page,
    )

    def produce() -> str:
        shown = _shown(request, asked)
        full_text = search.full_text_here()
        # A kind with this many matches was cut at the newest (search.RANKED).
        capped = (
            query
            and full_text
            and any(section["count"] >= search.RANKED for section in shown.values())
        )
        said = result_list.Asked(
            query, agency, status, f"{search.RANKED:,}" if capped else "", full_text
        )
        return result_list.result_list(shown, said, _BASE_QUERY)

    html = _searches.kept(search_key, lists, produce)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("kind", None)
    # Every piece of the fragment was escaped as it was rendered.
    return SafeString(html.replace(_BASE_QUERY, escape(params.urlencode())))


# Stand-ins, in the page kept around a search's results, for what differs
# from one search to the next.
_TITLE, _QUERY, _TYPED, _FILTERS, _RESULTS = (
    SafeString(f"\x00{name}\x00") for name in ("T", "Q", "V", "F", "R")
)


def _answered(
    request: HttpRequest, lists: str, context: dict[str, Any]
) -> HttpResponse:
    """The search page around valid results, drawn once per version of the
    lists, language and whether words were asked, then filled in: the
    template around them cost a seventh of a new search. What is filled in
    is escaped as the template escapes it (the filters and results come
    drawn and escaped)."""
    query = context["query"]

    def produce(_: list[str]) -> dict[str, str]:
        stand_ins = {
            "title_query": _TITLE if query else "",
            "query": _QUERY if query else "",
            "typed": _TYPED,
            "filters": _FILTERS,
            "results": _RESULTS,
        }
        page = render(request, "claims/search.html", {**context, **stand_ins})
        return {"": page.content.decode()}

    name = f"search-page:{translation.get_language()}:{bool(query)}"
    page = kept(name, {"": lists}, produce, shared=False)[""]
    for stand_in, value in (
        (_TITLE, escape(context["title_query"])),
        (_QUERY, escape(query)),
        (_TYPED, escape(context["typed"])),
        (_FILTERS, context["filters"]),
        (_RESULTS, context["results"]),
    ):
        page = page.replace(stand_in, value)
    return HttpResponse(page)


@public_page(lambda: [LISTS])
def search_view(request: HttpRequest) -> HttpResponse:
    """``/search/?q=``: stories, claims and agencies matching words and filters.

    Without a kind, the first few of each kind and how many there are;
    with ``kind=stories`` (or claims, agencies) one kind, paginated. Each
    kind is one query (the three kinds' first few one query together on
    PostgreSQL): its rows on the page, and how many match where the page
    is full; only the rows shown are highlighted. The filters are drawn
    once per choice of them. The results of a
    search are kept until the lists change: in this process, and (the whole
    answer) for other readers once a search is asked for again.
    """
    (lists,) = generations([LISTS])
    form = SearchForm(request.GET or None, offered=offered_agencies(lists))
    typed = form["q"].value()
    context: dict[str, Any] = {
        "form": form,
        "filters": filters(form, lists),
        "typed": "" if typed is None else typed,
    }
    if not form.is_bound:
        return render(request, "claims/search.html", context)
    # Most searches are asked for once: kept for other readers when asked again.
    keep_when_asked_again(request)
    if not form.is_valid():
        return render(request, "claims/search.html", context, status=400)
    asked = form.cleaned_data
    if not (asked["q"] or asked["agency"] or asked["status"]):
        return render(request, "claims/search.html", context)
    context.update(
        query=asked["q"],
        # As the template's truncatechars filter cuts it.
        title_query=Truncator(asked["q"]).chars(60),
        results=_results(request, lists, asked),
    )
    return _answered(request, lists, context)


def _counted_agencies(shape: tuple[()], now: datetime) -> QuerySet[Agency]:
    """Each agency with its claims public at ``now`` counted by status, in
    ``ORDER`` (``counts``: a list, None for an agency without any).

    One query: each agency's public claims counted in a subquery of their
    own, so only public claims are joined and counted (grouping every claim
    with its agency, and judging each one public once per status, took
    twice as long). Only the fields the page shows.
    """
    counts = (
        Claim.objects.public(now)
        .filter(agency=OuterRef("pk"))
        .order_by()
        .values("agency")
        .annotate(
            counts=JSONArray(
                *(Count("pk", filter=Q(status=status)) for status in ORDER)
            )
        )
        .values("counts")
    )
    return (
        Agency.objects.only(*CARD_FIELDS)
        .annotate(counts=Subquery(counts))
        .order_by("name", "pk")
    )


# The agency index's query, compiled to SQL once per connection.
_COUNTED_AGENCIES = Prepared(Agency, _counted_agencies)


def _agency_cards() -> str:
    """Every agency's card: its label, and how its public claims were reviewed."""
    return agency_cards(_COUNTED_AGENCIES.objects((), timezone.now()))


@method_decorator(public_page(lambda: [LISTS]), name="dispatch")
class AgencyIndexView(TemplateView):
    """``/agencies/``: every agency, its label, and how its public claims were
    reviewed; the cards kept until the lists change."""

    template_name = "claims/agency_index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        (lists,) = generations([LISTS])
        cards = kept("agency-index", {"": lists}, lambda _: {"": _agency_cards()})
        # Every piece of the cards was escaped as it was rendered.
        context["cards"] = SafeString(cards[""])
        return context
