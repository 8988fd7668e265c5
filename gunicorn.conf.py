"""gunicorn's settings for Newsroom, read from the directory it starts in
(``gunicorn newsroom.wsgi``); the command line's options come first.

What a worker loads as it starts (Django, the URL configuration, the
settings: most of its objects, and they live as long as it does) is moved
out of the garbage collector's way once loaded: its full collections then
look only at what requests made, and a reader whose request one of them
interrupts waits milliseconds, not the tens of milliseconds a collection
of everything took (docs/scaling.md, "Pauses").
"""

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    """Freeze what the worker has loaded: the collector ignores it from now on."""
    gc.collect()
    gc.freeze()
