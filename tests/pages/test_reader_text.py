"""What readers' pages say: faithful attribution, agency names in running text,
nested quotation marks, labels kept with their punctuation, dates, agency profiles."""

import json
import re
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from api.annotations import claim_annotation
from articles.editing import edit_article
from articles.models import Article
from articles.services import publish_article, unpublish_article
from claims import labels
from claims.models import MEDIA_KINDS, Agency, Claim
from claims.services import change_attribution, review_claim
from newsroom.writes import service_write
from tests.factories import AgencyFactory, ArticleFactory, make_claim
from tests.pages.conftest import one, review, text

QUOTE_MARKS = '"“”‘’«»'


def soup_of(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.text, "html.parser")


def note(soup: BeautifulSoup, claim: Claim) -> str:
    return text(one(soup, f"#note-{claim.pk} .note-claim"))


@pytest.fixture
def quoted_story(db: None) -> Article:
    return ArticleFactory.create(
        body=(
            "Officials said the so-called vote was a success, the agency reported.\n\n"
            '"We will never accept the results," the minister told reporters.\n\n'
            "The mayor said: \"The poster read 'Vote yes' on every door.\"\n\n"
            "The figures, the council said, were final."
        )
    )


class TestFaithfulAttribution:
    def test_reported_speech_is_not_put_in_quotation_marks(
        self, client: Client, quoted_story: Article
    ) -> None:
        """Our wording of what a source said appears without quotation marks."""
        agency = AgencyFactory.create(name="RIA Novosti")
        claim = make_claim(
            quoted_story,
            "Officials said the so-called vote was a success",
            agency=agency,
        )
        assert claim.attribution_kind == Claim.AttributionKind.REPORTED
        assert claim.reporting_verb == "reported"
        review(claim, Claim.Status.CONTEXTUALIZED, note="Turnout was not published.")
        sentence = note(soup_of(client, quoted_story.get_absolute_url()), claim)
        assert sentence == (
            "RIA Novosti reported that officials said the so-called vote was a success."
        )
        assert not any(mark in sentence for mark in QUOTE_MARKS)

    def test_a_direct_quote_keeps_its_quotation_marks(
        self, client: Client, quoted_story: Article
    ) -> None:
        """The source's own words, quoted in the text, are quoted in the note."""
        ministry = AgencyFactory.create(
            name="Ministry of Foreign Affairs of Ukraine",
            name_in_text="Ukraine's foreign ministry",
            kind=Agency.Kind.GOVERNMENT,
            country="UA",
        )
        claim = make_claim(
            quoted_story,
            "We will never accept the results,",
            agency=ministry,
            speaker="Foreign Minister Dmytro Kuleba",
        )
        assert claim.attribution_kind == Claim.AttributionKind.DIRECT
        assert claim.reporting_verb == "told"
        review(claim, Claim.Status.VERIFIED, note="Matches the ministry's transcript.")
        soup = soup_of(client, quoted_story.get_absolute_url())
        assert note(soup, claim) == (
            "Foreign Minister Dmytro Kuleba told: “We will never accept the results.”"
        ) or note(soup, claim).endswith("“We will never accept the results.”")
        assert "Matches the ministry's transcript." in text(
            one(soup, f"#note-{claim.pk}")
        )

    def test_editors_change_the_kind_and_the_page_follows(
        self, client: Client, quoted_story: Article
    ) -> None:
        """Marking a passage a direct quote puts its words in quotation marks; the change is logged."""
        claim = make_claim(
            quoted_story, "the so-called vote was a success", agency=AgencyFactory()
        )
        claim = review(claim, Claim.Status.VERIFIED)
        claim = change_attribution(
            claim.pk,
            attribution_kind=Claim.AttributionKind.DIRECT,
            reporting_verb="claimed",
            expected_version=claim.version,
            actor=None,
        )
        sentence = note(soup_of(client, quoted_story.get_absolute_url()), claim)
        assert sentence.endswith("claimed: “The so-called vote was a success.”") or (
            "claimed: “the so-called vote was a success.”" in sentence
        )
        event = claim.events.get(kind="attribution")
        assert event.old_values == {
            "attribution_kind": "reported",
            "reporting_verb": "said",
        }
        assert event.new_values == {
            "attribution_kind": "direct",
            "reporting_verb": "claimed",
        }
        # How the source's words are marked is the desk's wording, no news.
        page = text(one(soup_of(client, claim.get_absolute_url()), ".history"))
        assert "quotation" not in page
        assert "reported" not in page

    def test_an_unknown_kind_is_refused(self, quoted_story: Article) -> None:
        """An attribution kind that is neither direct nor reported names the problem."""
        claim = make_claim(quoted_story, "the so-called vote", agency=AgencyFactory())
        with pytest.raises(ValidationError) as error:
            change_attribution(
                claim.pk,
                attribution_kind="paraphrase",
                expected_version=claim.version,
                actor=None,
            )
        assert "attribution_kind" in error.value.message_dict

    def test_exports_carry_the_exact_words_either_way(
        self, client: Client, quoted_story: Article
    ) -> None:
        """ClaimReview and the W3C annotation hold the passage exactly as in the text."""
        reported = make_claim(
            quoted_story, "the so-called vote was a success", agency=AgencyFactory()
        )
        direct = make_claim(
            quoted_story, "We will never accept the results,", agency=AgencyFactory()
        )
        for claim in (reported, direct):
            review(claim, Claim.Status.VERIFIED)
        soup = soup_of(client, quoted_story.get_absolute_url())
        graph = json.loads(one(soup, 'script[type="application/ld+json"]').string or "")
        reviewed = {node["claimReviewed"] for node in graph["@graph"][1:]}
        assert reviewed == {reported.quote, direct.quote}
        for claim in (reported, direct):
            claim.refresh_from_db()
            selectors = claim_annotation(claim)["target"]["selector"]
            assert selectors[1]["exact"] == claim.quote


