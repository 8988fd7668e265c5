"""Importing stories from JSON: created once, updated through save, refused whole."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from claims.models import Agency, Claim

pytestmark = pytest.mark.django_db

STORY: dict[str, Any] = {
    "article": {
        "slug": "grain-ships",
        "headline": "Grain ships leave Odesa",
        "body": "Three carriers left port on Monday, the ministry said.\n\n"
        "Insurance premiums have tripled, brokers said.",
    },
    "agencies": [
        {"slug": "ministry", "name": "Ministry", "kind": "government", "country": "UA"},
        {"slug": "wfp", "name": "WFP", "kind": "ngo", "state_affiliation": "unknown"},
    ],
    "claims": [
        {
            "quote": "Three carriers left port on Monday",
            "agency": "ministry",
            "speaker": "",
        },
        {"quote": "Insurance premiums have tripled", "agency": "wfp", "speaker": ""},
        {"quote": "brokers said", "agency": None, "speaker": "brokers"},
    ],
}


def write(tmp_path: Path, story: dict[str, Any], name: str = "story") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(story))
    return path


def test_import_creates_a_draft_with_its_claims(tmp_path: Path) -> None:
    """A story without a publication date is imported as a draft, claims anchored."""
    call_command("import_story", str(write(tmp_path, STORY)), verbosity=0)
    article = Article.objects.get(slug="grain-ships")
    assert article.status == Article.Status.DRAFT
    assert Claim.objects.count() == 2  # the one with no agency is skipped
    for claim in Claim.objects.all():
        assert article.plain_text[claim.start : claim.end] == claim.quote


def test_update_saves_new_text_and_reanchors(tmp_path: Path) -> None:
    """--update brings the body up to date; claims follow, edited ones need a check."""
    call_command("import_story", str(write(tmp_path, STORY)), verbosity=0)
    edited = json.loads(json.dumps(STORY))
    edited["article"]["body"] = (
        "Update: more ships are expected.\n\n"
        "Three carriers left port on Monday, the ministry said.\n\n"
        "Insurance premiums have roughly tripled, brokers said."
    )
    edited_path = write(tmp_path, edited, "edited")
    call_command("import_story", str(edited_path), verbosity=0)
    assert "more ships" not in Article.objects.get().plain_text  # not without --update
    call_command("import_story", str(edited_path), "--update", verbosity=0)
    article = Article.objects.get()
    assert article.plain_text.startswith("Update: more ships")
    carriers = Claim.objects.get(agency__slug="ministry")
    premiums = Claim.objects.get(agency__slug="wfp")
    assert article.plain_text[carriers.start : carriers.end] == carriers.quote
    assert carriers.anchor_state == Claim.AnchorState.ANCHORED
    assert premiums.anchor_state == Claim.AnchorState.NEEDS_CHECK
    # "roughly tripled" is 8 edits from "tripled": past the quarter-length
    # bound, so the claim follows the closest whole-word passage within it.
    assert premiums.quote == "Insurance premiums have roughly"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["agencies"][0].update(kind="alien"), "not a valid choice"),
        (lambda s: s["claims"][0].update(agency="tass"), "names agency “tass”"),
        (lambda s: s["claims"][1].update(quote="not in the text"), "does not occur"),
    ],
)
def test_bad_story_is_refused_whole(tmp_path: Path, change: Any, message: str) -> None:
    """A story with a bad part is refused with the reason, and nothing is written."""
    story = json.loads(json.dumps(STORY))
    change(story)
    with pytest.raises(CommandError, match=message):
        call_command("import_story", str(write(tmp_path, story)), verbosity=0)
    assert (Article.objects.count(), Agency.objects.count(), Claim.objects.count()) == (
        0,
        0,
        0,
    )


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="cannot read a JSON story"):
        call_command("import_story", str(path), verbosity=0)


def test_an_agency_known_by_its_name_is_not_filed_twice(tmp_path: Path) -> None:
    """A second story that gives a known institution another slug files its
    claims under the agency the newsroom has; one of the same name in
    another country is another agency."""
    call_command("import_story", str(write(tmp_path, STORY)), verbosity=0)
    other = json.loads(json.dumps(STORY))
    other["article"]["slug"] = "grain-ships-2"
    other["agencies"] = [
        {
            "slug": "ua-ministry",
            "name": "ministry",
            "kind": "government",
            "country": "UA",
        },
        {"slug": "wfp-un", "name": "WFP", "kind": "ngo", "country": "IT"},
        {
            "slug": "ke-ministry",
            "name": "Ministry",
            "kind": "government",
            "country": "KE",
        },
    ]
    other["claims"] = [
        {"quote": "Three carriers left port on Monday", "agency": "ua-ministry"},
        {"quote": "Insurance premiums have tripled", "agency": "wfp-un"},
    ]
    call_command("import_story", str(write(tmp_path, other, "other")), verbosity=0)
    assert sorted(Agency.objects.values_list("slug", flat=True)) == [
        "ke-ministry",
        "ministry",
        "wfp",
    ]
    claims = Claim.objects.filter(article__slug="grain-ships-2")
    assert sorted(claims.values_list("agency__slug", flat=True)) == ["ministry", "wfp"]
