"""Agencies, the claims attributed to them, and each claim's review history."""

from typing import Any, NoReturn

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import live_q
from claims import anchoring, folding
from claims.group_models import ClaimGroup, ClaimMatch

__all__ = ["ClaimGroup", "ClaimMatch"]
from newsroom.fulltext import SearchDocument
from newsroom.validators import validate_text
from newsroom.writes import ProtectedFields, ProtectedQuerySet

# A quote in a claim's or suggestion's name is cut to this many characters.
STR_QUOTE_CHARS = 60


class AgencyKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", _("News agency")
    BROADCASTER = "broadcaster", _("Broadcaster or publisher")
    GOVERNMENT = "government", _("Government body")
    INTERNATIONAL_ORG = "international_org", _("International organisation")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class Affiliation(models.TextChoices):
    STATE_CONTROLLED = "state_controlled", _("State-controlled")
    STATE_FUNDED = "state_funded", _("State-funded, editorially independent")
    INDEPENDENT = "independent", _("Independent")
    UNKNOWN = "unknown", _("Unknown")


class AgencyQuerySet(ProtectedQuerySet["Agency"]):
    """Reads of agencies; their labels change only through the services."""


class Agency(ProtectedFields):
    """Who a claim is attributed to: a news agency, a government body, an organisation."""

    Kind = AgencyKind

    Affiliation = Affiliation

    name = models.CharField(_("name"), max_length=200, validators=[validate_text])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_(
            "Names that identify the agency in text, such as “RIA” or “RIA Novosti”."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code.")
    )
    state_affiliation = models.CharField(
        _("state affiliation"),
        max_length=30,
        choices=Affiliation.choices,
        default=Affiliation.UNKNOWN,
    )
    affiliation_label = models.CharField(
        _("state-affiliation label"),
        validators=[validate_text],
        max_length=200,
        blank=True,
        help_text=_(
            "Shown to readers beside the attribution, e.g. “Russian state-controlled media”."
        ),
    )
    affiliation_source = models.CharField(
        _("label source"),
        validators=[validate_text],
        max_length=500,
        blank=True,
        help_text=_("Where the label comes from."),
    )
    affiliation_date = models.DateField(_("label date"), null=True, blank=True)
    name_in_text = models.CharField(
        _("name in running text"),
        validators=[validate_text],
        max_length=200,
        blank=True,
        help_text=_(
            "How the name reads mid-sentence, with “the” where it takes one: "
            "“the Kremlin”, “the United Nations”. Blank: the name as it is."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"), blank=True, validators=[validate_text]
    )

    objects = AgencyQuerySet.as_manager()

    # The label readers see changes only through ``change_agency_label``,
    # which keeps its history.
    PROTECTED_FIELDS = (
        "state_affiliation",
        "affiliation_label",
        "affiliation_source",
        "affiliation_date",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="agency_slug_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(state_affiliation__in=Affiliation.values),
                name="agency_affiliation_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AgencyKind.values),
                name="agency_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("claims:agency", kwargs={"slug": self.slug})

    @property
    def in_text(self) -> str:
        """The name as it reads mid-sentence: “the Kremlin”, “RIA Novosti”."""
        return self.name_in_text or self.name

    @property
    def at_sentence_start(self) -> str:
        """The name as it reads opening a sentence: “The Kremlin”."""
        text = self.in_text
        return text[:1].upper() + text[1:]


class Person(models.Model):
    """A known speaker: who they are and the agency they speak for."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_text])
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_(
            "Other ways stories name the person, such as “Peskov” or “Dmitri Peskov”."
        ),
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        validators=[validate_text],
        help_text=_("Shown before the name: “Kremlin spokesman”."),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("The agency the person speaks for."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="person_slug_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.name}".strip()


# Kinds whose state affiliation readers are told about ("state-controlled media").
MEDIA_KINDS = {Agency.Kind.NEWS_AGENCY, Agency.Kind.BROADCASTER}


class AgencyLabelChange(models.Model):
    """One state-affiliation label an agency carried from a date, with its source."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="label_changes",
    )
    state_affiliation = models.CharField(
        _("state affiliation"), max_length=30, choices=Agency.Affiliation.choices
    )
    affiliation_label = models.CharField(
        _("state-affiliation label"), max_length=200, blank=True
    )
    affiliation_source = models.CharField(_("label source"), max_length=500, blank=True)
    affiliation_date = models.DateField(_("label date"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("agency label change")
        verbose_name_plural = _("agency label changes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state_affiliation__in=Affiliation.values),
                name="agency_label_change_affiliation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.get_state_affiliation_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Label history is append-only.")
        super().save(*args, **kwargs)

    @property
    def since(self) -> Any:
        """The date the label holds from: its own date, else when it was recorded."""
        return self.affiliation_date or timezone.localdate(self.created_at)


class ClaimQuerySet(ProtectedQuerySet["Claim"]):
    """Reads of claims. Status never changes here: see ``claims.services``."""

    def public(self) -> "ClaimQuerySet":
        """Claims of articles readers may see now, withdrawn ones left out."""
        return self.filter(live_q("article__"), withdrawn_at__isnull=True)

    def needing_review(self) -> "ClaimQuerySet":
        """The editors' queue order: changed words and orphaned, needs-check, then unreviewed, oldest first."""
        return self.order_by("queue_rank", "created_at", "pk")


class ClaimStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Not reviewed")
    VERIFIED = "verified", _("Verified")
    DISPUTED = "disputed", _("Disputed")
    CONTEXTUALIZED = "contextualized", _("Context added")


class AttributionKind(models.TextChoices):
    DIRECT = "direct", _("Direct quote")
    REPORTED = "reported", _("Reported speech")


# What readers see of a reviewed claim whose words changed since its review.
UNDER_REVIEW = "under_review"

# A verified claim's note says what was checked, in a sentence or two.
VERIFIED_NOTE_LENGTH = 300


class AnchorState(models.TextChoices):
    ANCHORED = anchoring.ANCHORED, _("In the text")
    NEEDS_CHECK = anchoring.NEEDS_CHECK, _("Text changed")
    ORPHANED = anchoring.ORPHANED, _("Text gone")


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
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
            models.CheckConstraint(
                condition=models.Q(status__in=ClaimStatus.values),
                name="claim_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(anchor_state__in=AnchorState.values),
                name="claim_anchor_state_valid",
            ),
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
            models.CheckConstraint(
                condition=models.Q(attribution_kind__in=AttributionKind.values),
                name="claim_attribution_kind_valid",
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
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.REVIEW
    )
    old_status = models.CharField(
        _("old status"), max_length=20, choices=Claim.Status.choices
    )
    new_status = models.CharField(
        _("new status"), max_length=20, choices=Claim.Status.choices
    )
    old_anchor_state = models.CharField(
        _("old place in the text"),
        max_length=20,
        choices=Claim.AnchorState.choices,
        blank=True,
    )
    new_anchor_state = models.CharField(
        _("new place in the text"),
        max_length=20,
        choices=Claim.AnchorState.choices,
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
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
            models.CheckConstraint(
                condition=models.Q(kind__in=ReviewEventKind.values),
                name="review_event_kind_valid",
            ),
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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    claim = models.OneToOneField(
        Claim,
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
            models.CheckConstraint(
                condition=models.Q(state__in=SuggestionState.values),
                name="suggestion_state_valid",
            ),
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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