class TestNestedQuotes:
    def test_quotes_alternate_double_and_single(self) -> None:
        """A quotation inside a quotation takes single marks, and one inside that double."""
        assert labels.quoted("He said \"vote 'yes' now\" twice") == (
            "“He said ‘vote “yes” now’ twice”"
        )
        assert labels.quoted("It read “Vote yes”") == "“It read ‘Vote yes’”"
        assert labels.quoted("Russia's vote") == "“Russia’s vote”"

    def test_no_three_marks_in_a_row_on_the_page(
        self, client: Client, quoted_story: Article
    ) -> None:
        """A quote that holds a quote reads with alternating marks on the page."""
        claim = make_claim(
            quoted_story,
            "The poster read 'Vote yes' on every door.",
            agency=AgencyFactory(),
            speaker="The mayor of Kherson",
        )
        assert claim.attribution_kind == Claim.AttributionKind.DIRECT
        review(claim, Claim.Status.VERIFIED)
        sentence = note(soup_of(client, quoted_story.get_absolute_url()), claim)
        assert "“The poster read ‘Vote yes’ on every door.”" in sentence
        assert not re.search(f"[{QUOTE_MARKS}]{{3}}", sentence)


@pytest.fixture
def named(db: None) -> dict[str, Agency]:
    return {
        "the": AgencyFactory.create(
            name="The Kremlin",
            name_in_text="the Kremlin",
            kind=Agency.Kind.GOVERNMENT,
            affiliation_label="",
            slug="kremlin",
        ),
        "un": AgencyFactory.create(
            name="United Nations",
            name_in_text="the United Nations",
            kind=Agency.Kind.INTERNATIONAL_ORG,
            country="",
            affiliation_label="",
            slug="un",
        ),
        "bare": AgencyFactory.create(name="RIA Novosti", slug="ria"),
    }


