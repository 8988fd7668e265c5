"""A bare Django site for ``make bench-http``: the baseline the pages are measured against.

The project's settings with no middleware at all and a local-memory cache;
its URLs (``bench/bare_urls.py``) are two views of their own. Run with
``DJANGO_SETTINGS_MODULE=bench.bare``.
"""

from newsroom.settings import *  # noqa: F403

MIDDLEWARE = []
ROOT_URLCONF = "bench.bare_urls"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
