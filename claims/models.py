"""Claims: a passage of an article attributed to an agency, with its review status.

The claims app's other models live beside this module and are named here,
so ``claims.models`` stays the one place to import them from: agencies and
people (``agency_models``), a claim's history (``history_models``),
suggestions (``suggestion_models``), groups of repeats (``group_models``).
"""

from datetime import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import live_q
from claims import anchoring, folding
from claims.agency_models import (
    MEDIA_KINDS,
    Affiliation,
    Agency,
    AgencyKind,
    AgencyLabelChange,
    AgencyQuerySet,
    Person,
)
from claims.choices import (
    STR_QUOTE_CHARS,
    UNDER_REVIEW,
    VERIFIED_NOTE_LENGTH,
    AnchorState,
    AttributionKind,
    ClaimStatus,
)
from claims.group_models import ClaimGroup, ClaimMatch
from claims.history_models import ReviewEvent, ReviewEventKind, ReviewEventQuerySet
from claims.suggestion_models import (
    Suggestion,
    SuggestionDecision,
    SuggestionQuerySet,
    SuggestionState,
)
from newsroom.fields import choices_valid, user_field
from newsroom.fulltext import SearchDocument
from newsroom.validators import validate_text
from newsroom.writes import ProtectedFields, ProtectedQuerySet

__all__ = [
    "MEDIA_KINDS",
    "UNDER_REVIEW",
    "VERIFIED_NOTE_LENGTH",
    "Affiliation",
    "Agency",
    "AgencyKind",
    "AgencyLabelChange",
    "AgencyQuerySet",
    "AnchorState",
    "AttributionKind",
    "Claim",
    "ClaimGroup",
    "ClaimMatch",
    "ClaimQuerySet",
    "ClaimStatus",
    "Person",
    "ReviewEvent",
    "ReviewEventKind",
    "ReviewEventQuerySet",
    "Suggestion",
    "SuggestionDecision",
    "SuggestionQuerySet",
    "SuggestionState",
]


class ClaimQuerySet(ProtectedQuerySet["Claim"]):
    """Reads of claims. Status never changes here: see ``claims.services``."""

    def public(self, now: datetime | None = None) -> "ClaimQuerySet":
        """Claims of articles readers may see now (or at ``now``), withdrawn
        ones left out."""
        return self.filter(live_q("article__", now), withdrawn_at__isnull=True)

    def needing_review(self) -> "ClaimQuerySet":
        """The editors' queue order: changed words and orphaned, needs-check, then unreviewed, oldest first."""
        return self.order_by("queue_rank", "created_at", "pk")


