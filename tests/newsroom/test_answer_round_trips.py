"""With Redis, an anonymous reader's kept answer costs one round trip to
Redis and no query: its versions alone when this process holds it, its
versions and the answer together when this process holds none of an
address it has served before. An address this process never served takes
two (the answer, then the versions it names), and so does one whose answer
held here was superseded (the versions, then the new answer)."""

import gzip
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from newsroom import parts
from newsroom.answers import answer_key
from tests.newsroom.test_front import answered_first, second_over
from tests.newsroom.test_version_copies import review, shared, story

__all__ = ["shared"]

# Committed changes and reads outside a transaction, as in a server.
pytestmark = pytest.mark.django_db(transaction=True)

GZIP = {"Accept-Encoding": "gzip"}


def counted(page: str, headers: dict[str, str] | None = None) -> tuple[int, int, Any]:
    """Round trips to Redis and queries of one anonymous read, and its answer."""
    before = cache.round_trips  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(page, headers=headers)
    assert answered_first(response)
    return cache.round_trips - before, len(queries), response  # type: ignore[attr-defined]


def test_a_kept_answer_costs_one_round_trip(shared: None) -> None:
    page, claim = story()
    review(claim, "Counted twice.")
    second_over()
    built = Client().get(page, headers=GZIP)
    assert not answered_first(built)
    assert counted(page, GZIP)[:2] == (1, 0)  # held here: the versions

    parts.forget_local()  # held by the shared cache alone: both together
    trips, queries, kept = counted(page, GZIP)
    assert (trips, queries) == (1, 0)
    assert kept.content == built.content
    assert list(kept.items()) == list(built.items())
    parts.forget_local()
    trips, queries, plain = counted(page)
    assert (trips, queries) == (1, 0)
    assert plain.content == gzip.decompress(built.content)

    parts.answer_scopes.clear()  # never served here: the answer, then its versions
    parts.forget_local()
    assert counted(page)[:2] == (2, 0)


def test_a_superseded_answer_held_here_is_replaced_from_the_shared_cache(
    shared: None,
) -> None:
    page, claim = story()
    review(claim, "Counted twice.")
    Client().get(page)
    key = answer_key(RequestFactory().get(page))
    assert key is not None
    superseded = parts.answers.get(key)
    assert superseded is not None
    review(claim, "Counted three times.")
    assert "Counted three times." in Client().get(page).text  # kept anew
    parts.answers.put(key, superseded)  # as another process would hold it
    trips, queries, response = counted(page)
    assert (trips, queries) == (2, 0)
    assert "Counted three times." in response.text
    assert "Counted twice." not in response.text


def test_a_new_address_of_a_page_served_here_costs_a_round_trip_less(
    shared: None,
) -> None:
    """Another address of a page this process served (a tracking parameter)
    reads the versions the page's answers depend on in the same round trip
    as the look-up of its own answer."""
    page, claim = story()
    review(claim, "Counted twice.")
    Client().get(page)

    def built(address: str) -> int:
        before = cache.round_trips  # type: ignore[attr-defined]
        response = Client().get(address)
        assert response.status_code == 200
        assert not answered_first(response)
        assert "Counted twice." in response.text
        return cache.round_trips - before  # type: ignore[attr-defined]

    known = built(f"{page}?utm=a")
    parts.answer_scopes.clear()  # the page never served here
    assert known == built(f"{page}?utm=b") - 1
