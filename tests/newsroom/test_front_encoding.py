"""A kept answer goes out compressed to a reader that takes gzip and as it is
to one that does not, with the same headers, byte for byte, as the answer
the whole stack builds afresh; conditional requests are answered 304 for
either encoding."""

import gzip

import pytest
from django.test import Client

from tests.newsroom.test_front import (
    ADDRESSES,
    answered_first,
    reviewed_story,
    second_over,
)

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
IDENTITY = {"Accept-Encoding": "identity"}


def body(response: object) -> bytes:
    """The body as the reader reads it, decompressed if it came compressed."""
    content: bytes = response.content  # type: ignore[attr-defined]
    if response.get("Content-Encoding") == "gzip":  # type: ignore[attr-defined]
        return gzip.decompress(content)
    return content


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize(
    "first", [GZIP, IDENTITY, {}], ids=["gzip", "identity", "none"]
)
def test_each_encoding_is_the_same_kept_or_fresh(
    address: str, first: dict[str, str]
) -> None:
    """Whichever encoding the answer was first built for, each encoding's
    kept answer has the bytes and headers the whole stack gives it."""
    reviewed_story()
    second_over()
    built = Client().get(address, headers=first)
    assert not answered_first(built)
    for headers in (GZIP, IDENTITY, {}):
        kept = Client().get(address, headers=headers)
        assert answered_first(kept)
        if headers == first:
            assert kept.content == built.content
            assert list(kept.items()) == list(built.items())
    gzipped = Client().get(address, headers=GZIP)
    plain = Client().get(address, headers=IDENTITY)
    assert gzipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert body(gzipped) == plain.content
    assert len(gzipped.content) < len(plain.content)
    assert gzipped["Content-Length"] == str(len(gzipped.content))
    assert plain["Content-Length"] == str(len(plain.content))
    assert gzipped["ETag"] == "W/" + plain["ETag"]
    for response in (gzipped, plain):
        assert "Accept-Encoding" in response["Vary"]
    for header in ("Cache-Control", "Content-Security-Policy", "Vary", "Content-Type"):
        assert gzipped[header] == plain[header]


@pytest.mark.parametrize("headers", [GZIP, IDENTITY], ids=["gzip", "identity"])
def test_head_has_the_headers_of_get(headers: dict[str, str]) -> None:
    reviewed_story()
    second_over()
    fresh_head = Client().head("/articles/turnout/", headers=headers)
    got = Client().get("/articles/turnout/", headers=headers)
    kept_head = Client().head("/articles/turnout/", headers=headers)
    assert not answered_first(fresh_head)
    assert answered_first(got)
    assert answered_first(kept_head)
    assert fresh_head.content == kept_head.content == b""
    assert list(fresh_head.items()) == list(got.items()) == list(kept_head.items())


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_conditional_request_is_answered_304_in_either_encoding(address: str) -> None:
    reviewed_story()
    second_over()
    gzipped = Client().get(address, headers=GZIP)
    plain = Client().get(address, headers=IDENTITY)
    for sent, headers in ((gzipped, GZIP), (plain, IDENTITY), (gzipped, IDENTITY)):
        again = Client().get(
            address, headers={**headers, "If-None-Match": sent["ETag"]}
        )
        assert again.status_code == 304
        assert again.content == b""
        answered = gzipped if headers is GZIP else plain
        for header in ("ETag", "Vary", "Cache-Control"):
            assert again[header] == answered[header]
    stale = Client().get(address, headers={**GZIP, "If-None-Match": 'W/"another"'})
    assert stale.status_code == 200
    assert stale.content == gzipped.content
    # Built from the kept body with the stack's headers (their order may differ).
    assert dict(stale.items()) == dict(gzipped.items())
