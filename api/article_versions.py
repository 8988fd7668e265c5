"""An article's version over HTTP: its ETag, ``If-Match`` and the ``version`` field.

A write names the version it was made from, in the body (``version``) or as
the ETag in ``If-Match``; the edit service refuses a stale one. A stale
``version`` is a 409, a stale ``If-Match`` a 412; both answer with the
article as it now stands.
"""

from collections.abc import Callable
from typing import Any

from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from articles.models import Article


def article_etag(article: Article) -> str:
    """The strong ETag naming an article's version."""
    return etag_of(article.slug, article.version)


def etag_of(slug: str, version: int) -> str:
    """The ETag of the article at ``slug`` in ``version``."""
    return f'"{slug}-v{version}"'


class PreconditionFailed(exceptions.APIException):
    """``If-Match`` names a version the article has moved past."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The article changed since the version your If-Match names."
    default_code = "precondition_failed"


def if_match_version(request: Request, article: Article) -> int | None:
    """The version ``If-Match`` names, or None without one; PreconditionFailed
    when it does not name the article's current ETag."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    if header == "*":
        return article.version
    tags = [tag.strip() for tag in header.split(",")]
    if article_etag(article) not in tags:
        raise PreconditionFailed(
            f"The article changed since the version your If-Match names; it is "
            f"now {article_etag(article)}. Nothing was saved."
        )
    return article.version


def with_etag(response: Response) -> Response:
    """An article's answer, carrying its version's ETag (unless a shared
    cache gave it its own)."""
    # A cached answer comes back as the bytes it was sent as, with its ETag.
    data = getattr(response, "data", None)
    data = data if isinstance(data, dict) else {}
    if (
        response.status_code == status.HTTP_200_OK
        and not response.has_header("ETag")
        and "version" in data
    ):
        response["ETag"] = etag_of(data["slug"], data["version"])
    return response


def precondition_failed(
    error: PreconditionFailed, represent: Callable[[Article], Any], article: Article
) -> Response:
    """A 412 answer with the article as it stands."""
    response = Response(
        {"detail": str(error.detail), "article": represent(article)},
        status=status.HTTP_412_PRECONDITION_FAILED,
    )
    response["ETag"] = article_etag(article)
    return response
