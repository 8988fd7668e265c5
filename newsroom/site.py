"""The publication's name as readers see it: page titles, the header, JSON-LD, feeds."""

from django.conf import settings


def site_name() -> str:
    """The site's name: the ``SITE_NAME`` setting, else "The Ledger"."""
    return str(getattr(settings, "SITE_NAME", "") or "The Ledger")
