"""Reporters and anonymous users get no review or publish capability in the admin.

Every refused attempt is checked against the database afterwards: the claim or
article is exactly as it was, with no new history.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles.models import Article
from claims.models import Agency, Claim, ReviewEvent
from claims.services import LABEL_FIELDS
from tests.admin.conftest import changelist_url, claim_url, logged_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

REVIEW_ACTIONS = ["verify", "dispute", "contextualize", "reopen", "withdraw"]
NOTE = {"apply": "1", "note": "A note.", "disputed_by": "Someone"}


def snapshot(claim: Claim) -> tuple[object, ...]:
    claim = Claim.objects.get(pk=claim.pk)
    return (
        claim.status,
        claim.note,
        claim.version,
        claim.reviewed_by_id,
        claim.withdrawn_at,
        ReviewEvent.objects.filter(claim=claim).count(),
    )


@pytest.fixture(params=["reporter", "anonymous", "staff without role"])
def outsider(request: pytest.FixtureRequest, reporter: User) -> tuple[str, Client]:
    """A client that may not review or publish: a reporter, nobody, a bare staff user."""
    if request.param == "reporter":
        return request.param, logged_in(reporter)
    if request.param == "staff without role":
        return request.param, logged_in(UserFactory.create(username="staff"))
    return request.param, Client()


def assert_refused(who: str, response: object) -> None:
    """Refused: 403 for a logged-in user, the login page for anonymous."""
    status = response.status_code  # type: ignore[attr-defined]
    if who == "anonymous":
        assert status == 302
        assert "/admin/login/" in response["Location"]  # type: ignore[index]
    else:
        assert status == 403


@pytest.mark.parametrize("action", REVIEW_ACTIONS)
def test_review_action_from_queue_is_refused(
    demo: Article, outsider: tuple[str, Client], action: str
) -> None:
    """A review action posted to the queue changes nothing."""
    who, client = outsider
    claims = list(Claim.objects.all())
    before = [snapshot(claim) for claim in claims]
    response = client.post(
        changelist_url(),
        {
            "action": action,
            "_selected_action": [claim.pk for claim in claims],
            **{f"version_{claim.pk}": claim.version for claim in claims},
            **NOTE,
        },
    )
    assert_refused(who, response)
    assert [snapshot(claim) for claim in claims] == before


@pytest.mark.parametrize("action", REVIEW_ACTIONS)
def test_review_action_from_claim_page_is_refused(
    demo: Article, outsider: tuple[str, Client], action: str
) -> None:
    """A review action posted to a claim's page changes nothing."""
    who, client = outsider
    claim = Claim.objects.get(quote__startswith="Ukraine has every right")
    before = snapshot(claim)
    response = client.post(
        claim_url(claim),
        {
            "CHANGE_FORM-action": action,
            "_selected_action": claim.pk,
            "expected_version": claim.version,
            **NOTE,
        },
    )
    assert_refused(who, response)
    assert snapshot(claim) == before


def test_reporter_sees_no_review_action(demo: Article, reporter: User) -> None:
    """Neither the queue nor a claim's page offers a reporter a review action."""
    client = logged_in(reporter)
    claim = Claim.objects.first()
    assert claim is not None
    for url in (changelist_url(), claim_url(claim)):
        page = client.get(url).content.decode()
        for action in REVIEW_ACTIONS:
            assert f'value="{action}"' not in page


def test_claim_change_view_never_changes_status(
    demo: Article, outsider: tuple[str, Client]
) -> None:
    """Posting a status to a claim's change form leaves the review untouched."""
    who, client = outsider
    claim = Claim.objects.get(quote__startswith="Ukraine has every right")
    before = snapshot(claim)
    response = client.post(
        claim_url(claim),
        {
            "agency": claim.agency_id,
            "speaker": claim.speaker,
            "internal_note": "",
            "expected_version": claim.version,
            "status": "verified",
            "note": "Forged.",
            "version": claim.version + 5,
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )
    if who == "reporter":
        # Reporters edit claims' details, never their review.
        assert response.status_code == 302
    else:
        assert_refused(who, response)
    assert snapshot(claim) == before


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_publishing_actions_are_refused(
    outsider: tuple[str, Client], action: str
) -> None:
    """Publish and unpublish, from the list or the article page, change nothing."""
    who, client = outsider
    draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    live = ArticleFactory.create()
    before = {a.pk: a.status for a in Article.objects.all()}
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [draft.pk, live.pk]},
    )
    assert_refused(who, response)
    for article in (draft, live):
        response = client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            {"CHANGE_FORM-action": action, "_selected_action": article.pk},
        )
        assert_refused(who, response)
    assert {a.pk: a.status for a in Article.objects.all()} == before


def test_article_change_view_never_publishes(outsider: tuple[str, Client]) -> None:
    """Posting a status to an article's change form leaves it a draft."""
    who, client = outsider
    draft = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        {
            "headline": draft.headline,
            "slug": draft.slug,
            "body": draft.body,
            "language": "en",
            "status": "published",
            "published_at_0": "2024-01-01",
            "published_at_1": "00:00",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )
    if who == "reporter":
        assert response.status_code == 302
    else:
        assert_refused(who, response)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None


