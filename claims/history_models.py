"""A claim's history: each review, move of its anchor, attribution change and withdrawal."""

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.choices import AnchorState, ClaimStatus
from newsroom.fields import choices_valid, user_field


class ReviewEventQuerySet(models.QuerySet["ReviewEvent"]):
    """Review events are append-only: no bulk change or removal."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Review events are append-only.")

    def delete(self) -> NoReturn:
        raise TypeError("Review events are append-only.")


class ReviewEventKind(models.TextChoices):
    REVIEW = "review", _("Review")
    ANCHOR = "anchor", _("Re-anchored")
    ATTRIBUTION = "attribution", _("Attribution changed")
    WITHDRAWAL = "withdrawal", _("Withdrawn")


class ReviewEvent(models.Model):
    """One entry of a claim's history: a review, or a move of its anchor."""

    Kind = ReviewEventKind

    claim = models.ForeignKey(
        "claims.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.REVIEW
    )
    old_status = models.CharField(
        _("old status"), max_length=20, choices=ClaimStatus.choices
    )
    new_status = models.CharField(
        _("new status"), max_length=20, choices=ClaimStatus.choices
    )
    old_anchor_state = models.CharField(
        _("old place in the text"),
        max_length=20,
        choices=AnchorState.choices,
        blank=True,
    )
    new_anchor_state = models.CharField(
        _("new place in the text"),
        max_length=20,
        choices=AnchorState.choices,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)
    disputed_by = models.CharField(_("disputed by"), max_length=300, blank=True)
    old_quote = models.TextField(_("old quote"), blank=True)
    new_quote = models.TextField(_("new quote"), blank=True)
    old_values = models.JSONField(
        _("old values"),
        default=dict,
        blank=True,
        help_text=_("Fields as they were, for an attribution change."),
    )
    new_values = models.JSONField(
        _("new values"),
        default=dict,
        blank=True,
        help_text=_("Fields as they became, for an attribution change."),
    )
    actor = user_field(_("by"))
    version = models.PositiveIntegerField(
        _("version"), help_text=_("The claim's version after.")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("claim history entry")
        verbose_name_plural = _("claim history")
        constraints = [
            choices_valid("kind", ReviewEventKind, "review_event_kind_valid"),
            models.UniqueConstraint(
                fields=["claim", "version"], name="review_event_one_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_old_status_display()} \u2192 {self.get_new_status_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Review events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Review events are append-only.")
