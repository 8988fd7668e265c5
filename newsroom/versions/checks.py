"""A deploy check: several processes need a shared cache."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

PER_PROCESS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(deploy=True)
def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Without a shared cache, throttles and lockouts count per process."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS or settings.SINGLE_PROCESS:
        return []
    return [
        Error(
            "No shared cache: with several processes the API's rate limits "
            "and sign-in throttles would count per process (pages stay "
            "correct: each process checks the database's versions).",
            hint="Set REDIS_URL to a Redis server every process uses, or "
            "SINGLE_PROCESS=1 if only one process ever serves requests.",
            id="newsroom.E001",
        )
    ]
