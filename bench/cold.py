"""A server that keeps nothing, for ``make bench-http``'s cold rows.

The project's WSGI application with every request inside
``newsroom.parts.bypassed``: no answer or part is looked up or kept, so each
request measures a page built wholly from the database, as the first
request after a change would. ``gunicorn bench.cold`` (run from the
project's root).
"""

from collections.abc import Callable, Iterable
from typing import Any

from newsroom.parts import bypassed
from newsroom.wsgi import application as project


def application(
    environ: dict[str, Any], start_response: Callable[..., Any]
) -> Iterable[bytes]:
    """The project's answer, built with the cache bypassed."""
    with bypassed():
        return project(environ, start_response)
