"""What the API's serializers share beyond strict types: an object's page."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class PageUrl:
    """``page_url``: the object's page for readers, absolute when the request is known."""

    context: dict[str, Any]

    @extend_schema_field(serializers.URLField)
    def get_page_url(self, obj: Any) -> str:
        request = self.context.get("request")
        path: str = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


def slug_of(slug_field: str, **options: Any) -> serializers.SlugRelatedField[Any]:
    """A related object shown by its ``slug_field`` (a username, a slug),
    read-only and null when there is none."""
    return serializers.SlugRelatedField(
        slug_field=slug_field, read_only=True, allow_null=True, **options
    )
