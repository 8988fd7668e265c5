"""Filters for the API's claim list."""

from datetime import UTC, datetime
from typing import Any

import django_filters
from django_filters.fields import IsoDateTimeField

from claims.models import Claim


class MomentField(IsoDateTimeField):
    """An ISO 8601 time, taken in UTC.

    PostgreSQL refuses offsets beyond 15:59 either way, which ISO 8601
    allows (up to 23:59): the moment is the same in UTC, so send it so.
    """

    def to_python(self, value: Any) -> datetime | None:
        moment: datetime | None = super().to_python(value)
        if moment is not None and moment.tzinfo is not None:
            return moment.astimezone(UTC)
        return moment


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class ClaimFilter(django_filters.FilterSet):
    """Claims by status, agency, article, anchor state and last change.

    An empty value is refused where the schema's format or choices exclude
    it (status, anchor state, time); an empty slug filters nothing.
    """

    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    anchor_state = django_filters.ChoiceFilter(choices=Claim.AnchorState.choices)
    agency = django_filters.CharFilter(
        field_name="agency__slug", help_text="An agency's slug."
    )
    article = django_filters.CharFilter(
        field_name="article__slug", help_text="An article's slug."
    )
    updated_since = MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=(
            "Claims changed at or after this time (ISO 8601, UTC offset within ±15:59)."
        ),
    )

    class Meta:
        model = Claim
        fields = ["status", "anchor_state", "agency", "article", "updated_since"]

    def is_valid(self) -> bool:
        """Refuse an empty choice or time, rather than ignore it."""
        valid: bool = super().is_valid()
        for name in ("status", "anchor_state", "updated_since"):
            if name in self.data and not self.data[name].strip():
                self.form.add_error(name, "Give a value, or leave the filter out.")
                valid = False
        return valid
