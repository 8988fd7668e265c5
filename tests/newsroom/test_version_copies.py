"""With Redis, a kept answer is checked against the versions Redis copies
from the database, with no query, and is never stale: not between a change's
commit and its copy, nor after Redis restarts from an older snapshot."""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from claims.models import Claim
from claims.services import review_claim
from newsroom import parts
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.newsroom.test_cache_outages import free_port
from tests.shared_redis import REDIS_URL, redis_is_up

# Committed changes and reads outside a transaction, as in a server.
pytestmark = pytest.mark.django_db(transaction=True)


def use_redis(settings: Settings, url: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cachebackend.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"copies-{os.getpid()}-{time.time_ns()}",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def shared(settings: Settings) -> Iterator[None]:
    """The machine's Redis as the cache, under a prefix of this test's own."""
    if not redis_is_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    use_redis(settings, REDIS_URL)
    yield
    cache.clear()


def story() -> tuple[str, Claim]:
    article = ArticleFactory.create(
        slug="copied", body="Turnout reached 97 percent, the agency said."
    )
    claim = make_claim(
        article, "Turnout reached 97 percent", agency=AgencyFactory.create()
    )
    return article.get_absolute_url(), claim


def review(claim: Claim, note: str) -> None:
    claim.refresh_from_db()
    review_claim(
        claim.pk,
        status=Claim.Status.CONTEXTUALIZED,
        note=note,
        actor=None,
        expected_version=claim.version,
    )


def test_a_kept_page_is_served_without_a_query(shared: None) -> None:
    page, claim = story()
    review(claim, "Counted twice.")
    reader = Client()
    for _ in range(2):
        assert reader.get(page).status_code == 200
    parts.forget_local()  # a process that holds nothing of its own
    with CaptureQueriesContext(connection) as queries:
        again = reader.get(page)
    assert again.status_code == 200
    assert "Counted twice." in again.text
    assert [q["sql"][:300] for q in queries.captured_queries] == []


def test_a_change_whose_copy_never_lands_shows_at_once(
    shared: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies between its commit and its copy to Redis: its marks,
    set before the commit, send every read to the database."""
    page, claim = story()
    reader = Client()
    review(claim, "First note.")
    assert "First note." in reader.get(page).text
    assert "First note." in reader.get(page).text
    monkeypatch.setattr(transaction, "on_commit", lambda *args: None)
    review(claim, "Second note.")
    monkeypatch.undo()
    for _ in range(3):
        parts.forget_local()
        text = reader.get(page).text
        assert "Second note." in text
        assert "First note." not in text


class RedisServer:
    """A redis-server of this test's own, which it can kill and restore."""

    def __init__(self, directory: Path) -> None:
        self.directory, self.port = directory, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(shutil.which("redis-server")),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--dir", str(self.directory), "--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(settings: Settings) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        pytest.skip("no redis-server here")
    server = RedisServer(Path(tempfile.mkdtemp(prefix="newsroom-redis-")))
    server.start()
    use_redis(settings, f"redis://127.0.0.1:{server.port}/0")
    yield server
    server.kill()
    shutil.rmtree(server.directory, ignore_errors=True)


def test_redis_restarted_from_an_older_snapshot_serves_nothing_stale(
    own_redis: RedisServer,
) -> None:
    """Redis holds the pages and versions from before a review, restored from
    its snapshot after a crash: every read shows the review."""
    page, claim = story()
    urls = [page, claim.get_absolute_url(), f"/api/claims/{claim.pk}/"]
    reader = Client()
    review(claim, "Before the snapshot.")
    for _ in range(2):
        assert all("Before the snapshot." in reader.get(url).text for url in urls)
    redis.Redis(port=own_redis.port).save()
    review(claim, "After the snapshot.")
    assert all("After the snapshot." in reader.get(url).text for url in urls)
    own_redis.kill()
    own_redis.start()  # from the snapshot: the pages and versions before
    assert redis.Redis(port=own_redis.port).dbsize() > 0
    for _ in range(3):
        # This process may have been started after the crash: it holds nothing.
        parts.forget_local()
        cache.away_until = 0.0  # type: ignore[attr-defined]
        for url in urls:
            assert "After the snapshot." in reader.get(url).text, url
        assert reader.get(urls[2]).json()["note"] == "After the snapshot."
