"""Deleting from the admin retires the cached answers that showed the rows.

Only rows without history may be deleted (an agency or a person nothing
quotes, a claim never reviewed); the pages that showed them are retired in
the deletion's transaction, as a service retires what it changes.
"""

from typing import Any

from django.db import models
from django.http import HttpRequest

from newsroom.dependencies import retire


class RetiresOnDelete:
    """A ModelAdmin mixin: deleting retires what the rows were shown on."""

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        retire(obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        retire(*queryset)
        super().delete_queryset(request, queryset)  # type: ignore[misc]
