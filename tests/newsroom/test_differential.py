"""No cached page or answer ever differs from the same one built afresh.

A Hypothesis state machine runs random sequences of every service that
changes what readers see (stories written, corrected, published now or
under embargo, lifted, unpublished and re-addressed; claims made, reviewed,
withdrawn, re-attached, re-attributed, grouped with their repeats in other
stories and taken out again; agencies and people renamed, relabelled and
moved; suggestions decided), and after each step requests the reader pages,
feeds, sitemaps, search and API answers of the small world it built, as an
anonymous reader and as an editor, once with the cache and once with it
bypassed (``newsroom.parts.bypassed``), and compares them byte for byte,
bar per-request tokens. A missing retirement shows as a stale answer.

Each run happens in a transaction rolled back after it, where Redis's
copies of the versions are never made (nothing commits): reads check the
database's versions. The same machine runs again with every change
committed (``test_with_every_change_committed``, Redis only), so reads take
their versions from Redis's copies, as in production.

Embargoes and scheduled corrections are set a fraction of a second ahead,
so they come due during the run, as they would between two requests.

``make test`` runs ``DIFFERENTIAL_RUNS`` runs of ``DIFFERENTIAL_STEPS``
steps (at least 500 in all) rolled back, and a fifth as many committed
(each of those starts by emptying the database, which costs more than its
steps); ``make fault`` a longer profile.
"""

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from pytest_django.fixtures import Settings
from rest_framework.throttling import SimpleRateThrottle

from articles.editing import edit_article
from articles.models import Article
from articles.schedule import moments
from articles.services import (
    UnconfirmedPublish,
    change_slug,
    create_article,
    lift_embargo,
    publish_article,
    unpublish_article,
)
from claims.groups import confirm_match, leave_group
from claims.models import Agency, Claim, Person, Suggestion
from claims.people import change_person, create_person
from claims.services import (
    accept_suggestion,
    change_agency,
    change_agency_label,
    change_attribution,
    create_agency,
    create_claim,
    reattach_claim,
    reject_suggestion,
    review_claim,
    withdraw_claim,
)
from newsroom import parts
from newsroom.writes import StaleVersion
from tests.shared_redis import REDIS_URL, redis_is_up

pytestmark = pytest.mark.django_db

