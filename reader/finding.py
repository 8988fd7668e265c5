"""Readers' pages for finding things: search, and the index of agencies."""

from typing import Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from articles.models import live_q
from claims import highlights, search
from claims.labels import status_word
from claims.models import Agency
from claims.results import PREVIEW, QuickSelect, counted, page_of
from newsroom.caching import LISTS, public_page
from reader.charts import ORDER, status_chart

# What a claim found carries that its result does not show: the stored
# documents and the texts of its story.
UNSHOWN = (
    "search_document",
    "article__body",
    "article__plain_text",
    "article__search_document",
)
# What an agency's card on the index shows.
CARD_FIELDS = ("name", "slug", "kind", "country", "affiliation_label", "name_in_text")
KINDS = {"stories": "Stories", "claims": "Claims", "agencies": "Agencies"}


class SearchForm(forms.Form):
    """What a reader asks for: words, an agency, a claim status, a kind of result."""

    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        strip=True,
    )
    # The agencies are read once, in one query, for the choices and the
    # choice made (a model choice field reads them twice, through a cursor).
    agency = forms.ChoiceField(
        label="Attributed to", required=False, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label="Claim status",
        required=False,
        choices=[("", "Any status")]
        + [(status, status_word(status)) for status in ORDER],
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *KINDS.items()],
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {
            agency.slug: agency
            for agency in Agency.objects.order_by("name", "pk").only(
                "name", "name_in_text", "slug"
            )
        }
        choices = [("", "Any agency")]
        choices += [(slug, agency.name) for slug, agency in self.agencies.items()]
        self.fields["agency"].choices = choices  # type: ignore[attr-defined]

    def clean_agency(self) -> Agency | None:
        return self.agencies.get(self.cleaned_data["agency"])


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
        ),
        "claims": highlights.with_highlights(
            results.claims.defer(*UNSHOWN), query, ["quote"]
        ),
        "agencies": results.agencies,
    }


# What of each kind is marked up: the fields searched, and the text an
# excerpt is cut from.
_HIGHLIGHTED: dict[str, tuple[list[str], str]] = {
    "stories": (["headline", "standfirst"], "plain_text"),
    "claims": (["quote"], ""),
    "agencies": (["name", "aliases"], ""),
}


def _shown(
    request: HttpRequest, sections: dict[str, QuerySet[Any]], kind: str, query: str
) -> dict[str, dict[str, Any]]:
    """Each kind shown: the first few and how many (no kind asked for), or one
    page of the kind asked for; only the rows shown are highlighted."""
    shown: dict[str, dict[str, Any]] = {}
    for name, queryset in sections.items():
        if kind and kind != name:
            continue
        if kind:
            page = page_of(queryset, request.GET.get("page"))
            items, count = list(page.object_list), page.paginator.count
        else:
            page = None
            items, count = counted(queryset, 0, PREVIEW)
        fields, excerpt = _HIGHLIGHTED[name]
        highlights.highlight(items, query, fields, excerpt=excerpt)
        shown[name] = {"items": items, "count": count, "page": page}
    return shown


@public_page(lambda: [LISTS])
def search_view(request: HttpRequest) -> HttpResponse:
    """``/search/?q=``: stories, claims and agencies matching words and filters.

    Without a kind, the first few of each kind and how many there are;
    with ``kind=stories`` (or claims, agencies) one kind, paginated. Each
    kind is one query: its rows on the page and how many match, together;
    only the rows shown are highlighted.
    """
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if not form.is_bound:
        return render(request, "claims/search.html", context)
    if not form.is_valid():
        return render(request, "claims/search.html", context, status=400)
    query: str = form.cleaned_data["q"]
    agency: Agency | None = form.cleaned_data["agency"]
    status: str = form.cleaned_data["status"]
    kind: str = form.cleaned_data["kind"]
    if not (query or agency or status):
        return render(request, "claims/search.html", context)

    results = search.public_search(query, agency=agency, status=status)
    shown = _shown(request, _sections(results, query), kind, query)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("kind", None)
    context.update(
        query=query,
        agency=agency,
        status=status,
        kind=kind,
        sections=shown,
        total=sum(section["count"] for section in shown.values()),
        base_query=params.urlencode(),
        full_text=search.is_full_text(results.stories),
        # A kind with this many matches was cut at the newest (search.RANKED).
        capped=f"{search.RANKED:,}"
        if query
        and search.is_full_text(results.stories)
        and any(section["count"] >= search.RANKED for section in shown.values())
        else "",
    )
    return render(request, "claims/search.html", context)


@method_decorator(public_page(lambda: [LISTS]), name="dispatch")
class AgencyIndexView(ListView[Agency]):
    """``/agencies/``: every agency, its label, and how its public claims were reviewed."""

    template_name = "claims/agency_index.html"
    context_object_name = "agencies"

    def get_queryset(self) -> Any:
        # One grouped query: each agency with its public claims counted by
        # status. Only the fields the page shows: every column read here is
        # carried through the join with every claim before the grouping.
        public = live_q("claims__article__") & Q(claims__withdrawn_at=None)
        return (
            Agency.objects.only(*CARD_FIELDS)
            .annotate(
                **{
                    f"count_{status}": Count(
                        "claims", filter=public & Q(claims__status=status)
                    )
                    for status in ORDER
                }
            )
            .order_by("name", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for agency in context["agencies"]:
            counts: list[tuple[str, int]] = [
                (status, getattr(agency, f"count_{status}")) for status in ORDER
            ]
            agency.claim_total = sum(count for _, count in counts)
            agency.chart = status_chart(
                counts,
                title=f"Claims attributed to {agency.in_text}, by status",
                title_id=f"chart-title-{agency.slug}",
            )
        return context