class Claim(ProtectedFields):
    """A passage of an article attributed to an agency, with its review status."""

    Status = ClaimStatus

    AnchorState = AnchorState

    AttributionKind = AttributionKind

    NOTE_REQUIRED = (Status.DISPUTED, Status.CONTEXTUALIZED)

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    speaker = models.CharField(
        _("speaker"),
        validators=[validate_text],
        max_length=300,
        blank=True,
        help_text=_("Who is quoted, where named: “Kremlin spokesman Dmitry Peskov”."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text=_("The known person quoted, if any."),
    )
    quote = models.TextField(
        _("quote"),
        validators=[validate_text],
        help_text=_("The article's own words that make the claim, exactly."),
    )
    attribution_kind = models.CharField(
        _("attribution"),
        max_length=10,
        choices=AttributionKind.choices,
        default=AttributionKind.REPORTED,
        help_text=_(
            "A direct quote is the source's own words, in quotation marks in the "
            "text; reported speech is our wording of what the source said."
        ),
    )
    reporting_verb = models.CharField(
        _("reporting verb"),
        validators=[validate_text],
        max_length=40,
        blank=True,
        help_text=_("How the text introduces it: “reported”, “told”. Blank: “said”."),
    )
    prefix = models.CharField(
        _("prefix"), max_length=anchoring.CONTEXT_LENGTH, blank=True
    )
    suffix = models.CharField(
        _("suffix"), max_length=anchoring.CONTEXT_LENGTH, blank=True
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    anchor_state = models.CharField(
        _("place in the text"),
        max_length=20,
        choices=AnchorState.choices,
        default=AnchorState.ANCHORED,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNREVIEWED
    )
    note = models.TextField(
        _("note for readers"), blank=True, validators=[validate_text]
    )
    disputed_by = models.CharField(
        _("disputed by"),
        validators=[validate_text],
        max_length=300,
        blank=True,
        help_text=_("Who disputes the claim."),
    )
    internal_note = models.TextField(
        _("internal note"),
        validators=[validate_text],
        blank=True,
        help_text=_("For the newsroom: readers never see it."),
    )
    reviewed_by = user_field(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = user_field(_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # Set when a reviewed claim's words change (a correction, an update, a
    # re-attachment): readers see it under review again, without its old
    # verdict, until an editor reviews the new words; a review clears it.
    words_changed_at = models.DateTimeField(
        _("words changed"),
        null=True,
        blank=True,
        help_text=_(
            "When the words of a reviewed claim changed; cleared by its next review."
        ),
    )
    # Where the claim stands in the editors' queue: reviewed claims whose
    # words changed and orphaned ones, needs-check,
    # unreviewed, then the rest. Stored by the database so the queue's order
    # has an index.
    queue_rank = models.GeneratedField(
        expression=models.Case(
            models.When(words_changed_at__isnull=False, then=models.Value(0)),
            models.When(anchor_state="orphaned", then=models.Value(0)),
            models.When(anchor_state="needs_check", then=models.Value(1)),
            models.When(status="unreviewed", then=models.Value(2)),
            default=models.Value(3),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
        verbose_name=_("queue rank"),
    )
    # What a claim is searched by, stored by the database (PostgreSQL; empty
    # elsewhere); the queue's search and the readers' read it.
    search_document = models.GeneratedField(
        expression=SearchDocument(("quote", "A"), ("speaker", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search document"),
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn"),
        null=True,
        blank=True,
        help_text=_("A withdrawn claim keeps its history but is shown to nobody."),
    )
    # The quote folded for matching repeats in other stories (set with the
    # quote, see ``set_selectors``); PostgreSQL keeps a trigram index on it.
    match_text = models.TextField(_("words compared"), blank=True, editable=False)
    group = models.ForeignKey(
        ClaimGroup,
        verbose_name=_("same claim as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text=_("The claims in other stories confirmed to be this one."),
    )

    objects = ClaimQuerySet.as_manager()

    PROTECTED_FIELDS = (
        "status",
        "note",
        "disputed_by",
        "agency",
        "speaker",
        "person",
        "attribution_kind",
        "reporting_verb",
        "quote",
        "prefix",
        "suffix",
        "start",
        "end",
        "anchor_state",
        "version",
        "withdrawn_at",
        "group",
        "words_changed_at",
    )

    class Meta:
        ordering = ["article", "start", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [("review_claim", _("Can review claims"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")),
                name="claim_start_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("quote")),
                name="claim_span_matches_quote",
            ),
            choices_valid("status", ClaimStatus, "claim_status_valid"),
            choices_valid("anchor_state", AnchorState, "claim_anchor_state_valid"),
            models.CheckConstraint(
                condition=~models.Q(
                    status__in=[ClaimStatus.DISPUTED, ClaimStatus.CONTEXTUALIZED]
                )
                | models.Q(note__regex=r"\S"),
                name="claim_reviewed_note_required",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ClaimStatus.DISPUTED)
                | models.Q(disputed_by__regex=r"\S"),
                name="claim_disputed_by_required",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="claim_version_positive"
            ),
            choices_valid(
                "attribution_kind", AttributionKind, "claim_attribution_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ClaimStatus.VERIFIED)
                | models.Q(
                    models.lookups.LessThanOrEqual(Length("note"), VERIFIED_NOTE_LENGTH)
                ),
                name="claim_verified_note_short",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "anchor_state"]),
            models.Index(fields=["article", "start"]),
            # The queue's order, so its first page is read, not sorted.
            models.Index(
                fields=["queue_rank", "created_at", "id"], name="claim_queue_order"
            ),
        ]

    def __str__(self) -> str:
        quote = Truncator(self.quote).chars(STR_QUOTE_CHARS)
        return f"\u201c{quote}\u201d ({self.agency_id and self.agency.name})"

    def get_absolute_url(self) -> str:
        return reverse("claims:detail", kwargs={"pk": self.pk})

    @property
    def reader_status(self) -> str:
        """The status readers see: ``under_review`` while a verdict waits for a
        review of changed words, else the claim's status."""
        if self.words_changed_at is not None:
            return UNDER_REVIEW
        return self.status

    @property
    def selectors(self) -> anchoring.Selectors:
        return anchoring.Selectors(
            self.start, self.end, self.quote, self.prefix, self.suffix
        )

    def set_selectors(self, selectors: anchoring.Selectors) -> None:
        self.start, self.end = selectors.start, selectors.end
        self.quote, self.prefix, self.suffix = (
            selectors.exact,
            selectors.prefix,
            selectors.suffix,
        )
        self.match_text = folding.fold(selectors.exact)