class TestNamesInRunningText:
    CASES = {
        "the": ("the Kremlin", "The Kremlin"),
        "un": ("the United Nations", "The United Nations"),
        "bare": ("RIA Novosti", "RIA Novosti"),
    }

    def test_every_generated_sentence_reads(
        self, client: Client, named: dict[str, Agency]
    ) -> None:
        """Mid-sentence "the Kremlin", "the United Nations", "RIA Novosti"; capitalised at a start."""
        article = ArticleFactory.create(
            body="\n\n".join(f"Claim {key} holds, officials said." for key in named)
        )
        for key, agency in named.items():
            mid, start = self.CASES[key]
            claim = review(
                make_claim(article, f"Claim {key} holds", agency=agency),
                Claim.Status.VERIFIED,
            )
            story = soup_of(client, article.get_absolute_url())
            assert note(story, claim).startswith(f"{start} said that claim {key} holds")
            links = text(one(story, f"#note-{claim.pk} .note-links"))
            assert f"All claims attributed to {mid}" in links
            permalink = soup_of(client, claim.get_absolute_url())
            assert text(one(permalink, "h1")) == f"A claim attributed to {mid}"
            assert f"All claims attributed to {mid}" in text(one(permalink, "main"))
            profile = soup_of(client, agency.get_absolute_url())
            assert (
                text(one(profile, "#claims-heading")) == f"Claims attributed to {mid}"
            )
            assert f"attributed to {mid} in our published stories" in text(
                one(profile, "figcaption")
            )
            graph = json.loads(
                one(permalink, 'script[type="application/ld+json"]').string or ""
            )
            assert graph["@graph"][0]["description"] == f"According to {mid}"
            annotation = claim_annotation(claim)["body"][1]["value"]
            assert annotation.startswith(f"According to {mid}")
            index = soup_of(client, "/agencies/")
            titles = [title.get_text() for title in index.select("svg title")]
            assert f"Claims attributed to {mid}, by status" in " ".join(titles)
            chart = one(profile, "figure svg title").get_text()
            assert chart.startswith(f"Claims attributed to {mid}, by status")
            feed = client.get("/feeds/reviews/").content.decode()
            assert f"According to {mid}, in" in feed
            for wrong in ("According to The", "from The", "to United Nations"):
                assert wrong not in text(one(story, "main"))

    def test_speaker_and_body_read_as_one_phrase(
        self, named: dict[str, Agency]
    ) -> None:
        """With a role the body is possessive; without, "of" unless the speaker names it."""
        kremlin, un = named["the"], named["un"]
        assert (
            labels.speaker_phrase("Dmitry Peskov", kremlin, role="spokesman")
            == "Dmitry Peskov, the Kremlin's spokesman"
        )
        assert (
            labels.speaker_phrase("Kremlin spokesman Dmitry Peskov", kremlin)
            == "Kremlin spokesman Dmitry Peskov"
        )
        assert (
            labels.speaker_phrase("António Guterres", un)
            == "António Guterres of the United Nations"
        )
        assert (
            labels.speaker_phrase("António Guterres", un, role="secretary-general")
            == "António Guterres, the United Nations' secretary-general"
        )


