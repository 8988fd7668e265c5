"""The words a claim's state is given in: statuses, kinds of attribution, places in the text."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from claims import anchoring

# A quote in a claim's or suggestion's name is cut to this many characters.
STR_QUOTE_CHARS = 60


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
