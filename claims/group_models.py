"""Claims that repeat across stories: the pairs matching proposes, and the
groups an editor confirms, each holding one review for all its members.

Imported by ``claims.models``; models there are named by string.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import choices_valid, user_field


class MatchKind(models.TextChoices):
    SAME = "same", _("The same claim")
    SIMILAR = "similar", _("Similar")


class MatchState(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class ClaimGroup(models.Model):
    """Claims in different stories confirmed to be one claim, with one review.

    The review (status, note, who disputes it, reviewer and time) is the
    group's; every member carries it, written by the review service with one
    history entry per member.
    """

    status = models.CharField(_("status"), max_length=20, default="unreviewed")
    note = models.TextField(_("note for readers"), blank=True)
    disputed_by = models.CharField(_("disputed by"), max_length=300, blank=True)
    reviewed_by = user_field(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_by = user_field(_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("claim group")
        verbose_name_plural = _("claim groups")

    def __str__(self) -> str:
        return f"Group {self.pk}"


class ClaimMatchQuerySet(models.QuerySet["ClaimMatch"]):
    def pending(self) -> "ClaimMatchQuerySet":
        return self.filter(state=MatchState.PENDING)

    def involving(self, claim_id: int) -> "ClaimMatchQuerySet":
        return self.filter(models.Q(first_id=claim_id) | models.Q(second_id=claim_id))


class ClaimMatch(models.Model):
    """Two claims in different stories that may be one claim, and what a person
    decided. Stored once per pair, the older claim first."""

    Kind = MatchKind

    State = MatchState

    first = models.ForeignKey(
        "claims.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    second = models.ForeignKey(
        "claims.Claim",
        verbose_name=_("other claim"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.FloatField(_("score"))
    kind = models.CharField(_("kind"), max_length=10, choices=MatchKind.choices)
    differs = models.CharField(
        _("differs in"),
        max_length=100,
        blank=True,
        help_text=_("What keeps the two from being the same claim, if anything."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=MatchState.choices,
        default=MatchState.PENDING,
    )
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    decided_by = user_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ClaimMatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("possible repeat")
        verbose_name_plural = _("possible repeats")
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"], name="claim_match_one_per_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="claim_match_ordered_pair",
            ),
            choices_valid("kind", MatchKind, "claim_match_kind_valid"),
            choices_valid("state", MatchState, "claim_match_state_valid"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="claim_match_score_range",
            ),
            # A pair that differs in a figure, a negation or its source is
            # never confirmed as one claim.
            models.CheckConstraint(
                condition=~models.Q(state=MatchState.CONFIRMED) | models.Q(differs=""),
                name="claim_match_confirmed_alike",
            ),
        ]
        indexes = [models.Index(fields=["state", "-score"])]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.score:.2f})"

    def other(self, claim_id: int) -> int:
        """The pair's claim that is not ``claim_id``."""
        return self.second_id if self.first_id == claim_id else self.first_id