class TestPassageNamingTheAgency:
    """A generated sentence does not name the agency again when the passage does."""

    @pytest.mark.parametrize("key", ["the", "un", "bare"])
    def test_the_passage_that_names_its_source_stands_alone(
        self, client: Client, named: dict[str, Agency], key: str
    ) -> None:
        """Reported speech whose subject is the agency is its own attribution,
        without quotation marks, on the story, the permalink and the profile."""
        agency = named[key]
        mid, start = TestNamesInRunningText.CASES[key]
        passage = (
            f"{start} and the European Union have rejected the vote and said "
            "they will not recognise its result."
        )
        article = ArticleFactory.create(
            body=f"Turnout was low.\n\n{passage}\n\nCounting goes on."
        )
        claim = review(
            make_claim(article, passage, agency=agency), Claim.Status.VERIFIED
        )
        assert claim.attribution_kind == Claim.AttributionKind.REPORTED
        for url, selector in [
            (article.get_absolute_url(), f"#note-{claim.pk} .note-claim"),
            (claim.get_absolute_url(), ".note-claim"),
            (agency.get_absolute_url(), ".note-claim"),
        ]:
            sentence = text(one(soup_of(client, url), selector))
            assert sentence == passage, url
            assert sentence.count(mid.removeprefix("the ")) == 1, url
            assert not any(mark in sentence for mark in QUOTE_MARKS), url

    @pytest.mark.parametrize("key", ["the", "un", "bare"])
    def test_a_speaker_is_not_given_the_body_the_passage_names(
        self, client: Client, named: dict[str, Agency], key: str
    ) -> None:
        """ "Jane Roe said that the United Nations would …", not "Jane Roe of the
        United Nations said that the United Nations would …"."""
        agency = named[key]
        mid, _ = TestNamesInRunningText.CASES[key]
        article = ArticleFactory.create(
            body=f"Jane Roe said {mid} would send observers next week."
        )
        claim = review(
            make_claim(
                article,
                f"{mid} would send observers next week",
                agency=agency,
                speaker="Jane Roe",
            ),
            Claim.Status.CONTEXTUALIZED,
        )
        sentence = note(soup_of(client, article.get_absolute_url()), claim)
        assert sentence == f"Jane Roe said that {mid} would send observers next week."

    @pytest.mark.parametrize("key", ["the", "un", "bare"])
    def test_the_body_is_named_where_the_passage_does_not(
        self, client: Client, named: dict[str, Agency], key: str
    ) -> None:
        """The speaker's body is still named when the passage leaves it out."""
        agency = named[key]
        mid, _ = TestNamesInRunningText.CASES[key]
        article = ArticleFactory.create(body="Jane Roe said observers would come.")
        claim = review(
            make_claim(
                article, "observers would come", agency=agency, speaker="Jane Roe"
            ),
            Claim.Status.VERIFIED,
        )
        sentence = note(soup_of(client, article.get_absolute_url()), claim)
        joined = "quoted by" if agency.kind in MEDIA_KINDS else "of"
        assert sentence.startswith(f"Jane Roe{',' if joined == 'quoted by' else ''}")
        assert f"{joined} {mid}" in sentence
        assert sentence.endswith("said that observers would come.")

    def test_a_mention_is_not_taken_for_the_source(
        self, client: Client, named: dict[str, Agency]
    ) -> None:
        """A passage that only mentions the agency keeps "… said that": the
        attribution is not dropped."""
        kremlin = named["the"]
        article = ArticleFactory.create(
            body="Observers said the Kremlin has no say over the count."
        )
        claim = review(
            make_claim(
                article, "the Kremlin has no say over the count", agency=kremlin
            ),
            Claim.Status.VERIFIED,
        )
        sentence = note(soup_of(client, article.get_absolute_url()), claim)
        assert (
            sentence == "The Kremlin said that the Kremlin has no say over the count."
        )

    def test_phrases_with_a_role(self, named: dict[str, Agency]) -> None:
        """With a role, the body is possessive unless the passage names it."""
        kremlin, un = named["the"], named["un"]
        assert (
            labels.speaker_phrase(
                "Dmitry Peskov",
                kremlin,
                role="spokesman",
                passage="the Kremlin was ready",
            )
            == "Dmitry Peskov, the spokesman"
        )
        un.aliases = ["UN"]
        assert (
            labels.speaker_phrase("A UN spokesman", un)
            == "A UN spokesman"  # an acronym names the body
        )
        assert (
            labels.speaker_phrase(
                "António Guterres", un, passage="the UN would send observers"
            )
            == "António Guterres"
        )

    def test_a_naming_verb_reads_called_it(
        self, client: Client, named: dict[str, Agency]
    ) -> None:
        """ "What Ukraine called a sham" reads "… called it a sham", not "called that"."""
        article = ArticleFactory.create(
            body="Ballots were carried door to door in what Kyiv called a sham vote."
        )
        claim = review(
            make_claim(
                article,
                "a sham vote",
                agency=named["bare"],
                speaker="Kyiv",
                reporting_verb="called",
            ),
            Claim.Status.VERIFIED,
        )
        sentence = note(soup_of(client, article.get_absolute_url()), claim)
        assert sentence.endswith("called it a sham vote.")
        assert "that" not in sentence


def test_demo_notes_read_as_a_standards_editor_would_sign(
    client: Client, demo: Article
) -> None:
    """The United Nations' claim is not "The United Nations said that the United
    Nations …"; the foreign minister's direct quote has its marks and a note."""
    soup = soup_of(client, demo.get_absolute_url())
    un = demo.claims.get(agency__slug="united-nations")
    assert note(soup, un) == (
        "The United Nations, the European Union and the United States have "
        "rejected the referendums and said they will not recognise their results."
    )
    kuleba = demo.claims.get(agency__slug="ukraine-mfa")
    assert kuleba.attribution_kind == Claim.AttributionKind.DIRECT
    assert kuleba.status == Claim.Status.CONTEXTUALIZED
    assert note(soup, kuleba) == (
        "Ukrainian Foreign Minister Dmytro Kuleba said: “Ukraine has every right "
        "to liberate its territories and will keep doing so, whatever Russia says.”"
    )
    assert "Kharkiv region" in text(one(soup, f"#note-{kuleba.pk} .note-text"))
    statuses = {
        claim.attribution_kind
        for claim in demo.claims.exclude(status=Claim.Status.UNREVIEWED)
    }
    assert statuses == {Claim.AttributionKind.DIRECT, Claim.AttributionKind.REPORTED}
    called = demo.claims.get(speaker="Ukraine and the West")
    permalink = soup_of(client, called.get_absolute_url())
    assert text(one(permalink, ".note-claim")).startswith(
        "Ukraine and the West called it an illegitimate, coercive exercise"
    )
    for sentence in soup.select(".note-claim"):
        words = text(sentence)
        for name in ("United Nations", "Kremlin", "RIA Novosti", "Interfax", "TASS"):
            assert words.count(name) <= 1, words


