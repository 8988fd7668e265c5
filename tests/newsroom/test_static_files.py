"""With DEBUG off and no `collectstatic`, pages and their static files still load."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.fixture
def uncollected_server(tmp_path: Path) -> Iterator[str]:
    """gunicorn with production settings, an empty STATIC_ROOT and a fresh database."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "STATIC_ROOT": str(tmp_path / "static-never-collected"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # until the server listens; not a timing assertion
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait()
        log.close()


def test_pages_and_stylesheet_load_before_collectstatic(
    uncollected_server: str,
) -> None:
    """The index answers 200 and links a stylesheet that is served as CSS."""
    status, _, body = fetch(uncollected_server + "/")
    assert status == 200, body[:500]
    soup = BeautifulSoup(body, "html.parser")
    stylesheet = soup.select_one('link[rel="stylesheet"]')
    assert stylesheet is not None
    href = str(stylesheet["href"])
    assert href == "/static/newsroom/site.css"
    status, content_type, css = fetch(uncollected_server + href)
    assert status == 200
    assert content_type.startswith("text/css")
    assert b".align-right" in css
    status, _, body = fetch(uncollected_server + "/no-such-page/")
    assert status == 404
    assert b"Page not found" in body
