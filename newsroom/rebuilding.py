"""One rebuild at a time of a page's superseded answer.

After a change (an editor's review), the next readers of the page each find
its kept answer superseded, and every worker that takes one of them would
build the page again at once, on the same cores: four workers, four builds
of one page, each slower for the others. The first to find it superseded
marks it as being built at the versions it read (``cache.add``: Redis's
``SET NX``, one round trip) and builds it through the usual path, which
keeps it. The others that read the same versions wait for the answer it
keeps, looking every ``WAIT_STEP`` seconds, and serve it once it stands on
the versions they read then (never one that does not: the look is the
door's own); past ``WAIT_LIMIT`` they build it themselves. The mark is
named by the versions, so it is not dropped: a reader that looked before
the answer was kept and marks after finds it still there and waits too
(then finds the answer), and the next change's readers read other versions
and mark anew. It lapses after ``MARK_SECONDS``.

Only for answers kept for every reader: a page kept only once its address
is asked for again (a search) is seldom asked for twice at once.
"""

import time
from collections.abc import Callable, Mapping
from typing import Any

from django.core.cache import cache

from newsroom.answers import digest

MARK_SECONDS = 2
WAIT_STEP = 0.002
WAIT_LIMIT = 0.1


def take(key: str, taken: Mapping[str, Any]) -> bool:
    """Mark the answer under ``key`` as being built at the versions
    ``taken``: False if another request marked it so already."""
    versions = repr(sorted((scope, read[0]) for scope, read in taken.items()))
    return bool(cache.add(f"building:{key}:{digest(versions)}", 1, MARK_SECONDS))


def awaited[Found](look: Callable[[], Found | None]) -> Found | None:
    """What ``look`` finds, looking until it finds it or ``WAIT_LIMIT`` has
    passed (then None: build it)."""
    until = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < until:
        time.sleep(WAIT_STEP)
        found = look()
        if found is not None:
            return found
    return None