def test_label_keeps_the_punctuation_after_it(client: Client, db: None) -> None:
    """The status label and the full stop after it sit in one no-wrap span."""
    article = ArticleFactory.create(body="The count was 98%, the agency said.")
    claim = review(
        make_claim(article, "The count was 98%", agency=AgencyFactory()),
        Claim.Status.DISPUTED,
    )
    soup = soup_of(client, article.get_absolute_url())
    together = one(soup, ".story-body .nowrap")
    assert together.select_one(f"a#label-{claim.pk}") is not None
    assert together.get_text().endswith("Disputed claim: read the note,")


def test_label_follows_the_closing_quotation_mark(
    client: Client, quoted_story: Article
) -> None:
    """A label after a direct quote comes after its closing mark, never inside
    the quotation; an apostrophe starting a word stays where it is."""
    claim = review(
        make_claim(
            quoted_story, "We will never accept the results,", agency=AgencyFactory()
        ),
        Claim.Status.VERIFIED,
    )
    soup = soup_of(client, quoted_story.get_absolute_url())
    label = one(soup, f"a#label-{claim.pk}")
    together = label.parent
    assert together is not None
    assert together.get("class") == ["nowrap"]
    assert together.get_text().startswith('"Verified')
    paragraph = one(soup, f"p:has(#label-{claim.pk})").get_text()
    assert paragraph.startswith(
        '"We will never accept the results,"Verified claim: read the note the minister'
    )
    article = ArticleFactory.create(body="Officials in Kherson's centre counted.")
    review(
        make_claim(article, "Officials in Kherson", agency=AgencyFactory()),
        Claim.Status.VERIFIED,
    )
    page = soup_of(client, article.get_absolute_url())
    assert one(page, ".story-body p").get_text() == (
        "Officials in KhersonVerified claim: read the note's centre counted."
    )
    assert not page.select(".story-body .nowrap")


def test_verified_note_is_shown_and_kept_short(client: Client, db: None) -> None:
    """A verified claim may say what was checked; a long essay is refused."""
    article = ArticleFactory.create(body="Turnout was 51%, the commission said.")
    claim = make_claim(article, "Turnout was 51%", agency=AgencyFactory())
    with pytest.raises(ValidationError) as error:
        review_claim(
            claim.pk,
            status=Claim.Status.VERIFIED,
            note="x" * 301,
            actor=None,
            expected_version=claim.version,
        )
    assert "300 characters" in str(error.value)
    claim = review(
        claim,
        Claim.Status.VERIFIED,
        note="Figures match the Central Election Commission's release",
    )
    # A verified claim's note can be revised on its own.
    claim = review_claim(
        claim.pk,
        status=Claim.Status.VERIFIED,
        note="Figures match the Central Election Commission's final release",
        actor=None,
        expected_version=claim.version,
    )
    soup = soup_of(client, article.get_absolute_url())
    assert "Figures match the Central Election Commission's final release" in text(
        one(soup, f"#note-{claim.pk}")
    )


def test_demo_carries_its_own_2022_dates(client: Client, demo: Article) -> None:
    """Publication, reviews and the review log are dated September 2022; no "Updated"."""
    soup = soup_of(client, demo.get_absolute_url())
    meta = text(one(soup, ".story-header .meta"))
    assert "Published 27 September 2022" in meta
    assert "Updated" not in meta
    times = [str(time["datetime"]) for time in soup.select(".review-log time")]
    assert times
    assert all(moment.startswith("2022-09-27") for moment in times)
    for claim in demo.claims.exclude(status=Claim.Status.UNREVIEWED):
        assert claim.reviewed_at is not None
        assert claim.reviewed_at.year == 2022
        assert claim.created_at.year == 2022
    for event in demo.events.all():
        assert event.created_at.year == 2022
    assert demo.revisions.get().created_at.year == 2022


