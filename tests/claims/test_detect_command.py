"""manage.py detect_claims runs detection by hand."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from claims.services import withdraw_claim

pytestmark = [pytest.mark.django_db, pytest.mark.detection]


def test_detect_claims_suggests_what_is_not_claimed(demo: Article) -> None:
    """With one demo claim withdrawn, its passage comes back as a suggestion."""
    claim = demo.claims.get(quote__startswith="Russia's legislators")
    withdraw_claim(
        claim.pk, note="Wrong passage.", expected_version=claim.version, actor=None
    )
    out = StringIO()
    call_command("detect_claims", demo.slug, stdout=out)
    assert f"{demo.slug}: 1 suggestion(s) pending" in out.getvalue()
    suggestion = demo.suggestions.get()
    assert suggestion.exact.startswith("Russia's legislators")
    assert suggestion.agency is not None
    assert suggestion.agency.slug == "kremlin"


def test_all_and_unknown_slugs(demo: Article) -> None:
    """--all covers every article; an unknown slug is named in the error."""
    out = StringIO()
    call_command("detect_claims", "--all", stdout=out)
    assert f"{demo.slug}: 0 suggestion(s) pending" in out.getvalue()
    with pytest.raises(CommandError, match="No article with slug nope"):
        call_command("detect_claims", "nope")
    with pytest.raises(CommandError, match="Give article slugs or --all"):
        call_command("detect_claims")
