"""Readers' pages for finding things: search, and the index of agencies."""

from typing import Any

from django import forms
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import ListView

from articles.models import live_q
from claims import search
from claims.charts import ORDER, status_chart
from claims.labels import status_word
from claims.models import Agency

# Results of each kind on the page that shows all three kinds.
PREVIEW = 5
# Results on a page of one kind.
PAGE_SIZE = 20
KINDS = {"stories": "Stories", "claims": "Claims", "agencies": "Agencies"}


class SearchForm(forms.Form):
    """What a reader asks for: words, an agency, a claim status, a kind of result."""

    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        strip=True,
    )
    agency = forms.ModelChoiceField(
        label="Attributed to",
        queryset=Agency.objects.order_by("name").only("name", "name_in_text", "slug"),
        to_field_name="slug",
        required=False,
        empty_label="Any agency",
    )
    status = forms.ChoiceField(
        label="Claim status",
        required=False,
        choices=[("", "Any status")]
        + [(status, status_word(status)) for status in ORDER],
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *KINDS.items()],
    )


def _page(queryset: QuerySet[Any], number: str | None) -> Page[Any]:
    try:
        return Paginator(queryset, PAGE_SIZE).page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def search_view(request: HttpRequest) -> HttpResponse:
    """``/search/?q=``: stories, claims and agencies matching words and filters.

    Without a kind, the first few of each kind and how many there are;
    with ``kind=stories`` (or claims, agencies) one kind, paginated.
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
    sections = {
        "stories": search.with_highlights(
            results.stories.only(
                "headline", "slug", "standfirst", "plain_text", "published_at"
            ),
            query,
            ["headline", "standfirst"],
            excerpt="plain_text",
        ),
        "claims": search.with_highlights(results.claims, query, ["quote"]),
        "agencies": results.agencies,
    }
    shown: dict[str, dict[str, Any]] = {}
    for name, queryset in sections.items():
        if kind and kind != name:
            continue
        if kind:
            page = _page(queryset, request.GET.get("page"))
            items, count = list(page.object_list), page.paginator.count
        else:
            page, count = None, queryset.count()
            items = list(queryset[:PREVIEW]) if count else []
        shown[name] = {"items": items, "count": count, "page": page}
    if "stories" in shown:
        search.highlight(
            shown["stories"]["items"],
            query,
            ["headline", "standfirst"],
            excerpt="plain_text",
        )
    if "claims" in shown:
        search.highlight(shown["claims"]["items"], query, ["quote"])
    if "agencies" in shown:
        search.highlight(shown["agencies"]["items"], query, ["name", "aliases"])
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


class AgencyIndexView(ListView[Agency]):
    """``/agencies/``: every agency, its label, and how its public claims were reviewed."""

    template_name = "claims/agency_index.html"
    context_object_name = "agencies"

    def get_queryset(self) -> Any:
        public = live_q("claims__article__")
        return Agency.objects.annotate(
            **{
                f"count_{status}": Count(
                    "claims", filter=public & Q(claims__status=status)
                )
                for status in ORDER
            }
        ).order_by("name", "pk")

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
