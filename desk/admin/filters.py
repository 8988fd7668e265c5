"""The queue's filters."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class ArticleListFilter(admin.RelatedFieldListFilter):
    """The article filter: the latest stories' headlines (and the one chosen).

    Listing every story would make the queue page grow with the archive; an
    older story is found by searching its headline.
    """

    LATEST = 30

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        articles = field.related_model._default_manager
        latest = list(
            articles.order_by("-created_at", "-pk").values_list("pk", "headline")[
                : self.LATEST
            ]
        )
        chosen = self.lookup_val[0] if self.lookup_val else None
        if chosen and chosen not in {str(pk) for pk, _ in latest}:
            latest += list(
                articles.filter(pk__in=self.lookup_val).values_list("pk", "headline")
            )
        return sorted(latest, key=lambda choice: choice[1])


class CountryListFilter(admin.SimpleListFilter):
    """The countries agencies are based in, by name."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        codes = set(
            model_admin.get_queryset(request)
            .exclude(country="")
            .values_list("country", flat=True)
        )
        return sorted(
            ((code, str(countries.name(code)) or code) for code in codes),
            key=lambda choice: choice[1],
        )

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        value = self.value()
        return queryset.filter(country=value) if value else queryset


class AgencyKindListFilter(admin.ChoicesFieldListFilter):
    """The kind of the claim's agency, titled so (not the bare "kind")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = _("kind of agency")


class WithdrawnListFilter(admin.SimpleListFilter):
    """The queue holds the claims readers see; withdrawn ones are found here."""

    title = _("withdrawn claims")
    parameter_name = "withdrawn"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("yes", _("Withdrawn claims only"))]

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            if choice["display"] == _("All"):
                choice["display"] = _("Hidden")
            yield choice

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return queryset.filter(withdrawn_at__isnull=self.value() != "yes")
