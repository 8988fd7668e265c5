"""Every relation a cached page or answer reads is in the one declaration.

Each reader page, feed and API answer is built from scratch (the cache
bypassed) while every relation it follows between domain objects is
recorded (Django's related-object descriptors) and every table it queries
is read off its SQL; each must be declared for that output in
``claims.dependencies``, or a change to it would leave the output stale.
"""

import re
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model
from django.db.models.fields.related_descriptors import (
    ForwardManyToOneDescriptor,
    ReverseManyToOneDescriptor,
)
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.editing import edit_article
from articles.models import Article, ArticleEvent, ArticleRevision
from claims.dependencies import OUTPUTS
from claims.group_models import ClaimGroup, ClaimMatch
from claims.groups import confirm_match
from claims.models import (
    Agency,
    AgencyLabelChange,
    Claim,
    Person,
    ReviewEvent,
    Suggestion,
)
from claims.people import create_person
from claims.services import change_agency_label, change_attribution
from newsroom import parts
from newsroom.dependencies import Everywhere, Output, target
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.pages.conftest import review

pytestmark = pytest.mark.django_db

# Every model a reader could be shown something of.
DOMAIN = (
    Article,
    ArticleEvent,
    ArticleRevision,
    Claim,
    Agency,
    AgencyLabelChange,
    Person,
    ReviewEvent,
    Suggestion,
    ClaimGroup,
    ClaimMatch,
)
TABLES = {model._meta.db_table: model for model in DOMAIN}
QUOTED = re.compile(r'(?:FROM|JOIN)\s+"([a-z_]+)"')

Edge = tuple[type[Model], str]


def declared(name: str) -> tuple[set[Edge], set[type[Model]]]:
    """The relations (both ways) and models an output declares it reads."""
    (output,) = [output for output in OUTPUTS if output.name == name]
    if isinstance(output, Everywhere):
        return set(), set(output.reads)
    assert isinstance(output, Output)
    edges: set[Edge] = set()
    models = {output.model}
    for path in output.reads:
        model = output.model
        for part in filter(None, path.split("__")):
            field: Any = model._meta.get_field(part)
            related = target(model, part)
            edges.add((model, part))
            # The same relation followed the other way (a claim's article).
            if field.auto_created:
                edges.add((related, field.field.name))
            else:
                edges.add((related, field.remote_field.get_accessor_name()))
            model = related
            models.add(model)
    return edges, models


@pytest.fixture
def followed(monkeypatch: pytest.MonkeyPatch) -> set[Edge]:
    """The relations between objects followed while the fixture is in use."""
    seen: set[Edge] = set()
    forward, reverse = (
        ForwardManyToOneDescriptor.__get__,
        ReverseManyToOneDescriptor.__get__,
    )

    def forward_get(self: Any, instance: Any, cls: Any = None) -> Any:
        if instance is not None:
            seen.add((instance._meta.concrete_model, self.field.name))
        return forward(self, instance, cls)

    def reverse_get(self: Any, instance: Any, cls: Any = None) -> Any:
        if instance is not None:
            seen.add((instance._meta.concrete_model, self.rel.get_accessor_name()))
        return reverse(self, instance, cls)

    monkeypatch.setattr(ForwardManyToOneDescriptor, "__get__", forward_get)
    monkeypatch.setattr(ReverseManyToOneDescriptor, "__get__", reverse_get)
    return seen


@pytest.fixture
def world() -> dict[str, Any]:
    """A published, corrected story whose reviewed claims quote a person of
    another agency, one of them repeated in another published story (the
    two grouped), and whose agencies have label histories."""
    article = ArticleFactory.create(
        body="The spokesman said turnout was high. Observers saw queues."
    )
    quoted, ministry = AgencyFactory.create(), AgencyFactory.create()
    change_agency_label(
        quoted.pk,
        actor=None,
        state_affiliation="independent",
        affiliation_label="Independent wire",
    )
    person = create_person(
        actor=None,
        name="Ivan Petrov",
        slug="ivan-petrov",
        role="spokesman",
        agency=ministry,
    )
    claim = make_claim(article, "turnout was high", agency=quoted)
    claim = change_attribution(
        claim.pk, person=person, expected_version=claim.version, actor=None
    )
    claim = review(claim, "disputed", note="Counts differ.")
    other = review(
        make_claim(article, "Observers saw queues", agency=ministry), "verified"
    )
    elsewhere = ArticleFactory.create(body="Again: turnout was high, they said.")
    repeat = make_claim(elsewhere, "turnout was high", agency=quoted)
    confirm_match(claim.pk, repeat.pk, actor=None)
    edit_article(
        article.pk,
        actor=None,
        change_kind="correction",
        change_note="Fixed a word.",
        body=article.body + "\n\nA new paragraph.",
    )
    claim.refresh_from_db()
    return {"article": article, "claim": claim, "other": other, "agency": quoted}


def outputs(world: dict[str, Any]) -> list[tuple[str, str]]:
    article, claim, agency = world["article"], world["claim"], world["agency"]
    slug = article.slug
    return [
        ("article", f"/articles/{slug}/"),
        ("article", f"/api/articles/{slug}/"),
        ("article", f"/api/articles/{slug}/annotations/"),
        ("claim", f"/claims/{claim.pk}/"),
        ("claim", f"/api/claims/{claim.pk}/"),
        ("agency", f"/agencies/{agency.slug}/"),
        ("agency", f"/api/agencies/{agency.slug}/"),
        ("lists", "/"),
        ("lists", "/feeds/articles/"),
        ("lists", "/feeds/reviews/"),
        ("lists", "/feeds/corrections/"),
        ("lists", "/feeds/claimreview.json"),
        ("lists", "/sitemap.xml"),
        ("lists", "/agencies/"),
        ("lists", "/search/?q=turnout"),
        ("lists", "/api/articles/"),
        ("lists", "/api/claims/"),
        ("lists", "/api/agencies/"),
    ]


def test_every_relation_read_is_declared(
    client: Client, world: dict[str, Any], followed: set[Edge]
) -> None:
    """Each output, built from scratch, reads only what it declares."""
    undeclared = []
    for name, url in outputs(world):
        edges, models = declared(name)
        followed.clear()
        with parts.bypassed(), CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        tables = {
            TABLES[table]
            for query in queries.captured_queries
            for table in QUOTED.findall(query["sql"])
            if table in TABLES
        }
        undeclared += [f"{url}: reads {model.__name__}" for model in tables - models]
        if name != "lists":
            undeclared += [
                f"{url}: follows {model.__name__}.{field}"
                for model, field in followed
                if model in DOMAIN and (model, field) not in edges
            ]
    assert sorted(set(undeclared)) == []


def test_a_missing_relation_is_found(
    client: Client, world: dict[str, Any], followed: set[Edge]
) -> None:
    """The check itself can fail: the article page follows a speaker to the
    agency they speak for, which its declaration names."""
    edges, _ = declared("article")
    with parts.bypassed():
        client.get(world["article"].get_absolute_url())
    assert (Person, "agency") in followed
    assert (Person, "agency") in edges
