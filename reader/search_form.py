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


class _Shared:
    """A field no search form changes: each form uses it as it is. Django
    deep-copies a form's fields for every form made, in case one changes
    them; on the search page that copying was a twentieth of a new search's
    time."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self


class _SharedCharField(_Shared, forms.CharField):
    pass


class _SharedChoiceField(_Shared, forms.ChoiceField):
    pass


# The agency field of the latest agencies offered, with its choices, in this
# process: (the agencies, the field).
_agency_field: list[tuple[dict[str, Agency], forms.ChoiceField]] = []


def _offering(agencies: dict[str, Agency]) -> forms.ChoiceField:
    """The agency field offering ``agencies`` (``agencies_by_slug``'s: one
    mapping per version of the lists), made once per version."""
    held = _agency_field[0] if _agency_field else None
    if held is not None and held[0] is agencies:
        return held[1]
    field = _SharedChoiceField(
        label="Attributed to",
        required=False,
        widget=QuickSelect,
        choices=[("", "Any agency")]
        + [(slug, agency.name) for slug, agency in agencies.items()],
    )
    _agency_field[:] = [(agencies, field)]
    return field


class SearchForm(forms.Form):
    """What a reader asks for: words, an agency, a claim status, a kind of result."""

    q = _SharedCharField(
        label="Search for",
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        strip=True,
    )
    # The agencies are read once, for the choices and the choice made (a
    # model choice field reads them twice, through a cursor): the field is
    # the one offering them (``_offering``).
    agency = _SharedChoiceField(
        label="Attributed to", required=False, widget=QuickSelect
    )
    status = _SharedChoiceField(
        label="Claim status",
        required=False,
        choices=[("", "Any status")]
        + [(status, status_word(status)) for status in ORDER],
        widget=QuickSelect,
    )
    kind = _SharedChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *KINDS.items()],
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, agencies: dict[str, Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        self.fields["agency"] = _offering(agencies)

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