def test_published_is_the_first_publication_and_updated_needs_a_logged_change(
    client: Client, demo: Article
) -> None:
    """Unpublishing and publishing again keeps "Published 27 September 2022"; a
    minor fix adds no "Updated"; an update does, dated, linking to what changed."""
    unpublish_article(demo.pk, actor=None)
    publish_article(demo.pk, actor=None)
    edit_article(
        demo.pk,
        actor=None,
        body=demo.body.replace("hastily organised", "hastily-organised"),
        change_kind="minor",
    )

    def meta() -> str:
        return text(
            one(soup_of(client, demo.get_absolute_url()), ".story-header .meta")
        )

    assert "Published 27 September 2022, 18:00 UTC" in meta()
    assert "Updated" not in meta()
    revision = edit_article(
        demo.pk,
        actor=None,
        body=demo.body.replace("seven months", "seven months and more"),
        change_kind="update",
        change_note="Adds how long the invasion had lasted.",
    ).revision
    assert revision is not None
    assert "Published 27 September 2022, 18:00 UTC" in meta()
    assert f"Updated {revision.created_at:%-d %B %Y} ( what changed )" in meta()


def test_demo_claims_know_direct_from_reported(demo: Article) -> None:
    """Only the foreign minister's quoted words are a direct quote in the demo."""
    direct = demo.claims.filter(attribution_kind=Claim.AttributionKind.DIRECT)
    assert [claim.agency.slug for claim in direct] == ["ukraine-mfa"]
    verbs = dict(demo.claims.values_list("agency__slug", "reporting_verb"))
    assert verbs["interfax"] == "reported"
    assert verbs["kremlin"] == "said"


class TestAgencyProfile:
    def test_a_news_agency_shows_country_and_label_once_with_source(
        self, client: Client, demo: Article
    ) -> None:
        """RIA Novosti: "Russia", its label once, where it comes from and since when."""
        soup = soup_of(client, "/agencies/ria-novosti/")
        main = text(one(soup, "main"))
        assert "Country Russia" in main
        assert " RU" not in main
        assert main.count("Russian state-controlled media") == 1
        assert "Label source: Owned by the state media group Rossiya Segodnya" in main
        assert "set 1 September 2022" in main

    @pytest.mark.parametrize(
        ("slug", "label"),
        [
            ("kremlin", "Government body of Russia"),
            ("ukraine-government", "Government body of Ukraine"),
            ("united-nations", "International organisation"),
        ],
    )
    def test_governments_and_international_bodies_say_what_they_are(
        self, client: Client, demo: Article, slug: str, label: str
    ) -> None:
        """No "State affiliation: Unknown" or "State-controlled" for a government or the UN."""
        main = text(one(soup_of(client, f"/agencies/{slug}/"), "main"))
        assert label in main
        assert "State affiliation" not in main
        assert "State-controlled" not in main
        assert "Unknown" not in main
        index = text(one(soup_of(client, "/agencies/"), "main"))
        assert label in index


def test_site_name_and_favicon_on_every_page(client: Client, demo: Article) -> None:
    """Every page names the site and links its SVG icon."""
    claim = demo.claims.first()
    assert claim is not None
    for url in [
        "/",
        demo.get_absolute_url(),
        "/agencies/",
        "/agencies/tass/",
        claim.get_absolute_url(),
        "/search/?q=referendums",
    ]:
        soup = soup_of(client, url)
        assert text(one(soup, ".site-name")) == "The Ledger"
        assert (one(soup, "title").string or "").endswith("The Ledger")
        icon = one(soup, 'link[rel="icon"]')
        assert icon["type"] == "image/svg+xml"
        assert client.get(str(icon["href"])).status_code == 200


def test_stamp_is_not_load_time(demo: Article) -> None:
    """The demo's publication is the story's, not when it was loaded."""
    assert demo.published_at == datetime.fromisoformat("2022-09-27T18:00:00+00:00")


def test_database_refuses_a_long_verified_note(db: None) -> None:
    """The 300-character limit holds in the database, not only in the service."""
    article = ArticleFactory.create(body="Turnout was 51%, the commission said.")
    claim = make_claim(article, "Turnout was 51%", agency=AgencyFactory())
    with pytest.raises(IntegrityError), transaction.atomic(), service_write():
        Claim.objects.filter(pk=claim.pk).update(status="verified", note="x" * 301)
