"""One version per scope, replaced in the transaction of every change to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Version(models.Model):
    """The version of what a scope names, and when it last changed.

    A scope (``article:<slug>``, ``lists``...) names a set of cached answers;
    a row is written only by ``newsroom.versions.store``, in the same
    transaction as the change, so the version and the data it stands for
    commit or roll back together. A version only grows: the time of the
    change in microseconds, or one more than before if that is larger
    (``store``), so it is never given twice, and copies of it kept
    elsewhere (``newsroom.versions.mirror``) can tell the newer one.

    One row, ``schedule``, says when scheduled stories go out: ``changed_at``
    is the latest scheduled moment already past and ``holds_until`` the next one,
    after which the row is worked out again.
    """

    scope = models.CharField(_("scope"), max_length=300, primary_key=True)
    version = models.BigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"))
    holds_until = models.DateTimeField(_("holds until"), null=True, blank=True)

    class Meta:
        verbose_name = _("cache version")
        verbose_name_plural = _("cache versions")

    def __str__(self) -> str:
        return f"{self.scope} @ {self.version}"