def test_agency_change_view_is_refused(outsider: tuple[str, Client]) -> None:
    """Only editors change agencies: a reporter's or anonymous post changes nothing."""
    who, client = outsider
    agency = Agency.objects.create(name="Agency", slug="agency")
    response = client.post(
        reverse("admin:claims_agency_change", args=[agency.pk]),
        {
            "name": "Renamed",
            "slug": "agency",
            "kind": "other",
            "state_affiliation": "unknown",
            "_save": "Save",
        },
    )
    assert_refused(who, response)
    agency.refresh_from_db()
    assert agency.name == "Agency"


def test_claim_from_selection_needs_add_permission(
    demo: Article, outsider: tuple[str, Client]
) -> None:
    """Without the right to add claims, a selection creates nothing."""
    who, client = outsider
    count = Claim.objects.count()
    agency = Agency.objects.first()
    assert agency is not None
    response = client.post(
        reverse("admin:articles_article_claim_from_selection", args=[demo.pk]),
        {"quote": "hastily organised ballots", "occurrence": "1", "agency": agency.pk},
    )
    if who == "reporter":
        assert response.status_code == 302
        assert Claim.objects.count() == count + 1
    else:
        assert_refused(who, response)
        assert Claim.objects.count() == count


def test_history_is_read_only_for_everyone(demo: Article, editor: User) -> None:
    """Not even an editor can change or delete a history entry."""
    client = logged_in(editor)
    event = ReviewEvent.objects.first()
    assert event is not None
    url = reverse("admin:claims_reviewevent_change", args=[event.pk])
    assert event.note in client.get(url).content.decode()
    response = client.post(url, {"note": "Rewritten."})
    assert response.status_code == 403
    response = client.post(
        reverse("admin:claims_reviewevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.note != "Rewritten."


def test_reporter_cannot_delete_claims(demo: Article, reporter: User) -> None:
    """Deleting a claim (and its history) is refused to reporters."""
    client = logged_in(reporter)
    claim = Claim.objects.first()
    assert claim is not None
    response = client.post(
        reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_reporter_cannot_bulk_delete_claims(demo: Article, reporter: User) -> None:
    """The queue's delete action is refused to reporters; every claim stays."""
    client = logged_in(reporter)
    pks = list(Claim.objects.values_list("pk", flat=True))
    client.post(
        changelist_url(),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert Claim.objects.count() == len(pks)


def test_reporter_adds_an_agency_but_cannot_label_it(reporter: User) -> None:
    """A reporter adds the agency a story needs; its affiliation stays unknown.

    The form has no label fields for a reporter, and a label posted anyway is
    not taken.
    """
    client = logged_in(reporter)
    page = client.get(reverse("admin:claims_agency_add")).content.decode()
    for field in LABEL_FIELDS:
        assert f'name="{field}"' not in page
    assert '<option value="RU">Russia</option>' in page
    response = client.post(
        reverse("admin:claims_agency_add"),
        {
            "name": "Labelled",
            "slug": "labelled",
            "kind": "other",
            "country": "RU",
            "state_affiliation": "state_controlled",
            "affiliation_label": "State media",
        },
    )
    assert response.status_code == 302
    labelled = Agency.objects.get(slug="labelled")
    assert labelled.state_affiliation == "unknown"
    assert labelled.affiliation_label == ""
    assert labelled.country == "RU"
    response = client.post(
        reverse("admin:claims_agency_add"),
        {"name": "New", "slug": "new", "kind": "other", "state_affiliation": "unknown"},
    )
    assert response.status_code == 302
    assert Agency.objects.get(slug="new").state_affiliation == "unknown"


def test_history_keeps_a_reviewed_claim(demo: Article, editor: User) -> None:
    """A claim with history cannot be deleted, even by an editor; one without can."""
    client = logged_in(editor)
    reviewed = Claim.objects.filter(events__isnull=False).first()
    fresh = Claim.objects.filter(events__isnull=True).first()
    assert reviewed is not None
    assert fresh is not None
    events = ReviewEvent.objects.count()
    response = client.post(
        reverse("admin:claims_claim_delete", args=[reviewed.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Claim.objects.filter(pk=reviewed.pk).exists()
    assert ReviewEvent.objects.count() == events
    response = client.post(
        reverse("admin:claims_claim_delete", args=[fresh.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=fresh.pk).exists()


def test_an_editor_sees_the_label_fields_and_a_country_list(editor: User) -> None:
    """Editors see the label fields; a country not in the list is refused on the form."""
    client = logged_in(editor)
    page = client.get(reverse("admin:claims_agency_add")).content.decode()
    for field in LABEL_FIELDS:
        assert f'name="{field}"' in page
    response = client.post(
        reverse("admin:claims_agency_add"),
        {
            "name": "RT",
            "slug": "rt",
            "kind": "broadcaster",
            "country": "ZZ",
            "state_affiliation": "unknown",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Agency.objects.filter(slug="rt").exists()
