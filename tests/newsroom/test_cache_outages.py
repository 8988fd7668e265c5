"""The cache can fail, be missing or be old, and readers still see the truth.

Two server processes without Redis (each with a cache of its own) serve only
fresh pages after reviews; with Redis unreachable, pages and API answers are
served from the database and writes succeed; with Redis, the cache holds one
copy of each page however many reviews supersede it.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from pytest_django.fixtures import Settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from articles.models import Article
from claims.models import Claim
from claims.services import review_claim
from newsroom import parts
from tests.factories import AgencyFactory, ArticleFactory, UserFactory, make_claim
from tests.newsroom.test_shared_cache import database_url
from tests.ports import free_port
from tests.shared_redis import REDIS_URL, redis_is_up

ROOT = Path(__file__).resolve().parent.parent.parent
STATUSES = [Claim.Status.VERIFIED, Claim.Status.CONTEXTUALIZED]


def request(port: int, path: str, body: Any = None, token: str = "") -> tuple[int, str]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    sent = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers=headers,
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(sent, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def story() -> tuple[Article, Claim, str]:
    """A published story with one claim, and an editor's API token."""
    article = ArticleFactory.create(
        slug="outage-story",
        body="Turnout reached 97 percent, the agency said. Observers saw queues.",
    )
    agency = AgencyFactory.create(slug="outage-agency")
    claim = make_claim(article, "Turnout reached 97 percent", agency=agency)
    editor = UserFactory.create(username="outage-editor", role="Editors")
    return article, claim, Token.objects.create(user=editor).key


def status_on_page(html: str, claim: Claim) -> str:
    marker = f'data-claim="{claim.pk}" data-status="'
    assert marker in html, html[:300]
    return html.split(marker, 1)[1].split('"', 1)[0]


@pytest.fixture
def two_servers_without_redis() -> Iterator[tuple[int, int]]:
    """Two gunicorn processes on the test database, each with its own memory cache."""
    ports = (free_port(), free_port())
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
        "API_RATE_ANON": "100000/minute",
        "API_RATE_USER": "100000/minute",
        "API_RATE_REVIEWS": "100000/minute",
    }
    for name in ("REDIS_URL", "CACHE_URL"):
        env.pop(name, None)
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "1"]
    processes = [
        subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            for _ in range(300):
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode())  # type: ignore[union-attr]
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_two_processes_without_redis_never_serve_a_stale_page(
    roles: None, two_servers_without_redis: tuple[int, int]
) -> None:
    """Reviews through one process or the other: every read through either
    right after shows the review, on the page and in the API."""
    article, claim, token = story()
    page, answer = article.get_absolute_url(), f"/api/claims/{claim.pk}/"
    stale = reads = 0
    for turn in range(12):
        ports = two_servers_without_redis
        # Both processes have the page cached before the review.
        for port in ports:
            assert request(port, page)[0] == 200
            assert request(port, answer)[0] == 200
        status = STATUSES[turn % 2]
        code, body = request(
            ports[turn % 2],
            f"/api/claims/{claim.pk}/review/",
            {"status": status, "note": f"Review {turn}.", "version": claim.version},
            token,
        )
        assert code == 200, body
        claim.version = json.loads(body)["version"]
        for port in ports:
            reads += 2
            stale += status_on_page(request(port, page)[1], claim) != status
            stale += json.loads(request(port, answer)[1])["status"] != status
    assert (stale, reads) == (0, 48)


