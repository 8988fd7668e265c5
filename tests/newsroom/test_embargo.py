"""An embargoed story, a scheduled correction's note and a scheduled
correction of a text appear at their time, by themselves, through a real
server sharing Redis as its cache.

Every public output is read (and so cached) before the time, and shows
nothing of them; once the time has passed, every one shows them. Nothing is
run in between: visibility follows from the time, and the caches name every
answer by the latest scheduled moment past.
"""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from articles.editing import edit_article
from articles.services import publish_article
from partners.services import issue_key
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.newsroom.test_shared_cache import (  # noqa: F401 - a fixture
    database_url,
    get,
    shared_redis,
)
from tests.pages.conftest import review
from tests.ports import free_port
from tests.shared_redis import REDIS_URL

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_detection(settings: Settings) -> None:
    """Claim detection is not what is tested: it is not run."""
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }


@pytest.fixture
def server(shared_redis: None) -> Iterator[int]:  # noqa: F811 - the fixture
    """One gunicorn server on the test database, sharing this process's Redis."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CACHE_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Scheduled:
    """A story under embargo and a published story with a correction scheduled."""

    moment: float
    slug: str
    headline: str
    quote: str
    claim_pk: int
    agency: str
    corrected: str
    note: str
    # A correction of the text scheduled a moment later still.
    retexted: str
    text_moment: float


def schedule(tag: str, delay: float) -> Scheduled:
    """Publish a story under embargo, and schedule a correction of another,
    ``delay`` seconds ahead and a second later: a note alone, the text as it was."""
    agency = AgencyFactory.create(slug=f"wire-{tag}", name=f"Wire {tag}")
    quote = f"Turnout reached zebra{tag} percent"
    embargoed = ArticleFactory.create(
        slug=f"embargoed-{tag}",
        headline=f"Embargoed quokka{tag} report",
        body=f"{quote}, the agency said. Observers saw queues.",
        status="draft",
        published_at=None,
    )
    claim = make_claim(embargoed, quote, agency=agency)
    review(claim, "disputed", note=f"Observers counted fewer voters {tag}.")
    corrected = ArticleFactory.create(slug=f"corrected-{tag}")
    at = timezone.now() + timedelta(seconds=delay)
    publish_article(embargoed.pk, actor=None, schedule=at)
    note = f"The turnout figure was misstated {tag}."
    edit_article(
        corrected.pk,
        actor=None,
        change_kind="correction",
        change_note=note,
        # A moment of its own: the correction's time is learnt apart from the story's.
        change_at=at + timedelta(seconds=1),
    )
    retexted = ArticleFactory.create(
        slug=f"retexted-{tag}",
        headline=f"Walrus{tag} census",
        body=f"Counted walrus{tag} voters. Queues formed early {tag}.",
    )
    # Its own agency: the embargoed story's agency counts that story alone.
    make_claim(
        retexted,
        f"Queues formed early {tag}",
        agency=AgencyFactory.create(slug=f"census-{tag}", name=f"Census {tag}"),
    )
    text_at = at + timedelta(seconds=2)
    edit_article(
        retexted.pk,
        actor=None,
        headline=f"Narwhal{tag} census",
        body=f"Counted narwhal{tag} voters. Queues formed early {tag}.",
        change_kind="correction",
        change_note=f"The species was misnamed {tag}.",
        change_at=text_at,
    )
    return Scheduled(
        at.timestamp(),
        embargoed.slug,
        embargoed.headline,
        quote,
        claim.pk,
        agency.slug,
        corrected.slug,
        note,
        retexted.slug,
        text_at.timestamp(),
    )


def outputs(s: Scheduled) -> dict[str, Callable[[int, str], bool]]:
    """Each public output, and how to tell from its answer that it shows the
    scheduled story (or correction)."""

    tag = s.agency[5:]

    def has(text: str) -> Callable[[int, str], bool]:
        return lambda status, body: status == 200 and text in body

    def found(status: int, body: str) -> bool:
        return status == 200

    def counted(status: int, body: str) -> bool:
        return status == 200 and json.loads(body)["claim_counts"]["total"] == 1

    def card_counts(status: int, body: str) -> bool:
        card = body.split(f'id="agency-{s.agency}"', 1)[-1].split("</article>", 1)[0]
        return status == 200 and "1 claim in our published stories" in card

    return {
        f"/articles/{s.slug}/": found,
        "/": has(s.headline),
        "/feeds/articles/": has(s.headline),
        "/feeds/reviews/": has(f"zebra{s.agency[5:]}"),
        f"/search/?q=quokka{s.agency[5:]}": has(f"/articles/{s.slug}/"),
        f"/claims/{s.claim_pk}/": found,
        f"/agencies/{s.agency}/": has(s.quote),
        "/agencies/": card_counts,
        f"/api/articles/{s.slug}/": found,
        "/api/articles/": has(s.slug),
        f"/api/articles/?q=quokka{s.agency[5:]}": has(s.slug),
        f"/api/articles/{s.slug}/annotations/": found,
        f"/api/claims/{s.claim_pk}/": found,
        f"/api/agencies/{s.agency}/": counted,
        f"/api/articles/{s.slug}/ninjs/": found,
        "/sitemap.xml": has(f"/articles/{s.slug}/"),
        "/news-sitemap.xml": has(f"/articles/{s.slug}/"),
        "/feeds/claimreview.json": has(f"/claims/{s.claim_pk}/"),
        # The scheduled correction: on its story's page and in the feed.
        f"/articles/{s.corrected}/": has(s.note),
        "/feeds/corrections/": has(s.note),
        f"/api/articles/{s.corrected}/ninjs/": has(s.note),
        # The scheduled correction of a text: its new words everywhere.
        f"/articles/{s.retexted}/": has(f"narwhal{tag}"),
        f"/api/articles/{s.retexted}/": has(f"narwhal{tag}"),
        f"/api/articles/{s.retexted}/ninjs/": has(f"Narwhal{tag}"),
        f"/api/articles/{s.retexted}/annotations/": has(f"narwhal{tag}"),
        f"/search/?q=narwhal{tag}": has(f"/articles/{s.retexted}/"),
        f"/api/articles/?q=narwhal{tag}": has(s.retexted),
        f"/feeds/articles/?{s.retexted}": has(f"Narwhal{tag} census"),
        f"/feeds/corrections/?{s.retexted}": has(f"The species was misnamed {tag}."),
    }


PARTNER = "partner:"


def sweep(port: int, checks: dict[str, Callable[[int, str], bool]]) -> dict[str, bool]:
    """What each output shows; a path after ``partner:`` is read with a partner key."""
    seen = {}
    for path, shows in checks.items():
        if path.startswith(PARTNER):
            secret = path.split(":")[1]
            answer = get(port, path.split(":", 2)[2], Authorization=f"Partner {secret}")
        else:
            answer = get(port, path)
        seen[path] = shows(*answer)
    return seen


def test_an_embargoed_story_and_a_scheduled_correction_appear_at_their_time(
    server: int,
) -> None:
    """Before the time no output shows them, though each was read and cached;
    after it every output does, with no command run and no cache emptied: the
    server's first read after the text's time makes its correction."""
    # The sweep before the time must end before it: a slow machine takes a
    # later time, on new stories.
    _, secret = issue_key(organisation="Wire partner", actor=None)
    for attempt, delay in enumerate((6, 20, 60, 180)):
        scheduled = schedule(str(attempt), delay)
        checks = outputs(scheduled)
        for path in (
            f"/api/articles/{scheduled.slug}/",
            "/api/articles/",
            f"/api/articles/{scheduled.retexted}/",
        ):
            checks[f"{PARTNER}{secret}:{path}"] = checks[path]
        before = sweep(server, checks)
        cached = sweep(server, checks)
        if time.time() < scheduled.moment:
            break
    else:
        pytest.fail("The outputs could not be read before a time three minutes ahead.")
    assert not any(before.values()), [path for path, seen in before.items() if seen]
    assert not any(cached.values())

    # Wait for the time to pass (a poll, not a measured delay).
    page = f"/articles/{scheduled.slug}/"
    for _ in range(2000):
        if get(server, page)[0] == 200:
            break
        time.sleep(0.1)
    assert time.time() >= scheduled.moment
    while time.time() < scheduled.text_moment:  # the corrections' times
        time.sleep(0.1)

    after = sweep(server, checks)
    assert all(after.values()), [path for path, seen in after.items() if not seen]
