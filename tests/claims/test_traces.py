"""The services leave a trace of every change, and nothing else may make one."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from articles.editing import edit_article, restore_revision
from articles.models import Article
from articles.services import send_back_article, submit_article
from claims.models import Agency, AgencyLabelChange, Claim, ReviewEvent
from claims.services import (
    StaleReview,
    change_agency_label,
    change_attribution,
    review_claim,
    withdraw_claim,
)
from newsroom.writes import ProtectedWrite
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


class TestGuard:
    def test_bare_saves_of_protected_fields_raise(self) -> None:
        """Outside a service, save() of a status, text, attribution or label raises."""
        article = ArticleFactory.create()
        claim = make_claim(article, "says hello")
        for obj, field, value in (
            (Article.objects.get(pk=article.pk), "body", "Rewritten."),
            (Article.objects.get(pk=article.pk), "status", "draft"),
            (Claim.objects.get(pk=claim.pk), "status", "verified"),
            (Claim.objects.get(pk=claim.pk), "speaker", "Someone"),
            (Claim.objects.get(pk=claim.pk), "version", 7),
            (Agency.objects.get(pk=claim.agency_id), "affiliation_label", "Fine"),
        ):
            setattr(obj, field, value)
            with pytest.raises(ProtectedWrite, match=field):
                obj.save()
        claim.refresh_from_db()
        assert (claim.status, claim.speaker, claim.version) == ("unreviewed", "", 1)

    def test_bare_updates_of_protected_fields_raise(self) -> None:
        """Outside a service, queryset update() of those fields raises too."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        with pytest.raises(ProtectedWrite):
            Claim.objects.filter(pk=claim.pk).update(status="verified")
        with pytest.raises(ProtectedWrite):
            Claim.objects.filter(pk=claim.pk).update(agency=AgencyFactory.create())
        with pytest.raises(ProtectedWrite):
            Article.objects.update(status="draft")
        with pytest.raises(ProtectedWrite):
            Agency.objects.update(state_affiliation="independent")
        assert Claim.objects.get(pk=claim.pk).status == "unreviewed"

    def test_unprotected_fields_still_save(self) -> None:
        """A byline or an agency's website is not guarded."""
        article = Article.objects.get(pk=ArticleFactory.create().pk)
        article.byline = "Desk"
        article.save()
        Agency.objects.update(website="https://example.org/")
        assert Article.objects.get(pk=article.pk).byline == "Desk"


class TestEditArticle:
    def test_draft_edit_keeps_a_revision_and_reports_claims(self) -> None:
        """An edit keeps the old and new texts and says which claims moved or were lost."""
        article = ArticleFactory.create(status="draft", published_at=None)
        moved = make_claim(article, "says goodbye")
        lost = make_claim(article, "says hello")
        result = edit_article(
            article.pk, actor=None, body="Intro.\n\nSecond paragraph says goodbye."
        )
        assert result.moved == [moved.pk]
        assert result.orphaned == [lost.pk]
        assert [r.body for r in article.revisions.order_by("number")] == [
            "First paragraph says hello.\n\nSecond paragraph says goodbye.",
            "Intro.\n\nSecond paragraph says goodbye.",
        ]

    @pytest.mark.parametrize(
        ("kind", "note", "field"),
        [
            ("", "", "change_kind"),
            ("rewrite", "Why.", "change_kind"),
            ("correction", "", "change_note"),
            ("update", "   ", "change_note"),
        ],
    )
    def test_published_change_needs_kind_and_note(
        self, kind: str, note: str, field: str
    ) -> None:
        """A published article's text changes only with a kind and (unless minor) a note."""
        article = ArticleFactory.create()
        with pytest.raises(ValidationError) as refused:
            edit_article(
                article.pk, actor=None, change_kind=kind, change_note=note, body="X."
            )
        assert field in refused.value.message_dict
        article.refresh_from_db()
        assert article.body.startswith("First paragraph")

    def test_reporter_without_permission_is_refused(self, roles: None) -> None:
        """Someone outside the newsroom cannot edit."""
        outsider = User.objects.create_user("outsider")
        article = ArticleFactory.create(status="draft", published_at=None)
        with pytest.raises(PermissionDenied):
            edit_article(article.pk, actor=outsider, body="X.")

    def test_restore_brings_back_an_earlier_text_as_a_new_revision(self) -> None:
        """Restoring revision 1 is an edit: its text is current, a third revision says so."""
        article = ArticleFactory.create()
        original = article.body
        edit_article(
            article.pk,
            actor=None,
            body="Wrong text.",
            change_kind="update",
            change_note="Rewritten.",
        )
        with pytest.raises(ValidationError):
            restore_revision(article.pk, 1, actor=None)
        restore_revision(
            article.pk,
            1,
            actor=None,
            change_kind="correction",
            change_note="The rewrite was wrong; the original stands.",
        )
        article.refresh_from_db()
        assert article.body == original
        assert list(article.revisions.values_list("number", "change_kind")) == [
            (3, "correction"),
            (2, "update"),
            (1, "draft"),
        ]
        assert [r.change_note for r in article.corrections()] == [
            "Rewritten.",
            "The rewrite was wrong; the original stands.",
        ]