@pytest.fixture
def unreachable_redis(settings: Settings) -> None:
    """The cache points at a port nothing listens on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cachebackend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


@pytest.mark.django_db
def test_with_redis_unreachable_pages_and_answers_come_from_the_database(
    roles: None, unreachable_redis: None
) -> None:
    """Every reader page and API answer is 200 and up to date, signed in or
    not, and a review through the API succeeds."""
    article, claim, token = story()
    editor = User.objects.get(username="outage-editor")
    anonymous, member, api = Client(), Client(), APIClient()
    member.force_login(editor)
    urls = [
        "/",
        article.get_absolute_url(),
        claim.get_absolute_url(),
        f"/agencies/{claim.agency.slug}/",
        "/feeds/reviews/",
        "/api/articles/",
        f"/api/articles/{article.slug}/",
        f"/api/claims/{claim.pk}/",
    ]
    for client in (anonymous, member):
        assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    reviewed = api.post(
        f"/api/claims/{claim.pk}/review/",
        {
            "status": "disputed",
            "note": "Figures differ.",
            "disputed_by": "Observers",
            "version": claim.version,
        },
        format="json",
    )
    assert reviewed.status_code == 200, reviewed.content
    for client in (anonymous, member):
        page = client.get(article.get_absolute_url())
        assert status_on_page(page.text, claim) == "disputed"
        assert client.get(f"/api/claims/{claim.pk}/").json()["status"] == "disputed"


@pytest.fixture
def redis_cache(settings: Settings) -> Iterator[redis.Redis]:
    """Redis as the cache, under a prefix of this test's own."""
    if not redis_is_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"size-{os.getpid()}-{time.time_ns()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cachebackend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(REDIS_URL)
    client.prefix = prefix  # type: ignore[attr-defined]
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def cache_size(client: redis.Redis) -> tuple[int, int]:
    """Keys and bytes the test's prefix holds."""
    keys = list(client.scan_iter(f"{client.prefix}:*"))  # type: ignore[attr-defined]
    return len(keys), sum(client.memory_usage(key) or 0 for key in keys)


@pytest.mark.django_db
def test_180_reviews_leave_one_copy_of_each_page(
    roles: None, redis_cache: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reviewed 180 times, a story's pages and answers are held once each:
    each review's page replaces the one before."""
    # Hundreds of reads from one address: not a case for the throttles.
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda *args: True)
    article = ArticleFactory.create(
        body="\n\n".join(f"Sentence {n} of the story holds." for n in range(9))
    )
    agency = AgencyFactory.create()
    claims = [
        make_claim(article, f"Sentence {n} of the story", agency=agency)
        for n in range(9)
    ]
    client = Client()
    urls = [
        article.get_absolute_url(),
        f"/api/articles/{article.slug}/",
        f"/agencies/{agency.slug}/",
        claims[0].get_absolute_url(),
    ]

    def read_all() -> None:
        assert [client.get(url).status_code for url in urls] == [200] * len(urls)
        # What Redis holds is measured: read it, as a process that has
        # nothing of its own in memory would.
        parts.forget_local()

    def review(turn: int) -> None:
        claim = Claim.objects.get(pk=claims[turn % 9].pk)
        review_claim(
            claim.pk,
            status=STATUSES[turn % 2],
            note=f"Review {turn}.",
            actor=None,
            expected_version=claim.version,
        )

    # Every claim reviewed once: each has its note kept from now on.
    for turn in range(9):
        review(turn)
    read_all()
    one_copy = cache_size(redis_cache)
    for turn in range(9, 189):
        review(turn)
        read_all()
    keys, size = cache_size(redis_cache)
    assert keys == one_copy[0]
    assert size < 3 * one_copy[1]
    cache.clear()


@pytest.mark.django_db
def test_a_cache_restored_from_an_older_snapshot_serves_nothing_stale(
    roles: None, redis_cache: redis.Redis
) -> None:
    """Redis restarted from a snapshot taken before a review holds the pages
    as they were: none of them is served, every read shows the review."""
    article, claim, _ = story()
    agency_page = f"/agencies/{claim.agency.slug}/"
    urls = [
        article.get_absolute_url(),
        claim.get_absolute_url(),
        agency_page,
        f"/api/articles/{article.slug}/",
        f"/api/claims/{claim.pk}/",
    ]
    client = Client()
    before = {url: client.get(url).content for url in urls}
    parts.forget_local()
    prefix = redis_cache.prefix  # type: ignore[attr-defined]
    snapshot = {
        key: redis_cache.dump(key) for key in redis_cache.scan_iter(f"{prefix}:*")
    }
    review_claim(
        claim.pk,
        status="disputed",
        note="Figures differ.",
        disputed_by="Observers",
        actor=None,
        expected_version=claim.version,
    )
    after = {url: client.get(url).content for url in urls}
    assert all(after[url] != before[url] for url in urls)
    # The restart: every key as the snapshot holds it; a process that
    # starts now has nothing of its own in memory.
    for key, value in snapshot.items():
        assert value is not None
        redis_cache.restore(key, 0, value, replace=True)
    parts.forget_local()
    for url in urls:
        assert client.get(url).content == after[url], url
