"""A bare Django site for ``make bench-http``: the baseline the pages are measured against.

The project's settings with no middleware at all, Django's own PostgreSQL
backend and a local-memory cache;
its URLs (``bench/bare_urls.py``) are two views of their own. Run with
``DJANGO_SETTINGS_MODULE=bench.bare``.
"""

from newsroom.settings import *  # noqa: F403

MIDDLEWARE = []
# Django's own PostgreSQL backend, its health check a query, as a bare site has.
for database in DATABASES.values():  # noqa: F405
    if database["ENGINE"] == "newsroom.postgres":
        database["ENGINE"] = "django.db.backends.postgresql"
ROOT_URLCONF = "bench.bare_urls"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
