"""Benchmark over HTTP: reader pages and the API under wrk, beside bare Django.

Starts gunicorn (4 sync workers each, loopback ports) four times over the
same database: the project with Redis as its cache (``BENCH_REDIS_URL``, a
database number of its own, emptied first; ``redis://127.0.0.1:6379/15``
unless set), the same keeping nothing (``bench/cold.py``: every page built
from the database), the project with its local-memory cache, and a bare Django site
(``bench/bare.py``: no middleware, one view making the article page's two
queries, with and without Django's ``cache_page``). Loads the demo and a
1,000-claim story (``bench/http_data.py``), then measures every row with
wrk (16 connections, ``BENCH_HTTP_SECONDS`` each, 8 unless set) in three
interleaved rounds and prints, per row, the median of the three rounds'
requests a second, their p50 and p99 latency, and the ratio to the bare
``cache_page`` view and to the bare uncached view. Rows marked "a new URL
each request" add a random parameter, so each request misses the page
cache (parts kept by what they are made of may still serve); "a new query
each request" or's a random word into the search, so nothing kept for the
query serves either; "cold" rows keep nothing at all. ``BENCH_HTTP_ROWS``
(words of row names, comma-separated) measures only the rows naming one;
``BENCH_HTTP_PORTS`` ("first-last") bounds the ports the servers bind.
Every request says ``Accept-Encoding: gzip, deflate, br``, as a browser
does (``BENCH_HTTP_ENCODING=identity`` for none).

Then memory per worker (RSS) of each server, and the Redis cache's size
after 180 reviews of the demo story through the API, each followed by a
read of its page and its API answer (DBSIZE and the keys' MEMORY USAGE in
the benchmark's database). Loopback only; every step is bounded in time and
everything started is stopped. Not a test: it asserts nothing.

    make bench-http    # PostgreSQL via bench/on-postgres, or DATABASE_URL's
"""

import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault import call, free_port

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "8"))
ROUNDS = 3
CONNECTIONS = 16
WORKERS = 4
REVIEWS = 180
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
# A random parameter on every request: each one misses the page cache.
NEW_URL_EACH_TIME = """
request = function()
  return wrk.format(nil, wrk.path .. "&r=" .. math.random(1, 1000000000))
end
"""
# Another word on every request, or'ed with the query: the same results, but
# a query nothing kept has seen, its results ranked and highlighted afresh.
NEW_QUERY_EACH_TIME = """
request = function()
  return wrk.format(nil, wrk.path .. "+or+w" .. math.random(1, 1000000000))
end
"""
# Each thread of each run draws numbers of its own: unseeded, every thread
# of every wrk run draws the same ones, and asks for addresses already kept.
SEEDED = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  math.randomseed(os.time() * 64 + number)
end
"""
SCRIPTS = {
    "url": SEEDED + NEW_URL_EACH_TIME,
    "query": SEEDED + NEW_QUERY_EACH_TIME,
}
# Rows to measure, by a word of their names (comma-separated), besides the
# two bare rows every ratio is taken to; all rows unless set.
ONLY = [word for word in os.environ.get("BENCH_HTTP_ROWS", "").split(",") if word]
# What every request of every row, the baseline's too, says it takes, as a
# browser does (BENCH_HTTP_ENCODING; "identity" for the bodies as they are).
ENCODING = os.environ.get("BENCH_HTTP_ENCODING", "gzip, deflate, br")
# Ports the servers may bind, "first-last" (BENCH_HTTP_PORTS); any free one
# unless set.
PORTS = os.environ.get("BENCH_HTTP_PORTS", "")
_given: set[int] = set()


def pick_port() -> int:
    """A free loopback port, from ``PORTS`` if set, never one given already."""
    if not PORTS:
        return free_port()
    first, last = (int(end) for end in PORTS.split("-"))
    for port in range(first, last + 1):
        with socket.socket() as sock, contextlib.suppress(OSError):
            if port not in _given:
                sock.bind(("127.0.0.1", port))
                _given.add(port)
                return port
    raise SystemExit(f"no free port in {PORTS}")


def get(url: str) -> int:
    """An anonymous GET: its status, 0 for no answer."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@dataclass
