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
