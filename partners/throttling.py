"""Each partner key is limited to its own rate, counted in the shared cache."""

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from partners.models import PartnerKey


class PartnerRateThrottle(SimpleRateThrottle):
    """Counts a partner key's requests against the rate set on the key."""

    scope = "partner"

    def __init__(self) -> None:
        # The rate is the key's, read per request: nothing to read here.
        pass

    def allow_request(self, request: Request, view: Any) -> bool:
        key = request.auth
        if not isinstance(key, PartnerKey):
            return True
        self.rate = key.rate
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        key = request.auth
        if not isinstance(key, PartnerKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.pk}
