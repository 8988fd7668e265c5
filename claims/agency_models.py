"""Agencies and the people who speak for them, with each agency's label history."""

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import choices_valid, part_of, user_field
from newsroom.validators import validate_text
from newsroom.writes import ProtectedFields, ProtectedQuerySet


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
            choices_valid("state_affiliation", Affiliation, "agency_affiliation_valid"),
            choices_valid("kind", AgencyKind, "agency_kind_valid"),
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

    agency = part_of(Agency, _("agency"), "label_changes")
    state_affiliation = models.CharField(
        _("state affiliation"), max_length=30, choices=Agency.Affiliation.choices
    )
    affiliation_label = models.CharField(
        _("state-affiliation label"), max_length=200, blank=True
    )
    affiliation_source = models.CharField(_("label source"), max_length=500, blank=True)
    affiliation_date = models.DateField(_("label date"), null=True, blank=True)
    actor = user_field(_("by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("agency label change")
        verbose_name_plural = _("agency label changes")
        constraints = [
            choices_valid(
                "state_affiliation",
                Affiliation,
                "agency_label_change_affiliation_valid",
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
