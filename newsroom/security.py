"""Who is asking: the client address that sign-in throttling counts against."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: the socket's, or the one our TLS proxy appended.

    Only the last X-Forwarded-For entry is the proxy's own; earlier ones are
    whatever the client sent, so trusting them would let anyone pick the
    address their failures count against.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not getattr(settings, "BEHIND_TLS_PROXY", False):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else remote
