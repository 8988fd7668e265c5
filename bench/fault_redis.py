"""Fault test, Redis: pages and the API while the cache dies, and after it
comes back from a snapshot older than the last review.

Runs beside ``bench/fault.py``'s PostgreSQL cluster. Starts a throwaway
redis-server of its own on a free loopback port (never the machine's Redis),
and gunicorn using it as the cache, then:

1. *Outage*: four readers load reader pages and the API (anonymous and with
   an editor's token); Redis is killed mid-load (SIGKILL) and an editor
   reviews three times while it is down; then Redis starts again, empty.
   Counted: answers of 500 (and other 5xx or none) before, during and after
   the outage, and reviews acknowledged during it and kept in the database.
2. *Snapshot*: the pages are read into the cache, Redis saves a snapshot
   (RDB), an editor reviews a claim with a new note, the pages are read
   again; then Redis is killed and restarted from the snapshot, which holds
   the pages from before the review. Counted: reads after the restart that
   do not show the review's note (stale reads).

Passes (returns True) with no 500 on reader pages and the API, every
acknowledged review kept, and no stale read; prints the counts either way.
"""

import contextlib
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fault import VENV_BIN, call, free_port

ROOT = Path(__file__).resolve().parent.parent
READERS = 4
REQUEST_TIMEOUT = 10.0
# Seconds of load before the kill, with Redis down, and after it is back.
UP, DOWN, BACK = 3.0, 4.0, 3.0
READS_AFTER_RESTORE = 10


def read(url: str, token: str = "") -> tuple[int, str]:
    """A GET, anonymous unless a token is given: status (0 for none) and body."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


class Redis:
    """A redis-server of our own in a directory of its own, on a free port."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [
                binary, "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.directory), "--dbfilename", "dump.rdb",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes",
            ],
            stdout=(self.directory / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        import redis

        client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(100):
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def kill(self) -> None:
        """Die at once, as a crash does: nothing is saved."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def snapshot(self, name: str) -> Path:
        """SAVE, and keep a copy of the RDB file under ``name``."""
        import redis

        redis.Redis(port=self.port).save()
        copy = self.directory / name
        shutil.copyfile(self.directory / "dump.rdb", copy)
        return copy

    def restore(self, snapshot: Path) -> None:
        """Start again from ``snapshot``."""
        shutil.copyfile(snapshot, self.directory / "dump.rdb")
        self.start()


@dataclass
class Load:
    """Readers' answers by phase and kind of request."""

    phase: str = "up"
    answers: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    stop: threading.Event = field(default_factory=threading.Event)


def reader(base: str, paths: list[tuple[str, str]], token: str, load: Load) -> None:
    number = 0
    while not load.stop.is_set():
        kind, path = paths[number % len(paths)]
        number += 1
        code, _ = read(base + path, token if kind.endswith("signed in") else "")
        load.answers[load.phase, kind, str(code) if code else "no answer"] += 1


@contextlib.contextmanager
def readers(base: str, paths: list[tuple[str, str]], token: str) -> Iterator[Load]:
    load = Load()
    threads = [
        threading.Thread(target=reader, args=(base, paths[n:] + paths[:n], token, load))
        for n in range(READERS)
    ]
    for thread in threads:
        thread.start()
    try:
        yield load
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT * 2)


class Editor:
    """Reviews through the API, each with the version last read."""

    def __init__(self, base: str, token: str, claims: dict[int, int]) -> None:
        self.base, self.token, self.claims = base, token, claims
        self.acknowledged: list[tuple[int, int, str]] = []
        self.answers: Counter[str] = Counter()
        self.number = 0

    def review(self, claim: int) -> str:
        """Mark the claim contextualized with a new note; return the note."""
        self.number += 1
        note = f"Redis fault note {self.number} {time.time_ns()}"
        code, answer = call(
            f"{self.base}/api/claims/{claim}/review/",
            self.token,
            {"status": "contextualized", "note": note, "version": self.claims[claim]},
        )
        self.answers[str(code) if code else "no answer"] += 1
        if code == 200:
            self.claims[claim] = int(answer["version"])
            self.acknowledged.append((claim, self.claims[claim], note))
        else:
            code, current = call(f"{self.base}/api/claims/{claim}/", self.token)
            if code == 200:
                self.claims[claim] = int(current["version"])
        return note


def outage(
    base: str, paths: list[tuple[str, str]], token: str, redis: Redis, editor: Editor
) -> Load:
    """Load, kill Redis, review while it is down, start it again, load on."""
    claims = sorted(editor.claims)
    with readers(base, paths, token) as load:
        time.sleep(UP)
        load.phase = "down"
        redis.kill()
        for number in range(3):
            time.sleep(DOWN / 4)
            editor.review(claims[number % len(claims)])
        time.sleep(DOWN / 4)
        load.phase = "back"
        redis.start()
        time.sleep(BACK)
    return load


