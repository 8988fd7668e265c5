"""Signed webhooks: the signature, the address check, one HTTP attempt.

A delivery is a JSON POST whose body is signed with HMAC-SHA256 under the
endpoint's secret (``X-Newsroom-Signature: sha256=<hex>``). The address is
resolved and checked at registration and again at every attempt, and the
request goes to the very address that was checked, so a name that resolves
somewhere else a second time (DNS rebinding) cannot reach the private network.
Redirects are not followed.
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

SIGNATURE_HEADER = "X-Newsroom-Signature"
EVENT_HEADER = "X-Newsroom-Event"
EVENT_ID_HEADER = "X-Newsroom-Event-Id"
USER_AGENT = "Newsroom-Webhooks/1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for a body: ``sha256=<hex digest>``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, signature: str) -> bool:
    """Whether a signature header's value is the body's, in constant time."""
    return hmac.compare_digest(sign(secret, body), signature)


def encode(payload: dict[str, Any]) -> bytes:
    """The body sent for a payload: compact JSON, keys in a fixed order."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def _allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False))


def _public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Target:
    """Where an attempt goes: the URL's parts and the checked address."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def check_url(url: str) -> Target:
    """Resolve a webhook URL and refuse it unless every address is public.

    Raises ValidationError naming the problem: not http(s), no host, a name
    that does not resolve, or a loopback, private, link-local or reserved
    address (allowed only with ``WEBHOOKS_ALLOW_PRIVATE``).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": "Give an http:// or https:// address."})
    if parts.username or parts.password:
        raise ValidationError({"url": "The address may not carry a user or password."})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError({"url": "The port is not a number."}) from error
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ValidationError(
            {"url": f"The host {parts.hostname} does not resolve."}
        ) from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not _allow_private():
        refused = [str(a) for a in addresses if not _public(a)]
        if refused:
            raise ValidationError(
                {
                    "url": f"The host {parts.hostname} resolves to a loopback, "
                    f"private or reserved address ({refused[0]}); webhooks go to "
                    "public addresses only."
                }
            )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, parts.hostname, port, path, str(addresses[0]))


@dataclass(frozen=True)
class Attempt:
    """What one attempt met: the receiver's status code, or the error."""

    status_code: int | None
    error: str
    ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300  # noqa: PLR2004


def _connection(target: Target, timeout: float) -> http.client.HTTPConnection:
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=timeout
        )
    else:
        connection = http.client.HTTPConnection(
            target.host, target.port, timeout=timeout
        )

    # Connect to the address that was checked; TLS still verifies the host name.
    def create(address: Any, timeout: Any = None, source: Any = None) -> socket.socket:
        return socket.create_connection((target.address, target.port), timeout, source)

    connection._create_connection = create  # type: ignore[attr-defined]
    return connection


def post(url: str, *, secret: str, payload: dict[str, Any], event: str) -> Attempt:
    """Make one signed POST of an event's payload; never raises."""
    started = time.monotonic()

    def elapsed() -> int:
        return round((time.monotonic() - started) * 1000)

    try:
        target = check_url(url)
    except ValidationError as error:
        return Attempt(None, " ".join(error.messages), elapsed())
    body = encode(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(secret, body),
        EVENT_HEADER: event,
        EVENT_ID_HEADER: str(payload["id"]),
    }
    connection = _connection(target, float(getattr(settings, "WEBHOOK_TIMEOUT", 5)))
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return Attempt(response.status, "", elapsed())
    except (OSError, http.client.HTTPException) as error:
        return Attempt(None, f"{type(error).__name__}: {error}"[:300], elapsed())
    finally:
        connection.close()
