"""Fault test: review writes through gunicorn while PostgreSQL restarts.

Creates a throwaway PostgreSQL 15 cluster on 127.0.0.1 (port 55432 unless
FAULT_PG_PORT is set) in a temporary directory, migrates it, loads the demo,
starts gunicorn on a free loopback port and sends a bounded number of review
writes (`POST /api/claims/<id>/review/` with a token, alternating statuses,
each with the version last read) while restarting the cluster
(`pg_ctl restart -m fast`) twice. Then it checks every write that was
answered 200 against the database and prints:

- 5xx answers seen,
- seconds to recover: from each restart to the first successful write after it,
- acknowledged writes lost (must be 0; the exit status is 1 otherwise).

Then, on the same cluster, the Redis scenario (``bench/fault_redis.py``): a
redis-server of its own killed under load on reader pages and the API, and
restarted from a snapshot older than the last review; it counts answers of
500 and stale reads, and fails the run unless both are 0.
FAULT_SCENARIOS picks the scenarios ("postgres redis" unless set).

Everything is removed afterwards. Not part of `make test`: `make fault`.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_PORT = int(os.environ.get("FAULT_PG_PORT", "55432"))
WRITES = int(os.environ.get("FAULT_WRITES", "300"))
RESTARTS = 2
# Hard bounds, so a wedged run still ends.
REQUEST_TIMEOUT = 10.0
RUN_BUDGET = 300.0
VENV_BIN = Path(sys.executable).parent
SCENARIOS = os.environ.get("FAULT_SCENARIOS", "postgres redis").split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster in a temporary directory, run as a non-root user."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.log = directory / "postgres.log"
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root.
            shutil.chown(directory, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *command: str) -> None:
        subprocess.run(
            [*self.as_user, *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def pg_ctl(self, *arguments: str) -> None:
        self.run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *arguments
        )

    def create(self) -> None:
        self.run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {PG_PORT} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.directory}"
        )
        self.pg_ctl("-l", str(self.log), "-o", options, "start")
        self.run(
            str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT),
            "-U", "postgres", "fault",
        )  # fmt: skip

    def restart(self) -> None:
        self.pg_ctl("-m", "fast", "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("-m", "immediate", "stop")


@dataclass
class Outcome:
    statuses: Counter[str] = field(default_factory=Counter)
    acknowledged: list[tuple[int, int, str, str]] = field(default_factory=list)
    restarts_at: list[float] = field(default_factory=list)
    successes_at: list[float] = field(default_factory=list)


def call(
    url: str, token: str, body: dict[str, object] | None = None
) -> tuple[int, dict]:
    """One request; a refused or dropped connection counts as status 0."""
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"{}")
        except ValueError:
            return error.code, {}
    except (OSError, ValueError):
        return 0, {}


def write_load(
    base: str, token: str, claims: dict[int, int], cluster: Cluster
) -> Outcome:
    """Send WRITES reviews round the claims, restarting the cluster twice on the way."""
    outcome = Outcome()
    restart_after = {WRITES * (n + 1) // (RESTARTS + 1) for n in range(RESTARTS)}
    restarting: threading.Thread | None = None
    started = time.monotonic()
    ids = sorted(claims)
    for number in range(WRITES):
        if time.monotonic() - started > RUN_BUDGET:
            print(
                f"stopped after {number} writes: the run took over {RUN_BUDGET:.0f} s"
            )
            break
        if number in restart_after:
            if restarting is not None:
                restarting.join()
            outcome.restarts_at.append(time.monotonic())
            restarting = threading.Thread(target=cluster.restart)
            restarting.start()
        claim_id = ids[number % len(ids)]
        status = "verified" if (number // len(ids)) % 2 == 0 else "contextualized"
        note = f"Fault-test note {number}." if status == "contextualized" else ""
        code, answer = call(
            f"{base}/api/claims/{claim_id}/review/",
            token,
            {"status": status, "note": note, "version": claims[claim_id]},
        )
        outcome.statuses[str(code) if code else "no answer"] += 1
        if code == 200:
            claims[claim_id] = int(answer["version"])
            outcome.acknowledged.append((claim_id, claims[claim_id], status, note))
            outcome.successes_at.append(time.monotonic())
        elif code != 400:
            # The write may or may not have landed: read the version again.
            for _ in range(50):
                code, current = call(f"{base}/api/claims/{claim_id}/", token)
                if code == 200:
                    claims[claim_id] = int(current["version"])
                    break
                time.sleep(0.1)
    if restarting is not None:
        restarting.join()
    return outcome


def load(env: dict[str, str]) -> dict[str, Any]:
    """Migrate, load the demo, make an editor: its token and the claims' versions."""

    def manage(*arguments: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    manage("migrate", "--noinput")
    manage("load_demo")
    setup = manage(
        "shell", "--no-imports", "-c",
        "from django.contrib.auth.models import Group, User\n"
        "from rest_framework.authtoken.models import Token\n"
        "from claims.models import Claim\n"
        "import json\n"
        "u = User.objects.create_user('fault-editor', is_staff=True)\n"
        "u.groups.add(Group.objects.get(name='Editors'))\n"
        "claims = {c.pk: c.version for c in Claim.objects.exclude(anchor_state='orphaned')}\n"
        "print(json.dumps({'token': Token.objects.create(user=u).key, 'claims': claims}))",
    )  # fmt: skip
    ready: dict[str, Any] = json.loads(setup.strip().splitlines()[-1])
    return ready


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-fault-"))
    cluster = Cluster(workdir)
    server: subprocess.Popen[bytes] | None = None
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/fault",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        # The load is the point here, not the API's rate limits: an
        # anonymous read refused (429) would also prove nothing fresh or
        # stale after Redis comes back.
        "API_RATE_ANON": "100000/minute",
        "API_RATE_USER": "100000/minute",
        "API_RATE_WRITES": "100000/minute",
        "API_RATE_REVIEWS": "100000/minute",
    }
    env.pop("REDIS_URL", None)
    try:
        print(f"PostgreSQL 15 cluster in {workdir}, port {PG_PORT}")
        cluster.create()
        ready = load(env)
        claims = {int(pk): version for pk, version in ready["claims"].items()}
        port = free_port()
        server = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"), "newsroom.wsgi",
                "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30",
            ],
            cwd=ROOT, env=env,
            stdout=(workdir / "gunicorn.log").open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            if call(f"{base}/api/", ready["token"])[0] == 200:
                break
            time.sleep(0.1)
        else:
            print("gunicorn did not answer")
            return 2

        failed = False
        if "postgres" in SCENARIOS:
            failed = postgres_scenario(base, ready["token"], claims, cluster)
        server.terminate()
        server.wait(timeout=30)
        if "redis" in SCENARIOS:
            import fault_redis

            failed |= not fault_redis.run(workdir, env, ready["token"], claims)
        return 1 if failed else 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def postgres_scenario(
    base: str, token: str, claims: dict[int, int], cluster: Cluster
) -> bool:
    """Review writes while the cluster restarts; True if an acknowledged one was lost."""
    print(f"{WRITES} review writes over {len(claims)} claims, {RESTARTS} restarts")
    outcome = write_load(base, token, claims, cluster)

    import psycopg

    with psycopg.connect(
        f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=fault"
    ) as connection:
        stored = set(
            connection.execute(
                "SELECT claim_id, version, new_status, note FROM claims_reviewevent"
            ).fetchall()
        )
    lost = [write for write in outcome.acknowledged if write not in stored]

    recoveries = []
    for restart_at in outcome.restarts_at:
        after = [t for t in outcome.successes_at if t > restart_at]
        recoveries.append(f"{after[0] - restart_at:.2f}" if after else "never")
    server_errors = sum(
        count for status, count in outcome.statuses.items() if status.startswith("5")
    )
    print(f"answers: {dict(sorted(outcome.statuses.items()))}")
    print(f"5xx seen: {server_errors}")
    print(f"seconds to recover: {', '.join(recoveries)}")
    print(f"acknowledged writes: {len(outcome.acknowledged)}")
    print(f"acknowledged writes lost: {len(lost)}")
    return bool(lost)


if __name__ == "__main__":
    sys.exit(main())
