"""Partner organisations' API keys: read-only, rate-limited per key, revocable."""

import hashlib

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.fields import user_field
from newsroom.validators import validate_text

RATE = RegexValidator(
    r"^\d+/(second|minute|hour|day)$",
    _(
        "Write a rate as a number of requests per second, minute, hour or day: 60/minute."
    ),
)


def digest(key: str) -> str:
    """What is stored of a key: its SHA-256, never the key itself."""
    return hashlib.sha256(key.encode()).hexdigest()


class PartnerKeyQuerySet(models.QuerySet["PartnerKey"]):
    def active(self) -> "PartnerKeyQuerySet":
        return self.filter(revoked_at__isnull=True)


class PartnerKey(models.Model):
    """A key a partner organisation reads the API with; shown once, when made."""

    organisation = models.CharField(
        _("organisation"), max_length=200, validators=[validate_text]
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        validators=[validate_text],
        help_text=_("Who at the partner to write to about this key."),
    )
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    rate = models.CharField(
        _("rate limit"),
        max_length=20,
        default="60/minute",
        validators=[RATE],
        help_text=_("Requests this key may make: 60/minute, 1000/hour…"),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    created_by = user_field(_("made by"), blank=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = user_field(_("revoked by"))

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-created_at"]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate__regex=r"^\d+/(second|minute|hour|day)$"),
                name="partner_key_rate_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.prefix}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
