"""Filters for the API's claim list."""

from datetime import datetime, timedelta
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField

from claims.models import Claim

# PostgreSQL's timestamptz takes offsets up to 15:59 either way.
MAX_OFFSET = timedelta(hours=15, minutes=59)


class MomentField(IsoDateTimeField):
    """An ISO 8601 time whose UTC offset the database can hold."""

    def to_python(self, value: Any) -> datetime | None:
        moment: datetime | None = super().to_python(value)
        offset = moment.utcoffset() if moment is not None else None
        if offset is not None and abs(offset) > MAX_OFFSET:
            raise ValidationError(
                "Give a UTC offset from -15:59 to +15:59.", code="offset"
            )
        return moment


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class ClaimFilter(django_filters.FilterSet):
    """Claims by status, agency, article, anchor state and last change.

    An empty value filters nothing, as for any django-filter filter.
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
