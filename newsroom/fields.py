"""Model fields every app declares alike."""

from typing import Any

from django.conf import settings
from django.db import models
from django_stubs_ext import StrOrPromise


def user_field(verbose_name: StrOrPromise, *, blank: bool = True) -> Any:
    """Who did something: a user, kept as none once the account is deleted,
    never followed back from the user (``related_name="+"``)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
    )
