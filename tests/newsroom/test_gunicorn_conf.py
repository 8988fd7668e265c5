"""gunicorn's settings (``gunicorn.conf.py``, read from the directory the
server starts in): a worker's own objects out of the collector's way."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a process of its own: freezing this one would keep the tests' garbage.
WORKER = """
import gc, runpy
conf = runpy.run_path("gunicorn.conf.py")
import newsroom.wsgi
before = gc.get_freeze_count()
conf["post_worker_init"](None)
print(before, gc.get_freeze_count(), sum(gc.get_count()))
"""


def test_a_worker_freezes_what_it_loaded() -> None:
    """Once a worker has loaded the application, what it loaded is frozen:
    the collector's full collections no longer go through Django's objects."""
    done = subprocess.run(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, frozen, tracked = map(int, done.stdout.split())
    assert before == 0
    # Django, the URL configuration and the settings: tens of thousands.
    assert frozen > 20_000
    assert tracked < 1_000
