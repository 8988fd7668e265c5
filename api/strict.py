"""Strict JSON types for the API's requests: a number where the schema says
string (or the reverse) is a 400 naming the field, not quietly converted."""

from typing import Any

from rest_framework import serializers

# Fields whose JSON value is a string, and what a client sending another
# type is told.
_STRINGS: tuple[tuple[Any, str], ...] = (
    (serializers.CharField | serializers.SlugRelatedField, "Give a string."),
    (serializers.DateTimeField, "Give a date and time as an ISO 8601 string."),
)


def _type_error(field: serializers.Field[Any, Any, Any, Any], value: Any) -> str | None:
    """Why a JSON value has the wrong type for a field, or None when it fits."""
    if isinstance(value, str) and "\x00" in value:
        # PostgreSQL refuses NUL in any string, slugs looked up included.
        return "Contains a NUL character (U+0000), which no field accepts."
    if isinstance(field, serializers.ChoiceField):
        return None
    if not isinstance(value, str):
        for kind, wanted in _STRINGS:
            if isinstance(field, kind):
                return wanted
    if isinstance(field, serializers.IntegerField) and (
        isinstance(value, bool) or not isinstance(value, int)
    ):
        return "Give a whole number."
    if isinstance(field, serializers.ListField):
        return _list_error(field, value)
    return None


def _list_error(field: serializers.ListField, value: Any) -> str | None:
    if not isinstance(value, list):
        return "Give a list."
    errors = [_type_error(field.child, item) for item in value]
    return next((error for error in errors if error), None)


class StrictTypes:
    """Refuse a JSON number where the schema says string, and the reverse.

    DRF would quietly turn ``0`` into ``"0"`` and ``"5"`` into ``5``; the
    schema promises types, so a client that sends the wrong one is told.
    """

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, dict):
            return super().to_internal_value(data)  # type: ignore[misc]
        errors: dict[str, Any] = {
            name: [error]
            for name, field in self.fields.items()
            if not field.read_only
            and data.get(name) is not None
            and (error := _type_error(field, data[name]))
        }
        if not errors:
            return super().to_internal_value(data)  # type: ignore[misc]
        # Report the other fields' problems along with the types.
        rest = {name: value for name, value in data.items() if name not in errors}
        try:
            super().to_internal_value(rest)  # type: ignore[misc]
        except serializers.ValidationError as error:
            if isinstance(error.detail, dict):
                errors = {**error.detail, **errors}
        raise serializers.ValidationError(errors)
