"""The search page's form: the words, the agencies offered, a claim status
and a kind of result; its filters drawn once per choice of them."""

from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from claims import search
from claims.labels import status_word
from claims.models import Agency
from claims.results import QuickSelect
from newsroom.parts import kept
from reader.charts import ORDER

KINDS = {"stories": "Stories", "claims": "Claims", "agencies": "Agencies"}


def agencies_by_slug(lists: str) -> dict[str, Agency]:
    """Every agency, by slug, in the order the form offers them: read once
    per version of the lists (``lists``, its stamp), in this process."""

    def produce(_: list[str]) -> dict[str, dict[str, Agency]]:
        agencies = Agency.objects.order_by("name", "pk").only(
            "name", "name_in_text", "slug"
        )
        return {"": {agency.slug: agency for agency in agencies}}

    return kept("search-agencies", {"": lists}, produce, shared=False)[""]


class SearchForm(forms.Form):
    """What a reader asks for: words, an agency, a claim status, a kind of result."""

    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        strip=True,
    )
    # The agencies are read once, for the choices and the choice made (a
    # model choice field reads them twice, through a cursor).
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

    def __init__(self, *args: Any, agencies: dict[str, Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        choices = [("", "Any agency")]
        choices += [(slug, agency.name) for slug, agency in self.agencies.items()]
        self.fields["agency"].choices = choices  # type: ignore[attr-defined]

    def clean_agency(self) -> Agency | None:
        return self.agencies.get(self.cleaned_data["agency"])


# The form's fields other than the words: its filters.
FILTERS = ("agency", "status", "kind")


def filters(form: SearchForm, lists: str) -> SafeString:
    """The form's filters, drawn once per version of the lists (the agencies
    offered) and choice made, in this process; afresh when one is refused."""

    def produce(keys: list[str]) -> dict[str, SafeString]:
        html = render_to_string("claims/search_filters.html", {"form": form})
        # The template's file ends its last line; the page goes on after it.
        return dict.fromkeys(keys, SafeString(html.removesuffix("\n")))

    if any(form[name].errors for name in FILTERS):
        return produce([""])[""]
    chosen = [str(form[name].value() or "") for name in FILTERS]
    key = f"{form.is_bound}\n" + "\n".join(chosen)
    return kept("search-filters", {key: lists}, produce, shared=False)[key]
