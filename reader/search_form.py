"""The search page's form: the words, the agencies offered, a claim status
and a kind of result; its filters drawn once per choice of them."""

from typing import Any, NamedTuple

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


class Offered(NamedTuple):
    """Every agency the form offers, by slug, in its order, and the form's
    field offering them."""

    agencies: dict[str, Agency]
    field: forms.ChoiceField


def offered_agencies(lists: str) -> Offered:
    """The agencies offered and their field: read and made once per version
    of the lists (``lists``, its stamp), in this process."""

    def produce(_: list[str]) -> dict[str, Offered]:
        agencies = Agency.objects.order_by("name", "pk").only(
            "name", "name_in_text", "slug"
        )
        by_slug = {agency.slug: agency for agency in agencies}
        field = _SharedChoiceField(
            label="Attributed to",
            required=False,
            widget=QuickSelect,
            choices=[("", "Any agency")]
            + [(slug, agency.name) for slug, agency in by_slug.items()],
        )
        return {"": Offered(by_slug, field)}

    return kept("search-agencies", {"": lists}, produce, shared=False)[""]


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
    # the one offering them (``offered_agencies``).
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

    def __init__(self, *args: Any, offered: Offered, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = offered.agencies
        self.fields["agency"] = offered.field

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
