"""Model fields and constraints every app declares alike."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def user_field(
    verbose_name: StrOrPromise, *, blank: bool = True
) -> "models.ForeignKey[User | None, User | None]":
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


def choices_valid(
    field: str, choices: type[models.Choices], name: str
) -> models.CheckConstraint:
    """The database's rule that ``field`` holds one of ``choices``' values."""
    return models.CheckConstraint(
        condition=models.Q((f"{field}__in", choices.values)), name=name
    )


def part_of[M: models.Model](
    to: type[M], verbose_name: StrOrPromise, related_name: str
) -> "models.ForeignKey[M, M]":
    """The object a row belongs to and goes with: deleting it deletes the row."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
    )
