"""The readers' log, a claim's public history and the reviews feed: verdicts
given or changed, corrections and withdrawals, never the desk's own tweaks."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.models import Article
from claims.models import Claim, ReviewEvent
from claims.services import change_attribution, withdraw_claim
from tests.factories import AgencyFactory, ArticleFactory, edit_text, make_claim
from tests.pages.conftest import one, review, text

ATOM = "{http://www.w3.org/2005/Atom}"
WORDS = "grain exports reached 120,000 tonnes in August"
FIRST = f"The ministry said {WORDS}."
SECOND = "The port of Odesa reopened on Monday, the harbour master said."
# Desk noise that must never reach readers.
NOISE = (
    "Not reviewed \u2192 Not reviewed",
    "moved",
    "ukraine-government",
    "Deputy minister",
    "speaker",
)


@pytest.fixture
def story(db: None) -> Article:
    return ArticleFactory.create(body=f"{FIRST}\n\n{SECOND}")


def shift_of_noise(story: Article) -> Claim:
    """A claim taken through every kind of event: a no-op reopen, a speaker
    tweak, another agency, a verdict, a move and a correction of its words."""
    claim = make_claim(story, WORDS)
    # What confirming an unreviewed claim's place in the text logs.
    ReviewEvent.objects.create(
        claim=claim,
        old_status=Claim.Status.UNREVIEWED,
        new_status=Claim.Status.UNREVIEWED,
        version=claim.version,
    )
    claim = change_attribution(
        claim.pk, speaker="Deputy minister", expected_version=claim.version, actor=None
    )
    government = AgencyFactory.create(
        slug="ukraine-government", name="Government of Ukraine", kind="government"
    )
    claim = change_attribution(
        claim.pk, agency=government, expected_version=claim.version, actor=None
    )
    claim = review(claim, Claim.Status.VERIFIED, note="Matches the customs data.")
    edit_text(story, body=f"{SECOND}\n\n{FIRST}")
    edit_text(story, body=story.body.replace("120,000", "102,000"))
    claim.refresh_from_db()
    return claim


def test_the_log_the_history_and_the_feed_tell_readers_only_what_changed_for_them(
    client: Client, story: Article
) -> None:
    """Verdicts, a corrected attribution and corrected words are told; the
    no-op reopen, the move, the speaker tweak and the agency's slug are not,
    and reported speech is never put in quotation marks."""
    claim = shift_of_noise(story)
    kinds = set(claim.events.values_list("kind", flat=True))
    assert kinds == {"review", "attribution", "anchor"}
    moves = [
        event.old_quote == event.new_quote
        for event in claim.events.filter(kind="anchor")
    ]
    assert sorted(moves) == [False, True]  # the correction, then the move

    soup = BeautifulSoup(client.get(story.get_absolute_url()).text, "html.parser")
    log = text(one(soup, ".review-log"))
    history = text(
        one(
            BeautifulSoup(client.get(claim.get_absolute_url()).text, "html.parser"),
            ".history",
        )
    )
    feed = ElementTree.fromstring(client.get("/feeds/reviews/").content)
    # Titles only: a summary names the claim's source as it stands now.
    entries = [
        entry.findtext(f"{ATOM}title") or "" for entry in feed.findall(f"{ATOM}entry")
    ]
    for shown in (log, history, " ".join(entries)):
        assert "Not reviewed \u2192 Verified" in shown or "Verified" in shown
        assert "attribution" in shown.lower()
        assert "corrected" in shown
        for noise in NOISE:
            assert noise not in shown, (noise, shown)
        assert "\u201cgrain exports" not in shown
    assert "Not reviewed \u2192 Verified" in history
    title = BeautifulSoup(client.get(claim.get_absolute_url()).text, "html.parser")
    assert text(one(title, "title")).startswith("Claim: grain exports reached")
    assert "grain exports reached 102,000 tonnes" in log
    assert "Before the correction: grain exports reached 120,000 tonnes" in history
    # Three events told (verdict, attribution, words), four left out.
    assert len(one(soup, ".review-log").select("li")) == 3
    assert len(entries) == 3


def test_a_direct_quote_keeps_its_quotation_marks(
    client: Client, story: Article
) -> None:
    """The source's own words are quoted in the log; ours never are."""
    claim = make_claim(story, WORDS, attribution_kind=Claim.AttributionKind.DIRECT)
    review(claim, Claim.Status.VERIFIED)
    soup = BeautifulSoup(client.get(story.get_absolute_url()).text, "html.parser")
    assert "\u201cgrain exports reached 120,000 tonnes in August\u201d" in text(
        one(soup, ".review-log")
    )


def test_a_reviewed_claim_withdrawn_is_told_and_an_unreviewed_one_is_not(
    client: Client, story: Article
) -> None:
    """Readers saw a label on the reviewed claim, so its withdrawal is news;
    a claim nobody reviewed leaves silently."""
    reviewed = review(make_claim(story, WORDS), Claim.Status.VERIFIED)
    quiet = make_claim(story, "The port of Odesa reopened on Monday")
    for claim in (reviewed, quiet):
        withdraw_claim(
            claim.pk, note="Not a claim.", expected_version=claim.version, actor=None
        )
    assert ReviewEvent.objects.filter(kind="withdrawal").count() == 2

    soup = BeautifulSoup(client.get(story.get_absolute_url()).text, "html.parser")
    log = text(one(soup, ".review-log"))
    assert "withdrawn" in log
    assert "Odesa" not in log
    feed = client.get("/feeds/reviews/").content.decode()
    assert feed.lower().count("withdrawn") == 1
    assert "Odesa" not in feed
