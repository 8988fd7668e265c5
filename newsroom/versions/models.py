"""One counter per scope, bumped in the transaction of every change to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Version(models.Model):
    """The version of what a scope names, and when it last changed.

    A scope (``article:<slug>``, ``lists``...) names a set of cached answers;
    a row is written only by ``newsroom.caching.bump``, in the same
    transaction as the change, so the version and the data it stands for
    commit or roll back together. Each version is a new random token, never
    a count: a database restored from a backup and a cache that outlived it
    cannot agree on a version by chance.
    """

    scope = models.CharField(_("scope"), max_length=300, primary_key=True)
    token = models.CharField(_("token"), max_length=16)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("cache version")
        verbose_name_plural = _("cache versions")

    def __str__(self) -> str:
        return f"{self.scope} @ {self.token}"
