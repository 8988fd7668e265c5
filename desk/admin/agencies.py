"""Editors' admin for agencies: aliases, kind, country and the state-affiliation label."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from claims.models import Agency
from claims.services import LABEL_FIELDS, change_agency, create_agency
from desk.admin.deleting import RetiresOnDelete
from desk.admin.filters import CountryListFilter
from desk.admin.forms import LinesField
from desk.admin.history import AgencyLabelChangeInline

LABEL_FIELDSET = _("State affiliation")


def country_choices() -> list[tuple[str, str]]:
    """Every country by name, its code kept as the value; none first."""
    return [("", str(_("— (none)"))), *((code, str(name)) for code, name in countries)]


class AgencyForm(forms.ModelForm[Agency]):
    """An agency, with its aliases one per line and its country chosen by name."""

    aliases = LinesField(
        label=_("Aliases"),
        required=False,
        help_text=_("One per line: names that identify the agency in text."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        required=False,
        help_text=_("Where the agency is based."),
    )

    class Meta:
        model = Agency
        fields = [
            "name",
            "name_in_text",
            "slug",
            "aliases",
            "kind",
            "country",
            "state_affiliation",
            "affiliation_label",
            "affiliation_source",
            "affiliation_date",
            "website",
            "description",
        ]
        labels = {"slug": _("Web address")}
        help_texts = {
            "slug": _(
                "The last part of the agency's page address; filled from the name."
            )
        }


def agency_label(agency: Agency) -> str:
    """An agency's name with its state-affiliation label, as readers see it."""
    if agency.affiliation_label:
        return f"{agency.name} ({agency.affiliation_label})"
    return agency.name


class AgencyAdmin(RetiresOnDelete, admin.ModelAdmin[Agency]):
    """Agencies: editors keep the aliases, kind, country and state-affiliation label."""

    form = AgencyForm
    list_display = [
        "name",
        "kind",
        "country_name",
        "state_affiliation",
        "affiliation_label",
        "affiliation_date",
    ]
    list_filter = ["kind", "state_affiliation", CountryListFilter]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {"fields": ["name", "name_in_text", "slug", "aliases", "kind", "country"]},
        ),
        (
            LABEL_FIELDSET,
            {
                "fields": [
                    "state_affiliation",
                    "affiliation_label",
                    "affiliation_source",
                    "affiliation_date",
                ]
            },
        ),
        (None, {"fields": ["website", "description"]}),
    ]

    class Media:
        css = {"all": ["claims/admin/admin.css"]}

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        """Without the label for those who may not label agencies (reporters
        adding one): its affiliation stays unknown until an editor labels it.
        Those who may only view an agency see every field read-only."""
        if self.has_change_permission(request, obj):
            return self.fieldsets
        if obj is None:
            return [
                fieldset for fieldset in self.fieldsets if fieldset[0] != LABEL_FIELDSET
            ]
        shown = {"country": "country_name", "aliases": "alias_lines"}
        return [
            (
                title,
                {
                    **options,
                    "fields": [shown.get(str(f), f) for f in options["fields"]],
                },
            )
            for title, options in self.fieldsets
        ]

    @admin.display(description=_("aliases"))
    def alias_lines(self, agency: Agency) -> str:
        return ", ".join(agency.aliases)

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, agency: Agency) -> str:
        return str(countries.name(agency.country)) if agency.country else ""

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return [AgencyLabelChangeInline] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Agency, form: Any, change: bool
    ) -> None:
        """Save through the services, so every label change keeps its history."""
        data = form.cleaned_data
        if not change:
            fields = {name: data[name] for name in form._meta.fields if name in data}
            agency = create_agency(actor=request.user, **fields)
            obj.pk, obj._state.adding = agency.pk, False
            return
        changed = {
            name: data[name]
            for name in form.changed_data
            if name not in LABEL_FIELDS and name in form._meta.fields
        }
        # The label is always sent: the service logs it only when it changed.
        label = {name: data[name] for name in LABEL_FIELDS}
        change_agency(obj.pk, actor=request.user, **changed, **label)
