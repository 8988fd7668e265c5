"""The kinds of change to an article's text, and which of them readers are told of."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    DRAFT = "draft", _("Draft edit")
    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")
    CLARIFICATION = "clarification", _("Clarification")
    MINOR = "minor", _("Minor (typo, no note)")


# Changes to a published text that readers are told about.
READER_KINDS = (ChangeKind.CORRECTION, ChangeKind.UPDATE, ChangeKind.CLARIFICATION)
