"""Passages detection proposes as claims, and the desk's decisions on them."""

from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from claims import anchoring
from claims.agency_models import Agency, Person
from claims.choices import STR_QUOTE_CHARS
from newsroom.fields import choices_valid, user_field


class SuggestionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SuggestionQuerySet(models.QuerySet["Suggestion"]):
    def pending(self) -> "SuggestionQuerySet":
        return self.filter(state=SuggestionState.PENDING)


class Suggestion(models.Model):
    """A passage detection proposes as a claim, until a reporter accepts or rejects it.

    Anchored like a claim (offsets into the article's plain text, with the
    exact words and their context). Pending suggestions are replaced each
    time detection runs; accepted and rejected ones stay as the record of
    who decided what, and a rejected passage is never proposed again.
    """

    State = SuggestionState

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    exact = models.TextField(_("quote"))
    prefix = models.CharField(
        _("prefix"), max_length=anchoring.CONTEXT_LENGTH, blank=True
    )
    suffix = models.CharField(
        _("suffix"), max_length=anchoring.CONTEXT_LENGTH, blank=True
    )
    normalized = models.TextField(
        _("normalized quote"),
        help_text=_(
            "The quote with quotes, dashes and spacing folded: how a "
            "rejected passage is recognised after edits."
        ),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    agency_name = models.CharField(_("agency as named"), max_length=300, blank=True)
    speaker = models.CharField(_("speaker"), max_length=300, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    cue = models.CharField(_("cue"), max_length=100, blank=True)
    source = models.CharField(
        _("source as written"),
        max_length=300,
        blank=True,
        help_text=_("The words that named the source, as the text wrote them."),
    )
    confidence = models.FloatField(_("confidence"))
    is_direct_quote = models.BooleanField(_("direct quote"), default=False)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=State.choices,
        default=State.PENDING,
    )
    decided_by = user_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    claim = models.OneToOneField(
        "claims.Claim",
        verbose_name=_("claim"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestion",
    )
    created_at = models.DateTimeField(_("detected"), default=timezone.now)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")),
                name="suggestion_start_before_end",
            ),
            choices_valid("state", SuggestionState, "suggestion_state_valid"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="suggestion_confidence_range",
            ),
        ]
        indexes = [models.Index(fields=["article", "state"])]

    def __str__(self) -> str:
        quote = Truncator(self.exact).chars(STR_QUOTE_CHARS)
        return f"\u201c{quote}\u201d ({self.agency_name or '?'})"

    @property
    def quote(self) -> str:
        return self.exact


class SuggestionDecision(models.Model):
    """The desk's answer to a suggestion: accepted (perhaps with its span,
    agency or speaker changed) or rejected. Append-only; detection learns
    from these (``claims.lessons``)."""

    Verdict = SuggestionState

    suggestion = models.ForeignKey(
        Suggestion,
        verbose_name=_("suggestion"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    cue = models.CharField(_("cue"), max_length=100, blank=True)
    source = models.CharField(_("source as written"), max_length=300, blank=True)
    suggested_agency = models.ForeignKey(
        Agency,
        verbose_name=_("suggested agency"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency accepted"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggested_speaker = models.CharField(
        _("suggested speaker"), max_length=300, blank=True
    )
    speaker = models.CharField(_("speaker accepted"), max_length=300, blank=True)
    suggested_start = models.PositiveIntegerField(_("suggested start"))
    suggested_end = models.PositiveIntegerField(_("suggested end"))
    start = models.PositiveIntegerField(_("start accepted"), null=True)
    end = models.PositiveIntegerField(_("end accepted"), null=True)
    decided_by = user_field(_("decided by"), blank=False)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("decision on a suggestion")
        verbose_name_plural = _("decisions on suggestions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    verdict__in=[SuggestionState.ACCEPTED, SuggestionState.REJECTED]
                ),
                name="suggestion_decision_verdict_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()}: {self.cue} / {self.source}"

    @property
    def changed(self) -> list[str]:
        """What the desk changed on accepting: span, agency, speaker."""
        if self.verdict != SuggestionState.ACCEPTED:
            return []
        return [
            name
            for name, moved in (
                (
                    "span",
                    (self.start, self.end)
                    != (self.suggested_start, self.suggested_end),
                ),
                ("agency", self.agency_id != self.suggested_agency_id),
                ("speaker", self.speaker != self.suggested_speaker),
            )
            if moved
        ]
