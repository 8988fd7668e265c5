"""Two editors review the same claim at once, over two real database connections."""

import threading
from typing import Any

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, ReviewEvent
from tests.factories import ArticleFactory, UserFactory, make_claim


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reviews_give_one_200_and_one_409(roles: None) -> None:
    """Of two reviews sent with the same version, one wins and the other is told."""
    if connection.vendor == "sqlite" and "mode=memory" in str(
        connection.settings_dict["NAME"]
    ):
        # A shared-cache in-memory database answers a second writer "table is
        # locked" at once instead of waiting: it cannot show two connections.
        pytest.skip("needs PostgreSQL or a file-backed SQLite test database")
    claim = make_claim(ArticleFactory.create(), "says hello")
    tokens = [
        Token.objects.create(user=UserFactory.create(role="Editors")).key
        for _ in range(2)
    ]
    start = threading.Barrier(2)
    answers: list[Any] = []

    def review(token: str, status: str, note: str) -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            start.wait()
            answers.append(
                client.post(
                    f"/api/claims/{claim.pk}/review/",
                    {"status": status, "note": note, "version": claim.version},
                )
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=review, args=(tokens[0], "verified", "")),
        threading.Thread(
            target=review, args=(tokens[1], "contextualized", "Context for readers.")
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answer.status_code for answer in answers) == [200, 409]
    winner = next(answer for answer in answers if answer.status_code == 200)
    loser = next(answer for answer in answers if answer.status_code == 409)
    # The loser sees the claim as the winner left it.
    assert loser.json()["claim"]["status"] == winner.json()["status"]
    assert loser.json()["claim"]["version"] == claim.version + 1
    assert ReviewEvent.objects.filter(claim=claim, kind="review").count() == 1
    assert Claim.objects.get(pk=claim.pk).status == winner.json()["status"]
