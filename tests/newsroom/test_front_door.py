"""The answer first at the server's door (``newsroom.wsgi``): with Redis, an
anonymous reader's kept answer is served before Django's request cycle
begins, with the bytes and headers the whole stack gives it, no query and
one round trip; a superseded one never; anything else goes in."""

import gzip
import io
import threading
import wsgiref.util
from typing import Any

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler as DjangoWSGI
from django.core.signals import request_started
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom import answers, front, parts, rebuilding
from newsroom.wsgi import application, django_application
from tests.newsroom.test_front import second_over
from tests.newsroom.test_version_copies import review, shared, story

__all__ = ["shared"]

# Committed changes and reads outside a transaction, as in a server.
pytestmark = pytest.mark.django_db(transaction=True)


class Answered:
    """A WSGI application's answer to one request, and whether Django's
    request cycle began for it."""

    def __init__(self, app: Any, path: str, **headers: str) -> None:
        environ: dict[str, Any] = {
            "PATH_INFO": path,
            "HTTP_HOST": "testserver",
            "wsgi.input": io.BytesIO(),
            **{"HTTP_" + name.upper(): value for name, value in headers.items()},
        }
        wsgiref.util.setup_testing_defaults(environ)
        self.began = 0

        def begun(**kwargs: Any) -> None:
            self.began += 1

        request_started.connect(begun)
        try:
            body = app(environ, self._start)
            self.body = b"".join(body)
            getattr(body, "close", lambda: None)()
        finally:
            request_started.disconnect(begun)

    def _start(self, status: str, headers: list[tuple[str, str]]) -> None:
        self.status, self.headers = status, headers


@pytest.fixture
def kept_page(shared: None) -> tuple[str, Any, Answered]:
    """A reviewed story's page, answered once by the whole stack, which
    keeps its answer; and that answer."""
    page, claim = story()
    review(claim, "Counted twice.")
    second_over()
    first = Answered(application, page, accept_encoding="gzip")
    assert first.began == 1
    return page, claim, first


def test_a_kept_answer_is_served_at_the_door_as_the_stack_serves_it(
    kept_page: tuple[str, Any, Answered],
) -> None:
    page, _claim, first = kept_page
    before = cache.round_trips  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as queries:
        door = Answered(application, page, accept_encoding="gzip")
    assert door.began == 0
    assert (len(queries), cache.round_trips - before) == (0, 1)  # type: ignore[attr-defined]
    assert (door.status, door.headers, door.body) == (
        first.status,
        first.headers,
        first.body,
    )
    inside = Answered(django_application, page, accept_encoding="gzip")
    assert inside.began == 1
    assert (inside.headers, inside.body) == (door.headers, door.body)
    names = dict(door.headers)
    assert names["Content-Encoding"] == "gzip"
    assert names["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware's
    assert "Counted twice." in gzip.decompress(door.body).decode()


def test_a_superseded_answer_goes_in_and_the_reader_sees_the_review(
    kept_page: tuple[str, Any, Answered],
) -> None:
    page, claim, _first = kept_page
    review(claim, "Recounted by the commission.")
    after = Answered(application, page)
    assert after.began == 1
    assert "Recounted by the commission." in after.body.decode()
    assert "Counted twice." not in after.body.decode()
    again = Answered(application, page)
    assert again.began == 0
    assert again.body == after.body


def test_a_read_the_copies_cannot_answer_goes_in(
    kept_page: tuple[str, Any, Answered],
) -> None:
    page, _claim, _first = kept_page
    cache.clear()  # Redis lost every copy: only the database can tell
    parts.forget_local()
    with CaptureQueriesContext(connection) as queries:
        answered = Answered(application, page)
    assert answered.began == 1
    assert answered.status == "200 OK"
    assert "Counted twice." in answered.body.decode()
    assert len(queries) >= 1


def test_signed_in_readers_and_conditional_reads_go_in(
    kept_page: tuple[str, Any, Answered], editor: Any
) -> None:
    page, _claim, _first = kept_page
    client = Client()
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    assert Answered(application, page, cookie=f"sessionid={session}").began == 1
    etag = dict(Answered(application, page).headers)["ETag"]
    conditional = Answered(application, page, if_none_match=etag)
    assert conditional.began == 1
    assert conditional.status.startswith("304")


def test_without_redis_every_read_goes_in(db: None) -> None:
    page, claim = story()
    review(claim, "Counted twice.")
    for _ in range(2):
        answered = Answered(application, page)
        assert answered.began == 1
        assert "Counted twice." in answered.body.decode()


def test_a_failure_at_the_door_leaves_the_reader_to_the_usual_path(
    kept_page: tuple[str, Any, Answered], monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _claim, first = kept_page
    calls = []
    recall_first = answers.recall_first

    def failing_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("a fault at the door")
        return recall_first(*args, **kwargs)

    monkeypatch.setattr(front, "recall_first", failing_once)
    answered = Answered(application, page, accept_encoding="gzip")
    assert answered.began == 1
    assert (answered.status, answered.body) == (first.status, first.body)


def test_readers_of_a_superseded_page_wait_for_one_build(
    kept_page: tuple[str, Any, Answered], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a review, readers asking for the page at once: one request
    builds it, the others serve the answer it keeps, without a query; every
    one of them sees the review."""
    page, claim, _first = kept_page
    # However slow the machine, the others wait for the one build.
    monkeypatch.setattr(rebuilding, "WAIT_LIMIT", 30.0)
    review(claim, "Recounted by the commission.")
    readers = 4
    barrier = threading.Barrier(readers)
    found: list[tuple[int, bytes]] = []

    def read() -> None:
        try:
            barrier.wait()
            with CaptureQueriesContext(connection) as queries:
                answered = Answered(application, page)
            found.append((len(queries), answered.body))
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(bool(queries) for queries, _ in found) == [False] * 3 + [True]
    assert len({body for _, body in found}) == 1
    assert "Recounted by the commission." in found[0][1].decode()


def died(*args: Any) -> Any:
    raise RuntimeError("the worker died building the page")


def test_a_reader_waits_for_a_build_no_longer_than_its_limit(
    kept_page: tuple[str, Any, Answered], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build marked but never finished (its worker died): the next reader
    waits at most ``WAIT_LIMIT``, then builds the page, with the review."""
    page, claim, _first = kept_page
    review(claim, "Recounted by the commission.")
    # The first reader marks the build, and dies before building.
    monkeypatch.setattr(DjangoWSGI, "__call__", died)
    with pytest.raises(RuntimeError):
        Answered(application, page)
    monkeypatch.undo()
    answered = Answered(application, page)
    assert answered.began == 1
    assert "Recounted by the commission." in answered.body.decode()
