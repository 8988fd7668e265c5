"""The answer first at the WSGI server's door (``AnswerFirstDoor``, wired in
``newsroom.wsgi``): an anonymous reader's kept answer that Redis's copies
show still stands, served before Django's request cycle begins; and a
superseded one built by one request at a time (``newsroom.rebuilding``).
What is kept, and how it is checked, is ``newsroom.front``'s.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest

from newsroom import rebuilding
from newsroom.answers import asked_again_paths
from newsroom.caching import Read
from newsroom.front import LOOKED_UP, Answer, is_conditional, key_for, standing_answer
from newsroom.versions import mirror
from newsroom.versions.reading import NotCopied, copies_only

logger = logging.getLogger(__name__)


class AnswerFirstDoor:
    """Django's WSGI application with the answer first at its door: a kept
    answer that Redis's copies show still stands is served before Django's
    request cycle begins (its signals, URL prefix and middleware), with the
    same headers and body ``AnswerFirstMiddleware`` gives it. Anything else,
    and any read that would need the database (no Redis, a copy missing, a
    scheduled moment come: ``copies_only``), goes in to the middleware,
    which is told the key and what was read here so it does not work them
    out again."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self.application = application

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and mirror.active():
            request = WSGIRequest(environ)
            key = key_for(request)
            if key is not None and not is_conditional(request):
                try:
                    found = _looked_up(request, key)
                except Exception:
                    # Django's request cycle logs and answers what failed.
                    logger.exception("The answer first failed at the door")
                else:
                    if found is not None and found[0] is not None:
                        start_response("200 OK", found[0].headers)
                        return [found[0].body]
                    if found is not None:
                        unasked = getattr(request, "answer_unasked", False)
                        environ[LOOKED_UP] = (key, found[1], unasked)
                        if found[1] is not None and _rebuilt(request):
                            return self._built(
                                request, (key, found[1]), environ, start_response
                            )
        return self.application(environ, start_response)

    def _built(
        self,
        request: HttpRequest,
        looked: tuple[str, dict[str, Read]],
        environ: dict[str, Any],
        start_response: Callable[..., Any],
    ) -> Iterable[bytes]:
        """A superseded answer built by this request at the versions it
        read, or, if another is building it at those, the answer that one
        keeps (``newsroom.rebuilding``)."""
        key, taken = looked
        if rebuilding.take(key, taken):
            return self.application(environ, start_response)
        try:
            answer = rebuilding.awaited(
                lambda: (_looked_up(request, key) or (None,))[0]
            )
        except Exception:
            logger.exception("Waiting for an answer being built failed at the door")
            answer = None
        if answer is not None:
            start_response("200 OK", answer.headers)
            return [answer.body]
        # Waited in vain: the versions read before are old now.
        environ[LOOKED_UP] = (key, None, False)
        return self.application(environ, start_response)


def _looked_up(
    request: HttpRequest, key: str
) -> tuple[Answer | None, dict[str, Read] | None] | None:
    """The kept answer if it stands and the versions read, from Redis's
    copies alone; None if they do not hold what it takes to know."""
    try:
        with copies_only():
            return standing_answer(request, key)
    except NotCopied:
        return None


def _rebuilt(request: HttpRequest) -> bool:
    """Whether the answer to ``request`` is kept for every reader and was
    superseded: built by one request at a time."""
    return (
        getattr(request, "answer_superseded", False)
        and not getattr(request, "answer_unasked", False)
        and request.path not in asked_again_paths
    )
