"""An anonymous reader's kept answer is served before sessions and
authentication, with the bytes and headers the whole stack gives it."""

import math
import time

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from claims.models import Claim
from claims.services import review_claim
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def reviewed_story() -> tuple[Article, Claim]:
    article = ArticleFactory.create(
        slug="turnout", body="The agency said turnout was 99 percent. Others differ."
    )
    claim = make_claim(article, "turnout was 99 percent")
    review(claim, "Official counts differ.")
    return article, claim


def review(claim: Claim, note: str) -> None:
    claim.refresh_from_db()
    review_claim(
        claim.pk,
        status=Claim.Status.CONTEXTUALIZED,
        note=note,
        actor=None,
        expected_version=claim.version,
    )


def second_over() -> None:
    """Wait for the current second to end: the Last-Modified date of a change
    is given once its second is over."""
    time.sleep(math.ceil(time.time()) - time.time() + 0.01)


def answered_first(response: object) -> bool:
    """Whether the answer came before authentication ran."""
    return not hasattr(response.wsgi_request, "user")  # type: ignore[attr-defined]


ADDRESSES = ("/articles/turnout/", "/api/articles/turnout/", "/feeds/articles/")


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_kept_answer_is_the_one_the_stack_gave(address: str) -> None:
    reviewed_story()
    second_over()
    usual = Client().get(address)
    assert usual.status_code == 200
    assert not answered_first(usual)
    with CaptureQueriesContext(connection) as queries:
        kept = Client().get(address)
    assert answered_first(kept)
    assert len(queries) == 1  # the versions
    assert kept.content == usual.content
    assert list(kept.items()) == list(usual.items())
    for header in ("ETag", "Cache-Control", "Content-Security-Policy", "Vary"):
        assert kept[header] == usual[header]


def test_signed_in_readers_and_sessions_take_the_usual_path(editor: User) -> None:
    reviewed_story()
    anonymous = Client()
    anonymous.get("/articles/turnout/")
    assert answered_first(anonymous.get("/articles/turnout/"))
    signed_in = Client()
    signed_in.force_login(editor)
    response = signed_in.get("/articles/turnout/")
    assert not answered_first(response)
    assert "private" in response["Cache-Control"]
    with_session = Client()
    with_session.cookies["sessionid"] = "not-a-session"
    assert not answered_first(with_session.get("/articles/turnout/"))
    token = Client(HTTP_AUTHORIZATION="Token nothing")
    assert not answered_first(token.get("/api/articles/turnout/"))


def test_a_superseded_answer_is_not_served() -> None:
    _, claim = reviewed_story()
    reader = Client()
    reader.get("/articles/turnout/")
    assert "Official counts differ." in reader.get("/articles/turnout/").text
    review(claim, "The commission published other figures.")
    fresh = reader.get("/articles/turnout/")
    assert not answered_first(fresh)
    assert "The commission published other figures." in fresh.text
    assert "Official counts differ." not in fresh.text
    again = reader.get("/articles/turnout/")
    assert answered_first(again)
    assert again.content == fresh.content