class TestWorkflow:
    def test_send_back_needs_a_comment_and_an_article_in_review(
        self, editor: User, reporter: User
    ) -> None:
        """Only an article in review goes back, and only with a comment."""
        article = ArticleFactory.create(status="draft", published_at=None)
        with pytest.raises(ValidationError, match="in review"):
            send_back_article(article.pk, actor=editor, comment="Why.")
        submit_article(article.pk, actor=reporter)
        with pytest.raises(ValidationError) as refused:
            send_back_article(article.pk, actor=editor, comment=" ")
        assert "comment" in refused.value.message_dict
        with pytest.raises(PermissionDenied):
            send_back_article(article.pk, actor=reporter, comment="Why.")
        send_back_article(article.pk, actor=editor, comment="Why.")
        article.refresh_from_db()
        assert article.status == "draft"
        assert article.events.first().comment == "Why."  # type: ignore[union-attr]


class TestAttribution:
    def test_change_logs_old_and_new_and_bumps_the_version(self, editor: User) -> None:
        """A new speaker is one event with old and new values and a new version."""
        claim = make_claim(ArticleFactory.create(), "says hello", speaker="A")
        changed = change_attribution(
            claim.pk, speaker="B", expected_version=1, actor=editor
        )
        assert changed.version == 2
        event = ReviewEvent.objects.get(claim=claim)
        assert (event.kind, event.old_values, event.new_values) == (
            "attribution",
            {"speaker": "A"},
            {"speaker": "B"},
        )
        assert event.actor == editor

    def test_stale_change_names_who_changed_the_claim(self, editor: User) -> None:
        """A stale attribution change is refused, naming the last reviewer."""
        claim = make_claim(ArticleFactory.create(), "says hello")
        review_claim(claim.pk, status="verified", actor=editor, expected_version=1)
        with pytest.raises(StaleReview, match=r"editor \(review\)"):
            change_attribution(claim.pk, speaker="B", expected_version=1, actor=None)
        assert Claim.objects.get(pk=claim.pk).speaker == ""

    def test_stale_message_names_an_edit_that_moved_the_claim(
        self, demo: Article
    ) -> None:
        """When an edit of the article moved the claim, the stale message says so."""
        claim = Claim.objects.get(quote__contains="98.05%")
        read = claim.version
        edit_article(
            demo.pk,
            actor=None,
            body=demo.body.replace("98.05%", "98.1%"),
            change_kind="correction",
            change_note="The Donetsk figure was misquoted.",
        )
        with pytest.raises(StaleReview, match="an edit of the article"):
            review_claim(claim.pk, status="verified", actor=None, expected_version=read)

    def test_withdrawn_claim_leaves_reader_pages_and_keeps_history(
        self, client: Client
    ) -> None:
        """A withdrawn claim is on no public page but its history stays."""
        article = ArticleFactory.create()
        claim = make_claim(article, "says hello")
        review_claim(
            claim.pk,
            status="contextualized",
            note="Context.",
            actor=None,
            expected_version=1,
        )
        assert (
            f'data-claim="{claim.pk}"'
            in client.get(article.get_absolute_url()).content.decode()
        )
        withdraw_claim(claim.pk, note="Wrong agency.", expected_version=2, actor=None)
        page = client.get(article.get_absolute_url()).content.decode()
        assert f'data-claim="{claim.pk}"' not in page
        assert client.get(claim.get_absolute_url()).status_code == 404
        assert list(claim.events.values_list("kind", flat=True)) == [
            "withdrawal",
            "review",
        ]


class TestAgencyLabels:
    def test_label_changes_are_kept_and_shown_to_readers(self, client: Client) -> None:
        """Each label change is kept with its source and date; the page lists them."""
        agency = AgencyFactory.create(
            state_affiliation="unknown", affiliation_label="", slug="ria"
        )
        change_agency_label(
            agency.pk,
            actor=None,
            state_affiliation="state_controlled",
            affiliation_label="Russian state-controlled media",
            affiliation_source="The agency's charter",
            affiliation_date=datetime.date(2022, 9, 1),
        )
        change_agency_label(
            agency.pk,
            actor=None,
            state_affiliation="state_funded",
            affiliation_label="Russian state-funded media",
            affiliation_source="Annual report",
            affiliation_date=datetime.date(2024, 3, 5),
        )
        assert AgencyLabelChange.objects.filter(agency=agency).count() == 2
        page = client.get("/agencies/ria/").content.decode()
        assert (
            "State-controlled (“Russian state-controlled media”) from "
            '<time datetime="2022-09-01">1 September 2022</time>, '
            "source: The agency&#x27;s charter." in page
        )
        # The current label once, with its source and date.
        assert page.count("Russian state-funded media") == 1
        assert (
            'Label source: Annual report, set <time datetime="2024-03-05">'
            "5 March 2024</time>." in page
        )
        assert "1 September 2022" in page
        assert "5 March 2024" in page
        assert page.index("5 March 2024") < page.index("1 September 2022")