RUNS = int(os.environ.get("DIFFERENTIAL_RUNS", "10"))
COMMITTED_RUNS = max(2, RUNS // 5)
STEPS = int(os.environ.get("DIFFERENTIAL_STEPS", "50"))
# Services refuse some random requests (a withdrawn claim, an orphaned one):
# a refusal writes nothing, which the comparison checks as well.
REFUSED = (
    ValidationError,
    PermissionDenied,
    StaleVersion,
    UnconfirmedPublish,
    Claim.DoesNotExist,
)
# Per-request values: the CSRF token in forms, CSP nonces.
TOKENS = re.compile(r'((?:csrfmiddlewaretoken" value|nonce)=")[^"]*"')
SENTENCES = 5
CAPS = {"articles": 3, "claims": 7, "agencies": 3, "people": 3}


def sentence(story: int, index: int, word: str = "holds") -> str:
    # The same words in every story: a claim on one is a repeat of the
    # claim on the same sentence of another, which editors may group.
    return f"Sentence {index} of the count {word}."


def body(story: int, word: str = "holds", skip: int = -1) -> str:
    return "\n\n".join(
        sentence(story, index, word) for index in range(SENTENCES) if index != skip
    )


def quote(story: int, index: int) -> str:
    return f"Sentence {index} of the count"


# Every list a change may reach: the index, the feeds, the sitemaps, the
# ClaimReview DataFeed, the agency index, search, and the API's lists.
LISTS = [
    "/",
    "/feeds/articles/",
    "/feeds/reviews/",
    "/feeds/corrections/",
    "/feeds/claimreview.json",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/agencies/",
    "/search/?q=count",
    "/api/articles/",
    "/api/claims/",
    "/api/agencies/",
]

# An empty feed is dated by the clock (Django's Feed): no data, no staleness.
EMPTY_FEED_DATE = re.compile("<updated>[^<]*</updated>")
EMPTY_DATAFEED_DATE = re.compile('"dateModified": "[^"]*"')


def answer(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    content = TOKENS.sub(r'\1-"', response.content.decode())
    if url.startswith("/feeds/") and "<entry>" not in content:
        content = EMPTY_FEED_DATE.sub("<updated/>", content)
    if '"dataFeedElement": []' in content:
        content = EMPTY_DATAFEED_DATE.sub('"dateModified": ""', content)
    return response.status_code, content


class Newsroom(RuleBasedStateMachine):
    """Every service on a small world; every answer compared after each step."""

    editor: User

    def __init__(self) -> None:
        super().__init__()
        self.start()
        cache.clear()
        parts.forget_local()
        self.anonymous = Client()
        self.member = Client()
        self.member.force_login(self.editor)
        self.serial = 0
        self.slugs: dict[int, list[str]] = {}  # every address an article had
        # What the last step changed, by kind: its pages are all requested.
        self.touched: set[tuple[str, Any]] = set()

    def start(self) -> None:
        """Open the transaction the run is rolled back in."""
        self.atomic = transaction.atomic()
        self.atomic.__enter__()

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def next(self) -> int:
        self.serial += 1
        return self.serial

    # The world

    def articles(self) -> list[Article]:
        return list(Article.objects.order_by("pk"))

    def claims(self) -> list[Claim]:
        return list(Claim.objects.order_by("pk"))

    def agencies(self) -> list[Agency]:
        return list(Agency.objects.order_by("pk"))

    def people(self) -> list[Person]:
        return list(Person.objects.order_by("pk"))

    @initialize(rng=st.randoms(use_true_random=False))
    def world(self, rng: Any) -> None:
        self.rng = rng
        for _ in range(2):
            self.new_agency()
        self.new_person(self.agencies()[0])
        self.new_article(publish=True)

    def new_agency(self) -> Agency:
        n = self.next()
        return create_agency(
            actor=None,
            name=f"Agency {n}",
            slug=f"agency-{n}",
            kind=Agency.Kind.NEWS_AGENCY,
            country="RU",
            state_affiliation=Agency.Affiliation.STATE_CONTROLLED,
            affiliation_label="Russian state-controlled media",
        )

    def new_person(self, agency: Agency) -> Person:
        n = self.next()
        return create_person(
            actor=None,
            name=f"Person {n}",
            slug=f"person-{n}",
            role="spokesman",
            agency=agency,
        )

    def new_article(self, *, publish: bool) -> Article:
        n = self.next()
        article = create_article(
            slug=f"story-{n}",
            actor=None,
            headline=f"Story {n}",
            standfirst="What happened.",
            body=body(n),
            byline="Staff",
            dateline="Kyiv",
        )
        self.slugs[article.pk] = [article.slug]
        if publish:
            publish_article(article.pk, actor=None)
        return article

    def story(self, article: Article) -> int:
        return int(self.slugs[article.pk][0].rsplit("-", 1)[1])

    # Articles

    @precondition(lambda self: Article.objects.count() < CAPS["articles"])
    @rule(publish=st.booleans())
    def create_an_article(self, publish: bool) -> None:
        self.touch("article", self.new_article(publish=publish))

    @rule(data=st.data(), kind=st.sampled_from(["headline", "body", "sentence"]))
    def edit_or_correct(self, data: Any, kind: str) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        n = self.story(article)
        if kind == "headline":
            changes = {"headline": f"Story {n}, revised {self.next()}"}
        elif kind == "body":
            changes = {
                "body": body(n, word=data.draw(st.sampled_from(["holds", "stands"])))
            }
        else:  # a sentence removed: its claims lose their place
            changes = {"body": body(n, skip=data.draw(st.integers(0, SENTENCES - 1)))}
        note = data.draw(st.sampled_from(["", f"Corrected {self.next()}."]))
        kind_of_change = "correction" if note else "minor"
        self.attempt(
            edit_article,
            article.pk,
            actor=None,
            change_kind=kind_of_change,
            change_note=note,
            **changes,
        )

    @rule(data=st.data(), embargo=st.sampled_from([None, 0.2, 0.6, 30.0]))
    def publish_or_unpublish(self, data: Any, embargo: float | None) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        if article.status == Article.Status.PUBLISHED:
            self.attempt(unpublish_article, article.pk, actor=None)
        else:
            # Under embargo, a fraction of a second ahead: it comes due
            # during the run, with nothing run then.
            schedule = (
                None if embargo is None else timezone.now() + timedelta(seconds=embargo)
            )
            self.attempt(publish_article, article.pk, actor=None, schedule=schedule)

    @rule(data=st.data())
    def lift_an_embargo(self, data: Any) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        self.attempt(lift_embargo, article.pk, actor=None, reason="Others ran it.")

    @rule(data=st.data(), delay=st.sampled_from([0.3, 30.0]))
    def schedule_a_correction(self, data: Any, delay: float) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        n = self.story(article)
        self.attempt(
            edit_article,
            article.pk,
            actor=None,
            change_kind="correction",
            change_note=f"Corrected later {self.next()}.",
            change_at=timezone.now() + timedelta(seconds=delay),
            headline=f"Story {n}, corrected {self.next()}",
        )

    @rule(data=st.data())
    def readdress(self, data: Any) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        slug = f"story-{self.story(article)}-at-{self.next()}"
        change_slug(article.pk, slug=slug, actor=None)
        self.slugs[article.pk].append(slug)

    # Claims

    @precondition(lambda self: Claim.objects.count() < CAPS["claims"])
    @rule(data=st.data(), with_person=st.booleans())
    def create_a_claim(self, data: Any, with_person: bool) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        index = data.draw(st.integers(0, SENTENCES - 1))
        people = self.people()
        self.attempt(
            create_claim,
            article,
            quote=quote(self.story(article), index),
            agency=data.draw(st.sampled_from(self.agencies())),
            person=data.draw(st.sampled_from(people))
            if with_person and people
            else None,
            actor=None,
        )

    @precondition(lambda self: Claim.objects.exists())
    @rule(data=st.data(), status=st.sampled_from(Claim.Status.values))
    def review(self, data: Any, status: str) -> None:
        claim = data.draw(st.sampled_from(self.claims()))
        self.touch("claim", claim)
        # A grouped claim's review is its group's: every member takes it.
        self.touch_group(claim)
        note = f"Note {self.next()}." if status != Claim.Status.UNREVIEWED else ""
        self.attempt(
            review_claim,
            claim.pk,
            status=status,
            note=note,
            disputed_by="Observers" if status == Claim.Status.DISPUTED else "",
            actor=None,
            expected_version=claim.version,
        )

    @precondition(lambda self: Claim.objects.exists())
    @rule(data=st.data())
    def withdraw(self, data: Any) -> None:
        claim = data.draw(st.sampled_from(self.claims()))
        self.touch("claim", claim)
        self.attempt(
            withdraw_claim,
            claim.pk,
            note="Not a claim.",
            actor=None,
            expected_version=claim.version,
        )

    @precondition(lambda self: Claim.objects.exists())
    @rule(data=st.data())
    def reattach(self, data: Any) -> None:
        claim = data.draw(st.sampled_from(self.claims()))
        self.touch("claim", claim)
        article = Article.objects.get(pk=claim.article_id)
        index = data.draw(st.integers(0, SENTENCES - 1))
        self.attempt(
            reattach_claim,
            claim.pk,
            quote=quote(self.story(article), index),
            actor=None,
            expected_version=claim.version,
        )

    @precondition(lambda self: Claim.objects.exists())
    @rule(data=st.data(), what=st.sampled_from(["agency", "person", "speaker"]))
    def reattribute(self, data: Any, what: str) -> None:
        claim = data.draw(st.sampled_from(self.claims()))
        self.touch("claim", claim)
        people = self.people()
        change: dict[str, Any] = {}
        if what == "agency":
            change["agency"] = data.draw(st.sampled_from(self.agencies()))
        elif what == "person":
            change["person"] = data.draw(st.sampled_from([None, *people]))
        else:
            change["speaker"] = f"A source {self.next()}"
        self.attempt(
            change_attribution,
            claim.pk,
            actor=None,
            expected_version=claim.version,
            **change,
        )

    # Claim groups: a claim repeated in other stories, reviewed once

    @precondition(lambda self: Claim.objects.count() >= 2)
    @rule(data=st.data())
    def group_a_repeat(self, data: Any) -> None:
        claims = self.claims()
        claim = data.draw(st.sampled_from(claims))
        # The same sentence in another story, if any: else any other claim,
        # which the service refuses.
        same = [
            other
            for other in claims
            if other.article_id != claim.article_id
            and other.quote == claim.quote
            and other.pk != claim.pk
        ]
        other = data.draw(st.sampled_from(same or [c for c in claims if c != claim]))
        self.touch("claim", claim)
        self.touch("claim", other)
        self.touch_group(claim, other)
        self.attempt(confirm_match, claim.pk, other.pk, actor=None)

    @precondition(lambda self: Claim.objects.filter(group__isnull=False).exists())
    @rule(data=st.data())
    def leave_a_group(self, data: Any) -> None:
        claim = data.draw(
            st.sampled_from(list(Claim.objects.filter(group__isnull=False)))
        )
        self.touch("claim", claim)
        self.touch_group(claim)
        self.attempt(leave_group, claim.pk, actor=None)

    # Agencies and people

    @precondition(lambda self: Agency.objects.count() < CAPS["agencies"])
    @rule()
    def create_an_agency(self) -> None:
        self.touch("agency", self.new_agency())

    @rule(data=st.data())
    def rename_agency(self, data: Any) -> None:
        agency = data.draw(st.sampled_from(self.agencies()))
        self.touch("agency", agency)
        change_agency(agency.pk, actor=None, name=f"Agency renamed {self.next()}")

    @rule(data=st.data(), affiliation=st.sampled_from(Agency.Affiliation.values))
    def relabel_agency(self, data: Any, affiliation: str) -> None:
        agency = data.draw(st.sampled_from(self.agencies()))
        self.touch("agency", agency)
        self.attempt(
            change_agency_label,
            agency.pk,
            actor=None,
            state_affiliation=affiliation,
            affiliation_label=f"Label {self.next()}",
        )

    @precondition(lambda self: Person.objects.count() < CAPS["people"])
    @rule(data=st.data())
    def create_a_person(self, data: Any) -> None:
        self.touch(
            "person", self.new_person(data.draw(st.sampled_from(self.agencies())))
        )

    @precondition(lambda self: Person.objects.exists())
    @rule(data=st.data(), what=st.sampled_from(["name", "role", "agency"]))
    def change_a_person(self, data: Any, what: str) -> None:
        person = data.draw(st.sampled_from(self.people()))
        self.touch("person", person)
        value: Any = f"{what.title()} {self.next()}"
        if what == "agency":
            value = data.draw(st.sampled_from(self.agencies()))
        change_person(person.pk, actor=None, **{what: value})

    # Suggestions

    @precondition(lambda self: Claim.objects.count() < CAPS["claims"])
    @rule(data=st.data(), accept=st.booleans())
    def decide_a_suggestion(self, data: Any, accept: bool) -> None:
        article = data.draw(st.sampled_from(self.articles()))
        self.touch("article", article)
        index = data.draw(st.integers(0, SENTENCES - 1))
        exact = quote(self.story(article), index)
        start = article.plain_text.find(exact)
        if start < 0:
            return
        # As the detector proposes one (detection itself runs on commit).
        suggestion = Suggestion.objects.create(
            article=article,
            start=start,
            end=start + len(exact),
            exact=exact,
            normalized=exact.lower(),
            agency=self.agencies()[0],
            speaker="",
            cue="said",
            confidence=0.9,
        )
        if accept:
            self.attempt(accept_suggestion, suggestion.pk, actor=None)
        else:
            reject_suggestion(suggestion.pk, actor=None)

    def attempt(self, service: Any, *args: Any, **kwargs: Any) -> None:
        with contextlib.suppress(*REFUSED):
            service(*args, **kwargs)

    def touch(self, kind: str, obj: Any = None) -> None:
        self.touched.add((kind, obj.pk if obj is not None else None))

    def touch_group(self, *claims: Claim) -> None:
        """Every member of these claims' groups: their pages list the others."""
        groups = [claim.group_id for claim in claims if claim.group_id is not None]
        for member in Claim.objects.filter(group_id__in=groups):
            self.touch("claim", member)

    # The comparison

    def article_pages(self, article_id: Any) -> list[str]:
        pages = []
        for slug in self.slugs.get(article_id, []):
            pages += [f"/articles/{slug}/", f"/api/articles/{slug}/"]
        return pages

    def everything(self) -> list[str]:
        """Every reader page, feed and API answer of the world."""
        urls = [*LISTS]
        for article in self.articles():
            urls += self.article_pages(article.pk)
            urls += [
                f"/api/articles/{slug}/annotations/" for slug in self.slugs[article.pk]
            ]
        for agency in self.agencies():
            urls += [f"/agencies/{agency.slug}/", f"/api/agencies/{agency.slug}/"]
        for claim in self.claims():
            urls += [f"/claims/{claim.pk}/", f"/api/claims/{claim.pk}/"]
        return urls

    def affected(self) -> list[str]:
        """The pages the last step changed, as a reader would list them
        (written here, apart from the declaration under test): an article's
        page and answer; a claim's page, its article's and its agency's; for
        an agency or a person, every article's page and the agency's. The
        rest is sampled at random each step."""
        urls: list[str] = []
        for kind, pk in sorted(self.touched, key=repr):
            if kind == "article":
                urls += self.article_pages(pk)
            elif kind == "claim":
                claim = Claim.objects.select_related("agency").get(pk=pk)
                urls += [f"/claims/{pk}/", *self.article_pages(claim.article_id)[:1]]
                urls.append(f"/agencies/{claim.agency.slug}/")
            else:
                for article in self.articles():
                    urls += self.article_pages(article.pk)[:1]
                if kind == "agency":
                    urls.append(f"/agencies/{Agency.objects.get(pk=pk).slug}/")
        return list(dict.fromkeys(urls))

    def compare(self, client: Client, url: str) -> None:
        for _ in range(3):
            schedule = moments()
            cached = answer(client, url)
            with parts.bypassed():
                fresh = answer(client, url)
            # A story or correction that came due between the two requests
            # changes the answer rightly: ask both again.
            if cached == fresh or moments()[0] == schedule[0]:
                break
        assert cached == fresh, f"{url} is stale"

    @invariant()
    def cached_answers_are_fresh(self) -> None:
        if not hasattr(self, "rng"):
            return
        everything = self.everything()
        urls = [
            *self.affected(),
            *self.rng.sample(LISTS, 2),
            *self.rng.sample(everything, min(3, len(everything))),
        ]
        self.touched.clear()
        for url in dict.fromkeys(urls):
            self.compare(self.anonymous, url)
        # Editors are never served a cached page, but their pages are made of
        # the same kept parts.
        members = [url for url in urls if url.startswith(("/articles/", "/claims/"))]
        for url in members[:1]:
            self.compare(self.member, url)


class CommittedNewsroom(Newsroom):
    """The same, each change committed: each run starts from an emptied
    database and cache."""

    def start(self) -> None:
        """Empty the database; the editor is made anew."""
        call_command("flush", interactive=False, verbosity=0)
        type(self).editor = User.objects.create_superuser(
            "differential", "differential@newsroom.test", "differential"
        )

    def teardown(self) -> None:
        pass


@pytest.fixture
def redis_cache(settings: Settings) -> Iterator[None]:
    """The cache is Redis, as deployed, when one runs here; else local memory."""
    if redis_is_up():
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.cachebackend.ResilientRedisCache",
                "LOCATION": REDIS_URL,
            }
        }
    cache.clear()
    parts.forget_local()
    yield
    cache.clear()


@pytest.mark.usefixtures("redis_cache")
def test_the_cache_never_differs_from_the_database(
    django_user_model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After every step of random service calls, every cached page, feed and
    API answer equals the same request served with the cache bypassed."""
    # Thousands of requests from one address: not a case for the throttles.
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda *args: True)
    Newsroom.editor = django_user_model.objects.create_superuser(
        "differential", "differential@newsroom.test", "differential"
    )
    run(Newsroom)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("redis_cache")
def test_with_every_change_committed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with every change committed: reads take the versions Redis
    copies from the database, with no query, and are never stale."""
    if not redis_is_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda *args: True)
    run(CommittedNewsroom, COMMITTED_RUNS)


def run(machine: type[Newsroom], runs: int = RUNS) -> None:
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=runs,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=os.environ.get("DIFFERENTIAL_SEED") is None,
            suppress_health_check=list(HealthCheck),
            database=None,
            # The world runs on the clock (embargoes and corrections come due
            # mid-run), so a failing run cannot be replayed step for step to
            # shrink it: it is reported whole, every step printed.
            phases=(Phase.explicit, Phase.generate),
        ),
    )
