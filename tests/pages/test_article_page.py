"""The article page: claims marked inline, labels for reviewed claims, notes."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.models import Article
from claims.models import Claim
from claims.services import review_claim
from tests.factories import ArticleFactory, UserFactory, edit_text, make_claim
from tests.pages.conftest import attr, one, review, text

pytestmark = pytest.mark.django_db


def page(client: Client, article: Article) -> BeautifulSoup:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def note_text(soup: BeautifulSoup, claim: Claim) -> str:
    note = soup.find(id=f"note-{claim.pk}")
    assert note is not None, f"no note for {claim.quote!r}"
    return text(note)


def test_every_anchored_claim_is_marked_with_its_status(
    client: Client, demo: Article
) -> None:
    """Each of the demo's nine claims is marked with data-claim and data-status."""
    soup = page(client, demo)
    for claim in demo.claims.all():
        marks = soup.select(f'mark[data-claim="{claim.pk}"]')
        assert marks, claim.quote
        assert {mark["data-status"] for mark in marks} == {claim.status}
        assert "".join(mark.get_text() for mark in marks) == claim.quote


def test_reviewed_claims_are_labelled_and_unreviewed_are_not(
    client: Client, demo: Article
) -> None:
    """Reviewed claims get a status word and icon linking to the note; unreviewed get none."""
    soup = page(client, demo)
    labels = {a["data-claim"]: a for a in soup.select("a.claim-label")}
    for claim in demo.claims.all():
        label = labels.get(str(claim.pk))
        if claim.status == Claim.Status.UNREVIEWED:
            assert label is None
            assert soup.find(id=f"note-{claim.pk}") is None
            continue
        assert label is not None
        assert label["href"] == f"#note-{claim.pk}"
        assert label.find("svg") is not None
        word = {"verified": "Verified", "disputed": "Disputed"}.get(
            claim.status, "Context added"
        )
        assert word in label.get_text()
    assert len(labels) == 6


def test_notes_carry_attribution_label_note_and_disputer(
    client: Client, demo: Article
) -> None:
    """Notes name the source, its state-affiliation label, the note and who disputes it."""
    soup = page(client, demo)
    ria = demo.claims.get(status="disputed")
    text = note_text(soup, ria)
    assert "RIA Novosti reported that preliminary results" in text
    assert "Russian state-controlled media" in text
    assert "Ukraine, the UN, the EU and the US reject them as illegitimate" in text
    assert (
        "Disputed by Ukraine, the United Nations, the European Union and the United States"
        in text
    )
    interfax = note_text(soup, demo.claims.get(agency__slug="interfax"))
    assert "Interfax reported that in the Kherson region" in interfax
    assert "no count has been independently checked" in interfax
    assert "state-controlled" not in interfax
    tass = note_text(soup, demo.claims.get(agency__slug="tass"))
    assert "A source in the Russian parliament, quoted by TASS, said that" in tass


def test_internal_notes_are_never_shown(client: Client, demo: Article) -> None:
    """An editors' internal note does not reach the reader."""
    claim = demo.claims.get(status="disputed")
    Claim.objects.filter(pk=claim.pk).update(internal_note="EDITORS-ONLY-REMARK")
    assert "EDITORS-ONLY-REMARK" not in client.get(demo.get_absolute_url()).text
    assert "EDITORS-ONLY-REMARK" not in client.get(claim.get_absolute_url()).text


def test_orphaned_claim_is_not_marked_but_keeps_its_permalink(
    client: Client, demo: Article
) -> None:
    """A claim whose passage was edited away is not marked; its permalink says so."""
    claim = demo.claims.get(agency__slug="tass")
    edit_text(
        demo,
        body=demo.body.replace(
            "the incorporation of the territories would most likely be formalised by 30 September",
            "nothing was decided",
        ),
    )
    claim.refresh_from_db()
    assert claim.anchor_state == Claim.AnchorState.ORPHANED
    soup = page(client, demo)
    assert not soup.select(f'[data-claim="{claim.pk}"]')
    assert soup.find(id=f"note-{claim.pk}") is None
    permalink = client.get(claim.get_absolute_url()).text
    assert "no longer appears in the current text" in permalink
    assert "formalised by 30 September" in permalink


def test_article_page_shows_headline_byline_dateline_and_dates(
    client: Client, demo: Article
) -> None:
    """The header has the headline, standfirst, byline, dateline and publication date."""
    soup = page(client, demo)
    header = text(one(soup, ".story-header"))
    assert demo.headline in header
    assert demo.standfirst in header
    assert "By Newsroom staff" in header
    assert "Kyiv" in header
    assert "27 September 2022" in header
    assert text(one(soup, "main h1")) == demo.headline
    assert attr(one(soup, "html"), "lang") == "en"


def test_claim_permalink_shows_sentence_status_note_and_public_history(
    client: Client, demo: Article, roles: None
) -> None:
    """The permalink has the sentence, attribution, status, note and history without names."""
    editor = UserFactory.create(username="kowalski-reviewer", role="Editors")
    claim = demo.claims.get(agency__slug="interfax")
    review_claim(
        claim.pk,
        status="disputed",
        note="Officials later gave different figures.",
        disputed_by="Ukraine's Central Election Commission",
        actor=editor,
        expected_version=claim.version,
    )
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    main = text(one(soup, "main"))
    assert "according to the Interfax agency" in main  # the rest of its sentence
    assert re.search(r"Interfax (said|reported) that", main)
    assert "Officials later gave different figures." in main
    history = text(one(soup, ".history"))
    assert "Not reviewed → Context added" in history
    assert "Context added → Disputed" in history
    assert "Disputed by Ukraine's Central Election Commission" in history
    assert "kowalski" not in response.text


def test_overlapping_claims_and_claims_in_links_are_each_labelled(
    client: Client,
) -> None:
    """Nested claims are both marked and labelled; a label never lands inside a link."""
    article = ArticleFactory.create(
        body=(
            "The minister said [the count was fair and final](https://example.com/count) "
            "before anyone had checked."
        )
    )
    outer = review(make_claim(article, "the count was fair and final"), "disputed")
    inner = review(make_claim(article, "fair and final"), "contextualized")
    soup = page(client, article)
    for claim in (outer, inner):
        marks = soup.select(f'mark[data-claim="{claim.pk}"]')
        assert "".join(mark.get_text() for mark in marks) == claim.quote
        label = one(soup, f"#label-{claim.pk}")
        assert label.find_parent("a") is None
        assert one(soup, f"#note-{claim.pk}")
    assert len(soup.select("a.claim-label")) == 2
