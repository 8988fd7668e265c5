"""On PostgreSQL a claim's repeats are found through the (agency, trigram) GIN
index: the agency and the ``%`` threshold are both index conditions, so a
lookup reads one agency's near matches, not the archive."""

from typing import Any

import pytest
from django.db import connection

from claims import matching
from claims.models import Agency, Claim, Person
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Zaporizhzhia reached 61% by Tuesday evening, officials said"


@pytest.fixture
def archive() -> list[Agency]:
    """Two agencies' claims, 2,000 each, every one saying something else.

    At this size the planner rightly reads one agency's claims through the
    agency's own index; on an archive (``bench/repeats.py`` at 200,000) an
    agency's claims are too many and it takes the trigram index. That index
    is what is checked here, so the agency's own is dropped for the test
    (the test's transaction rolls it back).
    """
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm and its GIN index are PostgreSQL's")
    agencies = [AgencyFactory.create() for _ in range(2)]
    articles = ArticleFactory.create_batch(2, body="Figures.\n\n" * 2)
    Claim.objects.bulk_create(
        Claim(
            article=articles[n % 2],
            agency=agencies[n % 2],
            quote="Figures.",
            start=0,
            end=8,
            match_text=f"grain exports district {n} fell {n % 97}% week",
        )
        for n in range(4000)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claim' "
            "AND indexdef LIKE '%%USING btree (agency_id)'"
        )
        (name,) = cursor.fetchone()
        cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("ANALYZE claims_claim")
    return agencies


def candidates_plan(claim: Claim) -> str:
    """EXPLAIN of the candidates query exactly as matching sends it, with the
    planner kept from scanning a table this small."""
    sent: list[tuple[str, Any]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        matching.candidates(claim)
    sql, params = next((sql, p) for sql, p in sent if "SIMILARITY(" in sql.upper())
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")


def test_the_agency_and_the_threshold_are_index_conditions(
    archive: list[Agency],
) -> None:
    """The trigram index answers both the agency (typed as its bigint column)
    and ``%``; nothing of the two is left to a filter over rows."""
    claim = make_claim(
        ArticleFactory.create(body=f"{TURNOUT}.\n\nMore."), TURNOUT, agency=archive[0]
    )
    plan = candidates_plan(claim)
    assert "claim_match_text_trgm" in plan, plan
    (condition,) = [line for line in plan.splitlines() if "Index Cond" in line]
    assert f"(agency_id = '{archive[0].pk}'::bigint)" in condition, plan
    assert "(match_text % " in condition, plan
    assert "Seq Scan" not in plan


def test_a_persons_claims_are_read_by_their_own_index(archive: list[Agency]) -> None:
    """With a person, the person's claims are a second index arm; the
    agency's are still read through the trigram index."""
    person = Person.objects.create(
        name="Dmitry Peskov", slug="peskov", agency=archive[1]
    )
    claim = make_claim(
        ArticleFactory.create(body=f"{TURNOUT}.\n\nMore."),
        TURNOUT,
        agency=archive[0],
        person=person,
    )
    plan = candidates_plan(claim)
    assert "claim_match_text_trgm" in plan, plan
    assert f"(person_id = '{person.pk}'::bigint)" in plan, plan
    conditions = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any(
        f"(agency_id = '{archive[0].pk}'::bigint)" in line and "(match_text % " in line
        for line in conditions
    ), plan
    assert "Seq Scan" not in plan
