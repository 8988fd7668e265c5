"""The Redis database the tests use: one per parallel worker.

Two workers on one Redis database would read each other's copies of the
versions (``newsroom.versions.mirror``) and cached pages, and empty each
other's cache mid-test: one worker's committed change would make another's
page look stale. ``TEST_REDIS_URL`` names the first worker's database
(6 unless set); worker ``gwN`` takes the number N above it.
"""

import os
import socket

_BASE = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def _for_worker(url: str, worker: int) -> str:
    server, _, number = url.rpartition("/")
    return f"{server}/{int(number or 0) + worker}"


REDIS_URL = _for_worker(_BASE, _WORKER)


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False
