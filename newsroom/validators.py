"""Validators shared by the apps' models."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_text(value: str) -> None:
    """Refuse characters no database or page can hold: NUL and lone surrogates."""
    if "\x00" in value:
        raise ValidationError(
            _("Null characters are not allowed."), code="null_characters"
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            _("The text contains an invalid character at position %(position)s."),
            code="invalid_character",
            params={"position": error.start},
        ) from error


def checked_text(value: str | None, field: str, *, missing: str = "") -> str:
    """``value`` stripped and checked by ``validate_text``, refused under
    ``field``'s name; empty, it is refused with ``missing`` when that says why
    it is needed."""
    value = (value or "").strip()
    if not value and missing:
        raise ValidationError({field: missing})
    try:
        validate_text(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return value