def stale_reads(
    base: str, pages: list[tuple[str, str]], token: str, redis: Redis, editor: Editor
) -> tuple[Counter[str], int]:
    """Reads that miss a review made after the snapshot Redis restarts from."""
    claim = sorted(editor.claims)[0]
    for _, path in pages:
        read(base + path)
    snapshot = redis.snapshot("before-review.rdb")
    note = editor.review(claim)
    for _, path in pages:
        read(base + path)
    redis.kill()
    redis.restore(snapshot)
    outcomes: Counter[str] = Counter()
    for _ in range(READS_AFTER_RESTORE):
        for kind, path in pages:
            code, body = read(base + path, token if kind.endswith("signed in") else "")
            if code != 200:
                outcomes[f"{kind}: answered {code or 'nothing'}"] += 1
            elif note not in body:
                outcomes[f"{kind}: stale"] += 1
            else:
                outcomes[f"{kind}: fresh"] += 1
    stale = sum(n for outcome, n in outcomes.items() if outcome.endswith("stale"))
    return outcomes, stale


def _story(dsn: str, claim: int) -> tuple[str, str]:
    """The slugs of the claim's story and agency."""
    import psycopg

    with psycopg.connect(dsn) as connection:
        row = connection.execute(
            "SELECT a.slug, g.slug FROM claims_claim c"
            " JOIN articles_article a ON a.id = c.article_id"
            " JOIN claims_agency g ON g.id = c.agency_id WHERE c.id = %s",
            [claim],
        ).fetchone()
    assert row is not None  # noqa: S101  (the demo's own claim)
    return str(row[0]), str(row[1])


def _kept(dsn: str, acknowledged: list[tuple[int, int, str]]) -> int:
    import psycopg

    with psycopg.connect(dsn) as connection:
        stored = set(
            connection.execute(
                "SELECT claim_id, version, note FROM claims_reviewevent"
            ).fetchall()
        )
    return sum(1 for review in acknowledged if review in stored)


def report(
    load: Load, during: Counter[str], outcomes: Counter[str], stale: int
) -> bool:
    """Print the counts; whether the scenario passed."""
    print("answers by phase (up, down, back) and kind:")
    for (phase, kind, code), count in sorted(load.answers.items()):
        print(f"  {phase:<5} {kind:<24} {code:>9}: {count}")
    errors = sum(n for (_, _, code), n in load.answers.items() if code == "500")
    other = sum(
        n
        for (_, _, code), n in load.answers.items()
        if code != "500" and (code.startswith("5") or code == "no answer")
    )
    print(f"answers of 500: {errors}; other 5xx or no answer: {other}")
    print(f"reviews while Redis was down, by answer: {dict(during)}")
    print("reads after Redis restarted from a snapshot older than the last review:")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")
    print(f"stale reads: {stale}")
    return errors == 0 and other == 0 and stale == 0


def run(workdir: Path, env: dict[str, str], token: str, claims: dict[int, int]) -> bool:
    """The whole Redis scenario on the cluster ``env`` names; True if it passed."""
    dsn = env["DATABASE_URL"]
    redis = Redis(workdir / "redis")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server: subprocess.Popen[bytes] | None = None
    try:
        redis.start()
        server = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"), "newsroom.wsgi",
                "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30",
            ],
            cwd=ROOT, env={**env, "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0"},
            stdout=(workdir / "gunicorn-redis.log").open("wb"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(300):
            if read(base + "/")[0] == 200:
                break
            time.sleep(0.1)
        else:
            print("gunicorn did not answer")
            return False
        claim = sorted(claims)[0]
        story, agency = _story(dsn, claim)
        pages = [
            ("article page", f"/articles/{story}/"),
            ("claim page", f"/claims/{claim}/"),
            ("API claim", f"/api/claims/{claim}/"),
            ("API article", f"/api/articles/{story}/"),
            ("API claim, signed in", f"/api/claims/{claim}/"),
        ]
        paths = [
            *pages,
            ("index", "/"),
            ("agency page", f"/agencies/{agency}/"),
            ("API article, signed in", f"/api/articles/{story}/"),
        ]
        editor = Editor(base, token, claims)
        for _ in range(2):  # Each worker's first answers are slow: warm them.
            for kind, path in paths:
                read(base + path, token if kind.endswith("signed in") else "")
        print(f"\nRedis on port {redis.port}: killed after {UP:g} s of load")
        load = outage(base, paths, token, redis, editor)
        during = Counter(editor.answers)
        outcomes, stale = stale_reads(base, pages, token, redis, editor)
        passed = report(load, during, outcomes, stale)
        kept = _kept(dsn, editor.acknowledged)
        print(f"acknowledged reviews: {len(editor.acknowledged)}, kept: {kept}")
        return passed and kept == len(editor.acknowledged)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        redis.kill()
