"""The queue can show a group of repeats as one row, with its stories, at a
cost that does not grow with the group."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.models import Agency, Claim
from claims.services import review_claim, withdraw_claim
from tests.admin.conftest import changelist_url
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    confirm_as_one_group,
    edit_text,
    make_claim,
)

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Kherson reached 87% on the first day, the commission said"
GROUPED = {"repeats": "grouped"}


@pytest.fixture
def ria() -> Agency:
    return AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")


def story(agency: Agency, number: int, sentence: str = TURNOUT) -> Claim:
    article = ArticleFactory.create(
        headline=f"Kherson vote {number}", body=f"{sentence}.\n\nMore."
    )
    return make_claim(article, sentence, agency=agency)


def group_of(size: int, agency: Agency, editor: User, start: int = 0) -> list[Claim]:
    claims = [story(agency, number) for number in range(start, start + size)]
    confirm_as_one_group(claims, actor=editor)
    return claims


def rows(client: Client, params: dict[str, str]) -> list[int]:
    response = client.get(changelist_url(), params)
    assert response.status_code == 200
    return [claim.pk for claim in response.context["cl"].result_list]


def test_a_group_is_one_row_with_its_stories(
    editor_client: Client, ria: Agency, editor: User
) -> None:
    """Grouped, three members are one row counting three stories and naming
    them; a claim in no group keeps its row; ungrouped, every member has one."""
    members = group_of(3, ria, editor)
    alone = story(ria, 9, "Gas flows through the pipeline fell by a third overnight")
    # The member needing the most work stands for the group.
    review_claim(
        members[1].pk,
        status=Claim.Status.VERIFIED,
        actor=editor,
        expected_version=Claim.objects.get(pk=members[1].pk).version,
    )
    edited = members[2].article
    edit_text(edited, body=edited.body.replace("first day", "first day of voting"))
    assert sorted(rows(editor_client, {})) == sorted(
        [*(c.pk for c in members), alone.pk]
    )
    assert sorted(rows(editor_client, GROUPED)) == sorted([members[2].pk, alone.pk])
    soup = BeautifulSoup(
        editor_client.get(changelist_url(), GROUPED).text, "html.parser"
    )
    (cell,) = [
        td
        for td in soup.select("#result_list td.field-group_stories")
        if "stories" in td.get_text()
    ]
    assert cell.get_text(" ", strip=True).startswith("3 stories Kherson vote 2")
    assert sorted(a.get_text() for a in cell.select("a")) == [
        "Kherson vote 0",
        "Kherson vote 1",
        "Kherson vote 2",
    ]
    filters = soup.select_one("#changelist-filter")
    assert filters is not None
    assert "Group repeats: one row per group" in filters.text


def test_a_withdrawn_member_is_neither_the_row_nor_counted(
    editor_client: Client, ria: Agency, editor: User
) -> None:
    """The group's row is one of the claims the queue shows, and counts them."""
    members = group_of(3, ria, editor)
    gone = members[0]
    withdraw_claim(
        gone.pk, note="Wrong story.", expected_version=gone.version, actor=editor
    )
    (row,) = rows(editor_client, GROUPED)
    assert row != gone.pk
    soup = BeautifulSoup(
        editor_client.get(changelist_url(), GROUPED).text, "html.parser"
    )
    table = soup.select_one("#result_list")
    assert table is not None
    assert "2 stories" in table.text
    assert "Kherson vote 0" not in table.text


def grouped_queries(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(changelist_url(), GROUPED)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_grouped_queue_costs_the_same_at_2_and_100_members(
    editor_client: Client, ria: Agency, editor: User
) -> None:
    """A group of 2 or of 100: the same queries, one row, every story counted."""
    group_of(2, ria, editor)
    grouped_queries(editor_client)  # warm the session and permission caches
    small = grouped_queries(editor_client)
    group_of(100, ria, editor, start=10)
    large = grouped_queries(editor_client)
    assert len(large) == len(small), "\n".join(large)
    assert len(rows(editor_client, GROUPED)) == 2
    assert "100 stories" in editor_client.get(changelist_url(), GROUPED).text
