"""The article page in the admin: claims inline, the marked preview, publishing, agencies."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from articles.models import Article
from claims.models import Agency, Claim
from claims.services import create_claim
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = pytest.mark.django_db

BODY = "Alpha said the count is final. Beta said the count is final, too."


def article_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def selection_url(article: Article) -> str:
    return reverse("admin:articles_article_claim_from_selection", args=[article.pk])


def messages_of(response: object) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


class TestArticlePage:
    def test_claims_inline_and_marked_preview(
        self, demo: Article, reporter_client: Client
    ) -> None:
        """The article page lists its claims and marks each one in the preview."""
        page = reporter_client.get(article_url(demo)).content.decode()
        claims = list(demo.claims.all())
        assert len(claims) == 9
        for claim in claims:
            assert f'data-claim="{claim.pk}"' in page
        assert "Kremlin spokesman Dmitry Peskov" in page
        assert "RIA Novosti (Russian state-controlled media)" in page
        assert 'id="claim-from-selection"' in page
        assert 'form="claim-from-selection"' in page

    def test_preview_escapes_the_body(self, reporter_client: Client) -> None:
        """Markup typed into the body shows as text in the preview."""
        article = ArticleFactory.create(body="He wrote <script>alert(1)</script>.")
        page = reporter_client.get(article_url(article)).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_status_is_not_editable(self, reporter_client: Client) -> None:
        """Saving the article form never changes its editorial status."""
        article = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
        data = {
            "headline": "New headline",
            "slug": article.slug,
            "standfirst": "",
            "body": article.body,
            "byline": "",
            "dateline": "",
            "language": "en",
            "status": "published",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
            "_save": "Save",
        }
        response = reporter_client.post(article_url(article), data)
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "New headline"
        assert article.status == Article.Status.DRAFT


class TestClaimFromSelection:
    def test_same_claim_as_from_its_quote(self, reporter_client: Client) -> None:
        """A claim made from a selection is placed exactly as create_claim places its quote."""
        article = ArticleFactory.create(body=BODY)
        twin = ArticleFactory.create(body=BODY)
        agency = AgencyFactory.create()
        response = reporter_client.post(
            selection_url(article),
            {
                "quote": "the count is final",
                "occurrence": "2",
                "agency": agency.pk,
                "speaker": "Beta",
            },
            follow=True,
        )
        claim = Claim.objects.get(article=article)
        expected = create_claim(
            twin, quote="the count is final", occurrence=2, agency=agency
        )
        assert claim.selectors == expected.selectors
        assert claim.speaker == "Beta"
        assert claim.created_by is not None
        assert claim.created_by.username == "reporter"
        assert any("Claim created" in m for m in messages_of(response))

    def test_quote_error_names_the_problem(self, reporter_client: Client) -> None:
        """An ambiguous selection without an occurrence is refused with the reason."""
        article = ArticleFactory.create(body=BODY)
        agency = AgencyFactory.create()
        response = reporter_client.post(
            selection_url(article),
            {"quote": "the count is final", "agency": agency.pk},
            follow=True,
        )
        assert not Claim.objects.filter(article=article).exists()
        assert any("occurs 2 times" in m for m in messages_of(response))
        assert "occurs 2 times" in response.content.decode()

    def test_missing_agency_is_refused(self, reporter_client: Client) -> None:
        """A selection without an agency is refused, saying so."""
        article = ArticleFactory.create(body=BODY)
        response = reporter_client.post(
            selection_url(article),
            {"quote": "Alpha said", "occurrence": "1"},
            follow=True,
        )
        assert not Claim.objects.filter(article=article).exists()
        assert any("Choose the agency" in m for m in messages_of(response))


class TestPublishing:
    def test_editor_publishes_and_unpublishes(self, editor_client: Client) -> None:
        """The publish and unpublish actions go through the publishing service."""
        article = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
        changelist = reverse("admin:articles_article_changelist")
        chosen = {"action": "publish", "_selected_action": [article.pk]}
        # The action asks when first (see tests/desk/test_scheduling.py).
        asked = editor_client.post(changelist, chosen)
        assert 'name="publish_at"' in asked.content.decode()
        editor_client.post(changelist, {**chosen, "apply": "1", "when": "now"})
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert article.published_at is not None
        response = editor_client.post(
            changelist, {**chosen, "apply": "1", "when": "now"}, follow=True
        )
        assert any("already published" in m for m in messages_of(response))
        # The article's page offers its hand-over steps, not an action menu.
        page = editor_client.get(article_url(article)).content.decode()
        assert 'name="CHANGE_FORM-action"' not in page
        assert 'value="unpublish"' in page
        editor_client.post(
            reverse("desk:handover", args=[article.pk]), {"step": "unpublish"}
        )
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT


class TestAgencies:
    def test_editor_edits_aliases_and_label(self, editor_client: Client) -> None:
        """An editor sets aliases one per line and the label with its source and date."""
        agency = AgencyFactory.create(aliases=["RIA"])
        url = reverse("admin:claims_agency_change", args=[agency.pk])
        assert "RIA" in editor_client.get(url).content.decode()
        response = editor_client.post(
            url,
            {
                "name": agency.name,
                "slug": agency.slug,
                "aliases": "RIA\r\nRIA Novosti\r\n\r\n",
                "kind": "news_agency",
                "country": "RU",
                "state_affiliation": "state_controlled",
                "affiliation_label": "Russian state-controlled media",
                "affiliation_source": "Company registry",
                "affiliation_date": "2024-01-31",
                "website": "",
                "description": "",
                "label_changes-TOTAL_FORMS": "0",
                "label_changes-INITIAL_FORMS": "0",
                "_save": "Save",
            },
        )
        assert response.status_code == 302
        agency = Agency.objects.get(pk=agency.pk)
        assert agency.aliases == ["RIA", "RIA Novosti"]
        assert agency.affiliation_source == "Company registry"
        assert str(agency.affiliation_date) == "2024-01-31"
        label = agency.label_changes.get()
        assert label.affiliation_source == "Company registry"
        assert label.actor is not None
        assert label.actor.username == "editor"


def test_agency_names_are_escaped(editor_client: Client) -> None:
    """Markup in an agency's name shows as text in the queue and the preview."""
    agency = AgencyFactory.create(name='<img src=x onerror="alert(1)">')
    article = ArticleFactory.create(body=BODY)
    create_claim(article, quote="Alpha said", agency=agency)
    for url in (reverse("admin:claims_claim_changelist"), article_url(article)):
        page = editor_client.get(url).content.decode()
        assert "<img src=x" not in page
        assert "&lt;img src=x" in page
