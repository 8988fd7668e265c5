"""Two app servers, one database, one Redis: a change made anywhere shows everywhere.

Starts two gunicorn processes against the test database and the worker's Redis
database (``tests.shared_redis``), as a load balancer would see them.
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
from django.core.cache import cache
from django.db import connection
from pytest_django.fixtures import Settings
from rest_framework.authtoken.models import Token

from articles.editing import edit_article
from articles.models import Article
from articles.services import unpublish_article
from claims.models import Agency, Claim
from claims.services import change_agency_label
from tests.factories import AgencyFactory, ArticleFactory, UserFactory, make_claim
from tests.ports import free_port
from tests.shared_redis import REDIS_URL, redis_is_up

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or "postgres"
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{config['NAME']}"


def get(port: int, path: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post(port: int, path: str, body: dict[str, Any], token: str) -> tuple[int, str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def shared_redis(settings: Settings) -> None:
    """This process uses the servers' Redis, emptied first, configured as
    they are: its changes copy their versions there as theirs do."""
    if not redis_is_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cachebackend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    cache.clear()


@pytest.fixture
def servers(shared_redis: None) -> Iterator[tuple[int, int]]:
    """Two gunicorn servers on the test database, sharing one Redis database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CACHE_URL", None)
    ports = (free_port(), free_port())
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
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


@pytest.fixture
def story(roles: None) -> tuple[Article, Claim, Claim, str]:
    """A published story with two unreviewed claims, and an editor's API token."""
    article = ArticleFactory.create(
        slug="shared-story",
        headline="Shared story",
        body="Turnout reached 97 percent, the agency said. Observers saw queues.",
    )
    agency = AgencyFactory.create(slug="shared-agency", name="Shared Agency")
    first = make_claim(article, "Turnout reached 97 percent", agency=agency)
    second = make_claim(article, "Observers saw queues", agency=agency)
    editor = UserFactory.create(username="shared-editor", role="Editors")
    return article, first, second, Token.objects.create(user=editor).key


def status_on_page(html: str, claim: Claim) -> str:
    marker = f'data-claim="{claim.pk}" data-status="'
    assert marker in html, html[:500]
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_a_review_through_one_server_shows_at_once_through_the_other(
    servers: tuple[int, int], story: tuple[Article, Claim, Claim, str]
) -> None:
    """Server B has the page cached; a review made through server A shows on B's
    very next answer, for the page, the claim's API read and a conditional GET."""
    one, other = servers
    article, claim, _, token = story
    page = article.get_absolute_url()
    for port in (other, other, one):
        status, html = get(port, page)
        assert status == 200
        assert status_on_page(html, claim) == "unreviewed"
    status, _ = get(other, f"/api/claims/{claim.pk}/")
    assert status == 200
    etag = urllib.request.urlopen(f"http://127.0.0.1:{other}{page}").headers["ETag"]
    assert get(other, page, **{"If-None-Match": etag})[0] == 304

    status, body = post(
        one,
        f"/api/claims/{claim.pk}/review/",
        {
            "status": "disputed",
            "note": "Observers counted far fewer voters.",
            "disputed_by": "Independent observers",
            "version": claim.version,
        },
        token,
    )
    assert status == 200, body

    status, html = get(other, page, **{"If-None-Match": etag})
    assert status == 200
    assert status_on_page(html, claim) == "disputed"
    assert "Observers counted far fewer voters." in html
    api = json.loads(get(other, f"/api/claims/{claim.pk}/")[1])
    assert api["status"] == "disputed"
    assert "Observers counted far fewer voters." in get(other, "/feeds/reviews/")[1]


def test_changes_made_in_this_process_show_through_a_server(
    servers: tuple[int, int], story: tuple[Article, Claim, Claim, str]
) -> None:
    """An edit, a correction, an agency label and unpublishing, each made here,
    show on the other process's next answer for every page they touch."""
    _, other = servers
    article, claim, second, _ = story
    pages = [
        article.get_absolute_url(),
        claim.get_absolute_url(),
        "/agencies/shared-agency/",
        "/",
        f"/api/articles/{article.slug}/",
    ]
    for path in pages:
        get(other, path)

    edit_article(
        article.pk,
        actor=None,
        headline="Shared story, corrected",
        body=article.body.replace("97 percent", "97 per cent"),
        change_kind="correction",
        change_note="The turnout figure was misstated.",
    )
    for path in pages:
        assert "Shared story, corrected" in get(other, path)[1], path
    assert "The turnout figure was misstated." in get(other, pages[0])[1]
    assert "The turnout figure was misstated." in get(other, "/feeds/corrections/")[1]

    agency = Agency.objects.get(slug="shared-agency")
    change_agency_label(
        agency.pk,
        actor=None,
        state_affiliation=Agency.Affiliation.INDEPENDENT,
        affiliation_label="Independent cooperative",
    )
    for path in ["/agencies/shared-agency/", "/api/agencies/shared-agency/"]:
        assert "Independent cooperative" in get(other, path)[1], path

    unpublish_article(article.pk, actor=None)
    for path in [pages[0], pages[1], pages[4], f"/api/claims/{second.pk}/"]:
        assert get(other, path)[0] == 404, path
    assert "Shared story" not in get(other, "/")[1]
