"""A change of a published article's text held until its time: the pending
change.

The article keeps the text readers see, and the claims stay anchored to it;
the new values wait here, apart, so no public output (page, API, feeds,
search index, exports) can show them. At ``apply_at`` the change is made
through the edit service like any edit (``articles.scheduled_edits``).
"""

from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.kinds import READER_KINDS, ChangeKind
from newsroom.fields import user_field
from newsroom.validators import validate_text
from newsroom.writes import ProtectedFields, ProtectedQuerySet

_OPEN = models.Q(applied_at__isnull=True, cancelled_at__isnull=True)


class PendingChangeQuerySet(ProtectedQuerySet["PendingChange"]):
    """Reads of pending changes; they are held, made and cancelled by the services."""

    def open(self) -> "PendingChangeQuerySet":
        """Changes neither made nor cancelled yet."""
        return self.filter(_OPEN)

    def due(self, now: datetime | None = None) -> "PendingChangeQuerySet":
        """Open changes whose time has come."""
        return self.open().filter(apply_at__lte=now or timezone.now())


class PendingChange(ProtectedFields):
    """New values for a published article's text, made at ``apply_at``."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="pending_changes",
    )
    # Field name to new value, for the fields the change sets (headline,
    # body...; ``articles.services.EDITABLE_FIELDS``).
    values = models.JSONField(_("new values"), default=dict)
    change_kind = models.CharField(
        _("kind of change"), max_length=20, choices=ChangeKind.choices
    )
    change_note = models.TextField(_("note for readers"), validators=[validate_text])
    apply_at = models.DateTimeField(_("made at"), db_index=True)
    # The article's version the change was written against, and the one
    # holding it made: what an editor who opened the article earlier is told.
    base_version = models.PositiveIntegerField(_("written from version"))
    created_by = user_field(_("scheduled by"))
    created_at = models.DateTimeField(_("scheduled"), default=timezone.now)
    applied_at = models.DateTimeField(_("made"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Who cancelled it or made it before its time, and why.
    closed_by = user_field(_("closed by"))
    close_reason = models.TextField(_("why"), blank=True)

    objects = PendingChangeQuerySet.as_manager()

    PROTECTED_FIELDS = ("values", "apply_at", "applied_at", "cancelled_at")

    class Meta:
        ordering = ["apply_at", "pk"]
        verbose_name = _("scheduled change")
        verbose_name_plural = _("scheduled changes")
        constraints = [
            # Two changes waiting on one text: the later would overwrite the
            # earlier unseen. A second waits until the first is made or cancelled.
            models.UniqueConstraint(
                fields=["article"],
                condition=_OPEN,
                name="pending_change_one_open_per_article",
            ),
            models.CheckConstraint(
                condition=models.Q(applied_at__isnull=True)
                | models.Q(cancelled_at__isnull=True),
                name="pending_change_made_or_cancelled",
            ),
            models.CheckConstraint(
                condition=models.Q(change_kind__in=[k.value for k in READER_KINDS]),
                name="pending_change_reader_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(change_note__regex=r"\S"),
                name="pending_change_note_required",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_change_kind_display()} of {self.article_id} at {self.apply_at}"
        )

    @property
    def is_open(self) -> bool:
        return self.applied_at is None and self.cancelled_at is None

    @property
    def fields(self) -> list[str]:
        """The fields the change sets, sorted."""
        return sorted(self.values)

    def new_value(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)