class Server:
    """One gunicorn, its workers and its log."""

    name: str
    env: dict[str, str]
    log: Path
    # The WSGI application gunicorn serves.
    application: str = "newsroom.wsgi"
    port: int = field(default_factory=pick_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path: str) -> None:
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"), self.application,
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS),
                "--worker-class", "sync", "--timeout", "30",
            ],
            cwd=ROOT, env=self.env,
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(300):
            if get(self.base + ready_path) == 200:
                return
            time.sleep(0.1)
        raise SystemExit(f"{self.name} did not answer; see {self.log}")

    def worker_rss_mb(self) -> list[float]:
        """Each worker's resident memory, in MB (read from /proc)."""
        if self.process is None:
            return []
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        sizes = []
        for child in children:
            with contextlib.suppress(OSError):
                status = Path(f"/proc/{child}/status").read_text()
                sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)  # type: ignore[index]
        return sorted(sizes)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Row:
    """One line of the table: a URL on a server, measured each round."""

    name: str
    server: Server
    path: str
    # A key of SCRIPTS: what wrk changes in each request.
    script: str = ""
    during: Callable[[], contextlib.AbstractContextManager[object]] | None = None
    runs: list[tuple[float, float, float, int]] = field(default_factory=list)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(
    url: str, seconds: float, script: Path | None = None
) -> tuple[float, float, float, int]:
    """Requests a second, p50 and p99 in ms, and answers other than 2xx/3xx."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency"]
    command += ["-H", f"Accept-Encoding: {ENCODING}"]
    command += ["--timeout", "5s", *(["-s", str(script)] if script else []), url]
    out = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out)[1])  # type: ignore[index]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, p50, p99, int(errors[1]) if errors else 0


class Reviewer:
    """An editor reviewing the demo story's claims through the API, in turn."""

    def __init__(self, base: str, token: str, claims: dict[int, int]) -> None:
        self.base, self.token, self.claims = base, token, claims
        self.done = 0
        self.refused = 0

    def review_once(self) -> None:
        ids = sorted(self.claims)
        claim = ids[(self.done + self.refused) % len(ids)]
        status = ["verified", "contextualized"][self.claims[claim] % 2]
        code, answer = call(
            f"{self.base}/api/claims/{claim}/review/",
            self.token,
            {"status": status, "note": "Checked again.", "version": self.claims[claim]},
        )
        if code == 200:
            self.claims[claim] = int(answer["version"])
            self.done += 1
        else:
            self.refused += 1
            code, current = call(f"{self.base}/api/claims/{claim}/", self.token)
            if code == 200:
                self.claims[claim] = int(current["version"])

    @contextlib.contextmanager
    def every(self, interval: float) -> Iterator[object]:
        """Review every ``interval`` seconds until the block ends."""
        stop = threading.Event()

        def loop() -> None:
            # On a schedule: a slow review is followed at once by the next.
            due = time.monotonic() + interval
            while not stop.wait(max(0.0, due - time.monotonic())):
                self.review_once()
                due += interval

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            stop.set()
            thread.join(timeout=30)


def measure(rows: list[Row], workdir: Path) -> None:
    """Warm every row once, then three interleaved rounds of all of them."""
    scripts = {}
    for name, text in SCRIPTS.items():
        scripts[name] = workdir / f"new-{name}.lua"
        scripts[name].write_text(text)
    for row in rows:
        wrk(row.server.base + row.path, 2, scripts.get(row.script))
    for number in range(ROUNDS):
        print(f"round {number + 1} of {ROUNDS}", flush=True)
        for row in rows:
            during = row.during() if row.during else contextlib.nullcontext()
            with during:
                row.runs.append(
                    wrk(row.server.base + row.path, SECONDS, scripts.get(row.script))
                )


def print_table(rows: list[Row]) -> None:
    medians = {row.name: statistics.median(run[0] for run in row.runs) for row in rows}
    cached, uncached = medians[rows[0].name], medians[rows[1].name]
    width = max(len(row.name) for row in rows)
    print(
        f"\n{'page':<{width}}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}"
        f"  {'ratio':>6}  {'vs bare uncached':>16}  {'errors':>6}"
    )
    print("-" * (width + 64))
    for row in rows:
        rate = medians[row.name]
        p50 = statistics.median(run[1] for run in row.runs)
        p99 = statistics.median(run[2] for run in row.runs)
        errors = sum(run[3] for run in row.runs)
        print(
            f"{row.name:<{width}}  {rate:>7,.0f}  {p50:>7.1f}  {p99:>7.1f}"
            f"  {rate / cached:>6.2f}  {rate / uncached:>16.2f}  {errors:>6}"
        )
    print(
        "\nreq/s, p50, p99: medians of the rounds; ratio: to the bare cache_page "
        "view; errors: answers other than 2xx/3xx, all rounds."
    )


