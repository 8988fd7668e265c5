"""Two clients change one claim's attribution at once, over two real connections."""

import threading
from typing import Any

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, ReviewEvent
from tests.factories import AgencyFactory, ArticleFactory, UserFactory, make_claim

ROUNDS = 20


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("field", ["agency", "speaker"])
def test_simultaneous_attribution_changes_give_one_200_and_one_409(
    roles: None, field: str
) -> None:
    """Twenty rounds of two changes sent with the same version: each round one
    is saved and the other is refused as stale, never a server error."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrent writers need PostgreSQL")
    claim = make_claim(ArticleFactory.create(), "says hello")
    tokens = [
        Token.objects.create(user=UserFactory.create(role="Editors")).key
        for _ in range(2)
    ]
    for round_ in range(ROUNDS):
        version = Claim.objects.get(pk=claim.pk).version
        start = threading.Barrier(2)
        answers: list[Any] = []

        def change(
            token: str,
            value: str,
            start: Any = start,
            answers: Any = answers,
            version: int = version,
        ) -> None:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            try:
                start.wait()
                answers.append(
                    client.patch(
                        f"/api/claims/{claim.pk}/",
                        {field: value, "version": version},
                        format="json",
                    )
                )
            finally:
                connection.close()

        values = (
            # Two agencies the claim has never had: neither change is a no-op.
            [AgencyFactory.create().slug, AgencyFactory.create().slug]
            if field == "agency"
            else [f"Speaker A{round_}", f"Speaker B{round_}"]
        )
        threads = [
            threading.Thread(target=change, args=(token, value))
            for token, value in zip(tokens, values, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        codes = sorted(answer.status_code for answer in answers)
        assert codes == [200, 409], (round_, [a.content[:300] for a in answers])
        loser = next(answer for answer in answers if answer.status_code == 409)
        assert loser.json()["claim"]["version"] == version + 1
    assert ReviewEvent.objects.filter(claim=claim, kind="attribution").count() == ROUNDS
