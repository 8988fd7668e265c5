"""seed_scale fills the database in bulk with claims that hold their place."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from claims.models import Claim

pytestmark = pytest.mark.django_db


def test_every_seeded_claim_points_at_its_quote_in_a_published_story() -> None:
    """450 claims in three published stories, each quote where its offsets say."""
    call_command("seed_scale", claims=450, verbosity=0)
    assert Claim.objects.count() == 450
    articles = Article.objects.all()
    assert articles.count() == 3
    assert {article.status for article in articles} == {Article.Status.PUBLISHED}
    for claim in Claim.objects.select_related("article"):
        assert claim.article.plain_text[claim.start : claim.end] == claim.quote
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(Claim.Status.values)
    # The queue has work of every kind at its head.
    assert Claim.objects.filter(anchor_state=Claim.AnchorState.NEEDS_CHECK).exists()


def test_a_second_run_adds_to_the_first() -> None:
    """Each run adds its own stories and agencies, never clashing with earlier ones."""
    call_command("seed_scale", claims=10, verbosity=0)
    call_command("seed_scale", claims=10, verbosity=0)
    assert Claim.objects.count() == 20


def test_nothing_to_seed_is_refused() -> None:
    """--claims 0 is an error naming the option."""
    with pytest.raises(CommandError, match="--claims"):
        call_command("seed_scale", claims=0, verbosity=0)
