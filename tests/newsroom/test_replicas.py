"""Anonymous reads go to a read replica; writes, editors and fresh data to the primary."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom import replicas
from newsroom.replicas import ReplicaMiddleware, ReplicaRouter, replica_reads


@pytest.fixture
def with_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if DATABASE_REPLICA_URLS named one replica."""
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica_0"])


def read_alias_for(request: HttpRequest) -> str:
    """Which database the router picks for a read made while serving ``request``."""
    seen: dict[str, Any] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["alias"] = ReplicaRouter().db_for_read(Article) or "default"
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    return seen["alias"]


def test_anonymous_get_reads_a_replica(with_replica: None) -> None:
    """A reader's page is read from a replica."""
    request = RequestFactory().get("/articles/story/")
    request.user = AnonymousUser()
    assert read_alias_for(request) == "replica_0"


def test_writes_and_signed_in_reads_use_the_primary(
    with_replica: None, db: None
) -> None:
    """A POST, an editor's GET and a token client's GET all read the primary."""
    post = RequestFactory().post("/api/claims/1/review/")
    post.user = AnonymousUser()
    assert read_alias_for(post) == "default"
    editor = RequestFactory().get("/articles/story/")
    editor.user = User(username="editor", is_active=True)
    assert read_alias_for(editor) == "default"
    token = RequestFactory().get("/api/articles/", HTTP_AUTHORIZATION="Token abc")
    token.user = AnonymousUser()
    assert read_alias_for(token) == "default"
    assert ReplicaRouter().db_for_write(Article) == "default"


def test_no_replica_inside_a_transaction_or_without_one(
    monkeypatch: pytest.MonkeyPatch, with_replica: None, transactional_db: None
) -> None:
    """A read inside a transaction sees its own writes: the primary."""
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Article) == "replica_0"
        with transaction.atomic():
            assert router.db_for_read(Article) is None
        with replica_reads(False):
            assert router.db_for_read(Article) is None
    monkeypatch.setattr(replicas, "replica_aliases", list)
    with replica_reads():
        assert router.db_for_read(Article) is None


def test_migrations_run_on_the_primary_only() -> None:
    """Replicas copy the primary's schema; nothing migrates them directly."""
    router = ReplicaRouter()
    assert router.allow_migrate("default", "claims")
    assert not router.allow_migrate("replica_0", "claims")
