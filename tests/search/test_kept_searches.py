"""With Redis, a search's answer is kept for other readers only once its
address is asked for a second time: most searches are asked for once."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from newsroom import parts
from newsroom.answers import ASKED, answer_key
from tests.factories import ArticleFactory
from tests.newsroom.test_front import answered_first
from tests.newsroom.test_version_copies import shared

__all__ = ["shared"]

# Committed changes and reads outside a transaction, as in a server.
pytestmark = pytest.mark.django_db(transaction=True)

GZIP = {"Accept-Encoding": "gzip"}


def test_a_search_is_kept_once_asked_for_again(shared: None) -> None:
    ArticleFactory.create(headline="Floods reach the delta", slug="floods")
    address = "/search/?q=floods"
    Client().get("/search/?q=warm")  # the page known to this process
    first = Client().get(address, headers=GZIP)
    assert first.status_code == 200
    assert first["Content-Encoding"] == "gzip"
    assert "reach the delta" in gzip.decompress(first.content).decode()
    parts.forget_local()
    again = Client().get(address, headers=GZIP)
    assert not answered_first(again)  # built again: nothing was kept
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    parts.forget_local()
    with CaptureQueriesContext(connection) as queries:
        third = Client().get(address, headers=GZIP)
    assert answered_first(third)  # kept the second time
    assert queries.captured_queries == []
    assert third.content == first.content
    # The answer sent once went out with the headers of the one kept.
    assert list(third.items()) == list(first.items())


def test_a_search_sent_once_has_the_headers_of_one_kept(shared: None) -> None:
    """To a reader that takes gzip or not, a search's first answer (not kept)
    has the headers and body its kept answer has later."""
    ArticleFactory.create(headline="Floods reach the delta", slug="floods")
    Client().get("/search/?q=warm")
    for number, headers in enumerate(({"Accept-Encoding": "identity"}, GZIP)):
        address = f"/search/?q=floods&n={number}"
        first = Client().get(address, headers=headers)
        assert "Accept-Encoding" in first["Vary"]
        Client().get(address, headers=headers)
        parts.forget_local()
        kept = Client().get(address, headers=headers)
        assert answered_first(kept)
        assert kept.content == first.content
        assert list(kept.items()) == list(first.items())


def test_the_empty_search_form_is_kept_at_once(shared: None) -> None:
    Client().get("/search/?q=warm")
    Client().get("/search/")
    parts.forget_local()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/search/")
    assert answered_first(response)
    assert queries.captured_queries == []


def test_a_search_asked_for_is_marked_in_the_shared_cache(shared: None) -> None:
    Client().get("/search/?q=warm")
    Client().get("/search/?q=floods")
    key = answer_key(RequestFactory().get("/search/?q=floods"))
    assert key is not None
    assert cache.get(key) is None
    assert cache.get(ASKED + key) is not None
