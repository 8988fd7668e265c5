"""API authentication that counts failures: a client guessing tokens is throttled.

A bad token, or a write sent without one, counts against the address it came
from; past the ``failed_auth`` rate (30 a minute unless configured) every
token and every anonymous write from that address is answered 429 until the
minute is over. The count lives in the default cache, so it holds across
processes when that cache is Redis.
"""

from typing import Any

from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

SCOPE = "failed_auth"


class FailedAuthentications(SimpleRateThrottle):
    """Failed authentications from one address, counted in a window of the rate."""

    scope = SCOPE

    def get_cache_key(self, request: Any, view: Any) -> str:
        """One count per client address."""
        return f"throttle_{SCOPE}_{self.get_ident(request)}"

    def get_rate(self) -> str:
        """The configured rate, read when used (settings may change in tests)."""
        return str(api_settings.DEFAULT_THROTTLE_RATES.get(SCOPE) or "30/minute")

    def _rate(self) -> tuple[int, int]:
        number, seconds = self.parse_rate(self.get_rate())
        return int(number or 30), int(seconds or 60)

    def refuse_if_over(self, request: Request) -> None:
        """Raise Throttled when the address has used up its failures."""
        number, seconds = self._rate()
        key = self.get_cache_key(request, None)
        if int(cache.get(key, 0)) >= number:
            raise exceptions.Throttled(
                wait=seconds,
                detail="Too many failed authentications from your address; "
                f"try again in {seconds} seconds.",
            )

    def record(self, request: Request) -> None:
        """Count one failure; the window starts with the first."""
        _, seconds = self._rate()
        key = self.get_cache_key(request, None)
        cache.add(key, 0, timeout=seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds)


class CountedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing an address that keeps failing."""

    def authenticate(self, request: Request) -> Any:
        """The user of a valid token; a bad one counts against the address."""
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        failures = FailedAuthentications()
        failures.refuse_if_over(request)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            failures.record(request)
            raise


def count_anonymous_write(exc: Exception, request: Request | None) -> Exception:
    """A write refused for want of credentials counts too; past the rate it
    becomes a 429. Returns the exception to answer with."""
    if request is None or not isinstance(exc, exceptions.NotAuthenticated):
        return exc
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return exc
    failures = FailedAuthentications()
    try:
        failures.refuse_if_over(request)
    except exceptions.Throttled as throttled:
        return throttled
    failures.record(request)
    return exc