def cache_size(reviewer: Reviewer, app: Server, demo: str) -> None:
    """The Redis cache's size after REVIEWS reviews of one story, each read after."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    before = client.info("memory")["used_memory"]
    pages = [f"/articles/{demo}/", f"/api/articles/{demo}/"]
    reviewer.done = reviewer.refused = 0
    for _ in range(REVIEWS):
        reviewer.review_once()
        for page in pages:
            get(app.base + page)
    keys = list(client.scan_iter(count=1000))
    size = sum(client.memory_usage(key) or 0 for key in keys)
    after = client.info("memory")["used_memory"]
    print(
        f"\nRedis cache after {reviewer.done} reviews of one story (each read "
        f"after): {client.dbsize()} keys, {size / 1e6:.1f} MB by MEMORY USAGE; "
        f"the server's used_memory grew by {(after - before) / 1e6:.1f} MB"
    )


def environment(workdir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        "REDIS_URL": REDIS_URL,
        # The load is the point here, not the API's rate limits.
        **{
            f"API_RATE_{scope}": "1000000000/second"
            for scope in ("ANON", "USER", "WRITES", "REVIEWS")
        },
    }
    env.pop("CACHE_URL", None)
    return env


def prepare(env: dict[str, str]) -> dict[str, object]:
    """Migrate, load the demo and the 1,000-claim story, collect static files."""

    def run(*command: str) -> str:
        return subprocess.run(
            [sys.executable, *command],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=900,
        ).stdout  # fmt: skip

    run("manage.py", "migrate", "--noinput")
    run("manage.py", "load_demo")
    run("manage.py", "collectstatic", "--noinput")
    ready: dict[str, object] = json.loads(
        run("bench/http_data.py").strip().splitlines()[-1]
    )
    return ready


def rows_for(
    servers: dict[str, Server], ready: dict[str, object], editor: Reviewer
) -> list[Row]:
    app, local, bare, cold = (
        servers[name] for name in ("app", "local", "bare", "cold")
    )
    demo, large = ready["demo"], ready["large"]
    article = f"/articles/{demo}/"
    search = "/search/?q=referendum"
    rows = [
        Row("bare Django, 2 queries, cache_page (local memory)", bare, f"/bare/cached/{demo}/"),
        Row("bare Django, 2 queries, no cache", bare, f"/bare/{demo}/"),
        Row("article, 9 claims, warm", app, article),
        Row(
            "the same while an editor reviews 4 times a second",
            app, article, during=lambda: editor.every(0.25),
        ),
        Row("article, 9 claims, warm, local-memory cache", local, article),
        Row("article, 1,000 claims, warm", app, f"/articles/{large}/"),
        Row("API, the demo article", app, f"/api/articles/{demo}/"),
        Row("agencies index, warm", app, "/agencies/"),
        Row("agencies index, a new URL each request", app, "/agencies/?a=1", script="url"),
        Row("agencies index, cold (nothing kept)", cold, "/agencies/"),
        Row("search ?q=referendum, warm", app, search),
        Row("search ?q=referendum, a new URL each request", app, search, script="url"),
        Row("search ?q=referendum, a new query each request", app, search, script="query"),
        Row("search ?q=referendum, cold (nothing kept)", cold, search),
    ]  # fmt: skip
    return rows[:2] + [
        row for row in rows[2:] if not ONLY or any(word in row.name for word in ONLY)
    ]


def main() -> int:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: make bench-http installs Debian's package")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-http-"))
    env = environment(workdir)
    local_env = {k: v for k, v in env.items() if k != "REDIS_URL"}
    named = {
        "app": Server("project, Redis cache", env, workdir / "app.log"),
        "local": Server("project, local-memory cache", local_env, workdir / "local.log"),
        "bare": Server("bare Django", {**env, "DJANGO_SETTINGS_MODULE": "bench.bare"}, workdir / "bare.log"),
        "cold": Server("project, nothing kept", env, workdir / "cold.log", application="bench.cold"),
    }  # fmt: skip
    servers = list(named.values())
    app, bare = named["app"], named["bare"]
    try:
        print(f"database: {env.get('DATABASE_URL', 'SQLite')}; cache: {REDIS_URL}")
        ready = prepare(env)
        claims = {int(pk): int(v) for pk, v in ready["claims"].items()}  # type: ignore[attr-defined]
        editor = Reviewer(app.base, str(ready["token"]), claims)
        for server in servers:
            server.start(
                "/bare/cached/{}/".format(ready["demo"]) if server is bare else "/"
            )
        rows = rows_for(named, ready, editor)
        print(
            f"{len(rows)} rows, {ROUNDS} rounds of {SECONDS:g} s, {CONNECTIONS} "
            f"connections, Accept-Encoding: {ENCODING}"
        )
        measure(rows, workdir)
        print_table(rows)
        reviewing = SECONDS * ROUNDS
        print(
            f"reviews during the reviewing row: {editor.done} in {reviewing:g} s "
            f"({editor.done / reviewing:.1f} a second; {editor.refused} refused)"
        )
        for server in servers:
            rss = server.worker_rss_mb()
            print(
                f"memory per worker, {server.name}: "
                + ", ".join(f"{mb:.0f}" for mb in rss)
                + " MB"
            )
        cache_size(editor, app, str(ready["demo"]))
        return 0
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
