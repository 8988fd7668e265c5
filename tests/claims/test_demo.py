"""The demo story loads complete, at the right places, once."""

from typing import Any

import pytest
from django.core.management import call_command

from articles.models import Article
from claims.models import Agency, Claim, ReviewEvent

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Agency.objects.count(),
        Article.objects.count(),
        Article.objects.published().count(),
        Claim.objects.count(),
        ReviewEvent.objects.count(),
    )


def test_demo_loads_the_story(demo: Article, seed: dict[str, Any]) -> None:
    """7 agencies, 1 published article, 9 claims, each quote at its stored position."""
    assert counts() == (7, 1, 1, 9, 6)
    assert demo.plain_text == seed["article"]["body"]
    for entry in seed["claims"]:
        claim = Claim.objects.get(quote=entry["quote"])
        assert demo.plain_text[claim.start : claim.end] == entry["quote"]
        assert claim.agency.slug == entry["agency"]
        assert claim.speaker == entry["speaker"]
        assert claim.status == entry["status"]
        assert claim.note == entry["note"]
        assert claim.disputed_by == entry.get("disputed_by", "")
        events = list(claim.events.values_list("old_status", "new_status"))
        expected = (
            [] if entry["status"] == "unreviewed" else [("unreviewed", entry["status"])]
        )
        assert events == expected


def test_state_labels(demo: Article) -> None:
    """State-controlled news agencies carry the readers' label; governments do not."""
    assert (
        Agency.objects.get(slug="ria-novosti").affiliation_label
        == "Russian state-controlled media"
    )
    assert (
        Agency.objects.get(slug="tass").affiliation_label
        == "Russian state-controlled media"
    )
    assert Agency.objects.get(slug="interfax").affiliation_label == ""
    assert Agency.objects.get(slug="kremlin").affiliation_label == ""


def test_second_load_changes_nothing(demo: Article) -> None:
    """Running load_demo again leaves every count and every version the same."""
    before = counts(), list(Claim.objects.values_list("pk", "version", "status"))
    call_command("load_demo", verbosity=0)
    assert (
        counts(),
        list(Claim.objects.values_list("pk", "version", "status")),
    ) == before
