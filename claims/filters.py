"""Filters for the API's claim list."""

import django_filters

from claims.models import Claim


class ClaimFilter(django_filters.FilterSet):
    """Claims by status, agency, article, anchor state and last change."""

    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    anchor_state = django_filters.ChoiceFilter(choices=Claim.AnchorState.choices)
    agency = django_filters.CharFilter(
        field_name="agency__slug", help_text="An agency's slug."
    )
    article = django_filters.CharFilter(
        field_name="article__slug", help_text="An article's slug."
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Claims changed at or after this time (ISO 8601).",
    )

    class Meta:
        model = Claim
        fields = ["status", "anchor_state", "agency", "article", "updated_since"]

    def is_valid(self) -> bool:
        """Refuse a filter given without a value, rather than ignore it."""
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and not self.data[name].strip():
                self.form.add_error(name, "Give a value, or leave the filter out.")
                valid = False
        return valid
