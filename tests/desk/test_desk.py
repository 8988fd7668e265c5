"""The desk's dashboard, review workspace and staff preview, through real requests."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editing import edit_article
from articles.models import Article
from articles.services import submit_article
from claims import anchoring
from claims.models import Claim, Suggestion
from claims.services import detect_suggestions, review_claim
from desk.admin.touched import touched_claims_warning
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    UserFactory,
    edit_text,
    make_claim,
    suggestion_story,
)

pytestmark = pytest.mark.django_db

# An unreviewed claim of the demo.
UNREVIEWED = "With 16% of ballots counted"


def workspace_url(article: Article, **params: Any) -> str:
    url = reverse("desk:workspace", args=[article.pk])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def article_with_claims(count: int, **fields: Any) -> Article:
    """An article of numbered sentences, one claim on each, half of them verified."""
    sentences = [f"Source {i} said figure {i} holds." for i in range(count)]
    article = ArticleFactory.create(body=" ".join(sentences), **fields)
    agencies = [AgencyFactory.create() for _ in range(3)]
    text = article.plain_text
    claims = []
    for i in range(count):
        quote = f"said figure {i} holds."
        start = text.index(quote)
        claim = Claim(
            article=article,
            agency=agencies[i % 3],
            speaker=f"Source {i}",
            status=Claim.Status.VERIFIED if i % 2 else Claim.Status.UNREVIEWED,
            note="Checked against the record." if i % 2 else "",
        )
        claim.set_selectors(anchoring.selectors_at(text, start, start + len(quote)))
        claims.append(claim)
    Claim.objects.bulk_create(claims, batch_size=500)
    return article


def visible_text(page: str) -> str:
    """The page's words, without its markup (and so without hidden field names)."""
    body = page.split("<body", 1)[1]
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", body, flags=re.S))


def queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


class TestDashboard:
    def test_is_the_admin_index_with_counts_and_links(
        self, editor_client: Client, demo: Article
    ) -> None:
        """The admin index says what waits, with links to it."""
        response = editor_client.get("/admin/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "What waits" in page
        unreviewed = Claim.objects.filter(
            status="unreviewed", anchor_state="anchored", withdrawn_at=None
        ).count()
        assert (
            f'<span class="desk-count">{unreviewed}</span> claims not reviewed' in page
        )
        assert "?anchor_state__exact=orphaned" in page
        assert "published articles with claims not reviewed" in page or (
            "published article with claims not reviewed" in page
        )
        # The published demo has unreviewed claims: it is listed with its workspace.
        assert workspace_url(demo) in page
        # The admin's own app list is still there.
        assert reverse("admin:claims_claim_changelist") in page

    def test_counts_pending_suggestions(
        self, editor_client: Client, roles: None
    ) -> None:
        """Suggestions detection made and nobody decided yet are counted."""
        article = suggestion_story()
        detect_suggestions(article.pk)
        pending = Suggestion.objects.pending().count()
        assert pending >= 2
        page = editor_client.get("/admin/").content.decode()
        assert f'<span class="desk-count">{pending}</span> suggestions pending' in page

    def test_counts_articles_in_review(
        self, editor_client: Client, roles: None
    ) -> None:
        """An article a reporter submitted is counted and linked to its workspace."""
        article = ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)
        submit_article(article.pk, actor=None)
        page = editor_client.get("/admin/").content.decode()
        assert '<span class="desk-count">1</span> article in review' in page
        assert workspace_url(article) in page

    def test_shows_the_editors_own_recent_reviews(
        self, editor_client: Client, editor: User, second_editor: User, demo: Article
    ) -> None:
        """Reviews by the signed-in editor are listed; another editor's are not."""
        mine = Claim.objects.get(quote__startswith=UNREVIEWED)
        review_claim(
            mine.pk, status="verified", actor=editor, expected_version=mine.version
        )
        other = Claim.objects.get(quote__startswith="it will not accept")
        review_claim(
            other.pk,
            status="verified",
            actor=second_editor,
            expected_version=other.version,
        )
        page = editor_client.get("/admin/").content.decode()
        recent = page.split("Your recent reviews", 1)[1]
        assert UNREVIEWED in recent
        assert "it will not accept" not in recent

    def test_anonymous_visitors_are_sent_to_the_login(self, client: Client) -> None:
        response = client.get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_query_count_is_the_same_at_10_and_1000_claims(
        self, editor_client: Client, editor: User
    ) -> None:
        """10 claims or 1,000: the dashboard reads the same number of queries."""
        article_with_claims(10)
        queries(editor_client, "/admin/")
        small = queries(editor_client, "/admin/")
        article_with_claims(990)
        assert Claim.objects.count() == 1000
        large = queries(editor_client, "/admin/")
        assert len(large) == len(small), "\n".join(large)


class TestWorkspace:
    def test_shows_the_body_as_readers_see_it_and_cards_in_text_order(
        self, editor_client: Client, demo: Article
    ) -> None:
        """The marked body and one card per claim, in the order of the text."""
        response = editor_client.get(workspace_url(demo))
        assert response.status_code == 200
        page = response.content.decode()
        claims = list(Claim.objects.filter(article=demo).order_by("start"))
        for claim in claims:
            assert f'data-claim="{claim.pk}" data-status="{claim.status}"' in page
        positions = [page.index(f'id="note-{claim.pk}"') for claim in claims]
        assert positions == sorted(positions)
        assert "Keyboard shortcuts" in page
        assert 'aria-keyshortcuts="v"' in page
        # The first claim needing work is selected.
        first = next(c for c in claims if c.status == "unreviewed")
        assert f'data-selected="{first.pk}"' in page

    def test_reporters_see_no_review_actions(
        self, reporter_client: Client, demo: Article
    ) -> None:
        page = reporter_client.get(workspace_url(demo)).content.decode()
        assert 'name="action" value="verify"' not in page
        assert "Keyboard shortcuts" not in page

    def test_verify_with_a_reader_note_selects_the_next_claim(
        self, editor_client: Client, unreviewed: Claim
    ) -> None:
        """Verify saves the note saying what was checked and moves on to the next claim needing work."""
        response = editor_client.post(
            reverse("desk:review", args=[unreviewed.pk]),
            {
                "action": "verify",
                "version": unreviewed.version,
                "note": "Checked against the ministry's statement.",
            },
        )
        assert response.status_code == 302
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.VERIFIED
        assert unreviewed.note == "Checked against the ministry's statement."
        claims = list(
            Claim.objects.filter(article=unreviewed.article).order_by("start", "pk")
        )
        after = claims[claims.index(unreviewed) + 1 :] + claims
        expected = next(c for c in after if c.status == "unreviewed")
        assert response["Location"].endswith(f"?claim={expected.pk}#note-{expected.pk}")
        page = editor_client.get(response["Location"]).content.decode()
        assert "now Verified" in page.split('id="desk-messages"', 1)[1][:600]

    def test_dispute_without_a_note_is_refused_on_the_card(
        self, editor_client: Client, unreviewed: Claim
    ) -> None:
        """An empty note is refused with the error on the card; what was typed stays."""
        response = editor_client.post(
            reverse("desk:review", args=[unreviewed.pk]),
            {
                "action": "dispute",
                "version": unreviewed.version,
                "disputed_by": "Moscow",
            },
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "A note for readers is required" in page
        assert 'value="Moscow"' in page
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.UNREVIEWED

    def test_a_stale_card_is_refused_naming_who_changed_it(
        self,
        editor_client: Client,
        second_editor: User,
        unreviewed: Claim,
    ) -> None:
        opened = unreviewed.version
        review_claim(
            unreviewed.pk,
            status="verified",
            actor=second_editor,
            expected_version=opened,
        )
        response = editor_client.post(
            reverse("desk:review", args=[unreviewed.pk]),
            {"action": "dispute", "version": opened, "note": "No.", "disputed_by": "X"},
        )
        assert response.status_code == 409
        page = response.content.decode()
        assert "editor2 (review) changed this claim" in page
        assert "version" not in visible_text(page).lower()
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.VERIFIED

    def test_reporters_cannot_review(
        self, reporter_client: Client, unreviewed: Claim
    ) -> None:
        response = reporter_client.post(
            reverse("desk:review", args=[unreviewed.pk]),
            {"action": "verify", "version": unreviewed.version},
        )
        assert response.status_code == 403
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.UNREVIEWED

    def test_an_orphaned_claim_is_reattached_to_selected_text(
        self, editor_client: Client, roles: None
    ) -> None:
        article = ArticleFactory.create(
            body="The agency said turnout was high. Officials agreed."
        )

        claim = make_claim(article, "turnout was high")
        edit_text(
            article, body="The agency said participation was strong. Officials agreed."
        )
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.ORPHANED
        page = editor_client.get(workspace_url(article)).content.decode()
        assert "Its text is no longer in the article" in page
        assert "Re-attach to the selected text" in page
        response = editor_client.post(
            reverse("desk:reattach", args=[claim.pk]),
            {
                "quote": "participation was strong",
                "occurrence": 1,
                "version": claim.version,
            },
        )
        assert response.status_code == 302
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.ANCHORED
        assert claim.quote == "participation was strong"

    def test_query_count_is_the_same_at_10_and_1000_claims(
        self, editor_client: Client
    ) -> None:
        """10 claims or 1,000 on the article: the workspace reads the same queries."""
        small_article = article_with_claims(10)
        queries(editor_client, workspace_url(small_article))
        small = queries(editor_client, workspace_url(small_article))
        large_article = article_with_claims(1000)
        large = queries(editor_client, workspace_url(large_article))
        assert len(large) == len(small), "\n".join(large)

    def test_query_count_is_the_same_at_10_and_1000_claims_with_suggestions(
        self, editor_client: Client
    ) -> None:
        """With suggestions pending beside 10 claims or 1,000, the same queries."""
        counts = []
        for count in (10, 1000):
            article = article_with_claims(count)
            edit_text(
                article,
                body=article.body + "\n\nAccording to the Red Cross, about "
                "4,000 families had no heating on Monday.",
            )
            detect_suggestions(article.pk)
            assert Suggestion.objects.pending().filter(article=article).exists()
            queries(editor_client, workspace_url(article))
            counts.append(queries(editor_client, workspace_url(article)))
        assert len(counts[1]) == len(counts[0]), "\n".join(counts[1])


class TestWorkspaceSuggestions:
    """Pending suggestions in the workspace: marked in the body, decided on cards."""

    def story(self) -> tuple[Article, list[Suggestion]]:
        article = suggestion_story()
        found = detect_suggestions(article.pk)
        return article, sorted(found, key=lambda suggestion: suggestion.start)

    def test_marked_in_the_body_apart_from_claims_and_listed_as_cards(
        self, editor_client: Client, roles: None
    ) -> None:
        """Each pending suggestion is outlined in the body, labelled, and has a card."""
        article, found = self.story()
        page = editor_client.get(workspace_url(article)).content.decode()
        for suggestion in found:
            assert (
                f'<mark class="desk-suggested" data-suggestion="{suggestion.pk}"'
                in page
            )
            assert f'href="#suggestion-{suggestion.pk}">suggested</a>' in page
            assert f'id="suggestion-{suggestion.pk}"' in page
        assert f"{len(found)} suggestions pending" in visible_text(page)
        assert "not an agency the newsroom knows" in visible_text(page)

    def test_accept_makes_a_claim_and_selects_it(
        self, reporter_client: Client, roles: None
    ) -> None:
        """A reporter accepts a suggestion as detected; its claim card is selected."""
        article, found = self.story()
        known = next(s for s in found if s.agency_id)
        response = reporter_client.post(
            reverse("desk:suggestion_accept", args=[known.pk]),
            {"agency": known.agency_id, "speaker": known.speaker},
        )
        claim = Claim.objects.get(article=article)
        assert claim.quote == known.exact
        assert claim.agency_id == known.agency_id
        assert response.status_code == 302
        assert response["Location"].endswith(f"?claim={claim.pk}#note-{claim.pk}")
        page = reporter_client.get(response["Location"]).content.decode()
        assert f'data-suggestion="{known.pk}"' not in page

    def test_an_unknown_source_needs_an_agency_chosen_or_added_on_the_card(
        self, reporter_client: Client, roles: None
    ) -> None:
        """Accepting a source the newsroom does not know, with no agency, is refused
        on its card (400) and makes no claim."""
        article, found = self.story()
        unknown = next(s for s in found if s.agency_id is None)
        response = reporter_client.post(
            reverse("desk:suggestion_accept", args=[unknown.pk]),
            {"agency": "", "speaker": ""},
        )
        assert response.status_code == 400
        assert "is not an agency the newsroom knows: choose one" in (
            response.content.decode()
        )
        assert not Claim.objects.filter(article=article).exists()
        response = reporter_client.post(
            reverse("desk:suggestion_accept", args=[unknown.pk]),
            {"agency": "", "new_agency_name": "Red Cross", "speaker": ""},
        )
        assert response.status_code == 302
        agency = Claim.objects.get(article=article).agency
        assert agency.name == "Red Cross"
        assert agency.state_affiliation == "unknown"

    def test_reject_removes_it_for_good(
        self, editor_client: Client, roles: None
    ) -> None:
        """A rejected suggestion leaves the body and the cards, and is not found again."""
        article, found = self.story()
        gone = found[0]
        response = editor_client.post(reverse("desk:suggestion_reject", args=[gone.pk]))
        assert response.status_code == 302
        page = editor_client.get(workspace_url(article)).content.decode()
        assert f'data-suggestion="{gone.pk}"' not in page
        detect_suggestions(article.pk)
        assert not Suggestion.objects.pending().filter(exact=gone.exact).exists()
        again = editor_client.post(reverse("desk:suggestion_reject", args=[gone.pk]))
        assert again.status_code == 302
        assert Suggestion.objects.get(pk=gone.pk).state == Suggestion.State.REJECTED

    def test_only_those_who_decide_see_or_post_them(
        self, client: Client, roles: None
    ) -> None:
        """A staff user without a role sees no suggestion and cannot decide one."""
        article, found = self.story()
        viewer = UserFactory.create(username="viewer", is_staff=True)
        viewer.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_claim", "view_article"])
        )
        client.force_login(viewer)
        page = client.get(workspace_url(article)).content.decode()
        assert "desk-suggested" not in page
        response = client.post(reverse("desk:suggestion_accept", args=[found[0].pk]))
        assert response.status_code == 403
        response = client.post(reverse("desk:suggestion_reject", args=[found[0].pk]))
        assert response.status_code == 403
        assert Suggestion.objects.pending().count() == len(found)


class TestPreview:
    def draft(self) -> Article:
        return ArticleFactory.create(
            status=Article.Status.DRAFT,
            published_at=None,
            headline="Secret draft headline",
        )

    def test_staff_see_a_draft_through_the_readers_template(
        self, editor_client: Client, roles: None
    ) -> None:
        article = self.draft()
        response = editor_client.get(reverse("desk:preview", args=[article.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Secret draft headline" in page
        assert 'class="story-body"' in page  # the readers' article template
        assert '<meta name="robots" content="noindex, nofollow">' in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert 'rel="canonical"' not in page

    def test_anyone_else_gets_a_404(self, client: Client, roles: None) -> None:
        """Anonymous visitors and non-staff users learn nothing: not even a login page."""
        article = self.draft()
        url = reverse("desk:preview", args=[article.pk])
        assert client.get(url).status_code == 404
        reader = UserFactory.create(is_staff=False)
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 404
        assert "Secret draft headline" not in response.content.decode()


class TestHandover:
    def draft(self) -> Article:
        return ArticleFactory.create(
            status=Article.Status.DRAFT, published_at=None, headline="A draft story"
        )

    def step(self, client: Client, article: Article, step: str, **data: str) -> Any:
        return client.post(
            reverse("desk:handover", args=[article.pk]), {"step": step, **data}
        )

    def test_a_reporter_submits_and_never_sees_editors_steps(
        self, reporter_client: Client, roles: None
    ) -> None:
        article = self.draft()
        page = reporter_client.get(workspace_url(article)).content.decode()
        assert 'value="submit"' in page
        assert 'value="publish"' not in page
        assert 'value="send_back"' not in page
        response = self.step(reporter_client, article, "submit")
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW
        page = reporter_client.get(workspace_url(article)).content.decode()
        assert "Waiting for an editor." in page
        assert "Submitted for review by reporter" in page

    def test_a_reporter_cannot_publish(
        self, reporter_client: Client, roles: None
    ) -> None:
        article = self.draft()
        submit_article(article.pk, actor=None)
        assert self.step(reporter_client, article, "publish").status_code == 403
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW

    def test_sending_back_needs_a_comment_which_the_log_shows(
        self, editor_client: Client, roles: None
    ) -> None:
        article = self.draft()
        submit_article(article.pk, actor=None)
        response = self.step(editor_client, article, "send_back", comment="  ")
        assert response.status_code == 400
        assert "Say why the article goes back" in response.content.decode()
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW
        self.step(editor_client, article, "send_back", comment="Name the source.")
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
        page = editor_client.get(workspace_url(article)).content.decode()
        assert "Sent back to draft by editor: “Name the source.”" in page

    def test_an_editor_publishes_and_readers_see_it(
        self, editor_client: Client, client: Client, roles: None
    ) -> None:
        article = self.draft()
        submit_article(article.pk, actor=None)
        assert client.get(article.get_absolute_url()).status_code == 404
        response = self.step(
            editor_client,
            article,
            "publish",
            next=reverse("admin:articles_article_change", args=[article.pk]),
        )
        assert response["Location"] == reverse(
            "admin:articles_article_change", args=[article.pk]
        )
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_the_next_address_never_leaves_the_site(
        self, editor_client: Client, roles: None
    ) -> None:
        article = self.draft()
        response = self.step(
            editor_client, article, "publish", next="https://evil.test/"
        )
        assert response["Location"] == workspace_url(article)


class TestTouchedClaimsWarning:
    def test_names_an_orphaned_verified_claim_first_with_a_link(
        self, editor: User
    ) -> None:
        """A save that orphans a verified claim is told so, by its words, reviewed first."""
        article = ArticleFactory.create(
            status=Article.Status.DRAFT,
            published_at=None,
            body="Turnout was high, the agency said. Officials counted ballots.",
        )
        verified = make_claim(article, "Turnout was high")
        plain = make_claim(article, "Officials counted ballots")
        review_claim(verified.pk, status="verified", actor=editor, expected_version=1)
        result = edit_article(
            article.pk,
            actor=editor,
            body="Participation was strong, the agency said. Officers counted the ballots.",
        )
        message = str(touched_claims_warning(result))
        assert "2 claims need work after this edit" in message
        assert message.index("Turnout was high") < message.index(
            "Officials counted ballots"
        )
        assert "Verified" in message
        assert "its text is no longer in the article" in message
        assert (
            f'href="{workspace_url(article)}?claim={verified.pk}#note-{verified.pk}"'
            in message
        )
        assert plain.pk in result.orphaned + result.needs_check


def test_the_admin_writes_times_as_the_reader_pages_do(
    editor_client: Client, demo: Article
) -> None:
    """One time format everywhere: "27 Sep 2022, 18:00", never "6 p.m."."""
    page = editor_client.get(
        reverse("admin:articles_article_change", args=[demo.pk])
    ).content.decode()
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\b", page)
    assert "a.m." not in page
    assert "p.m." not in page


def test_a_save_that_orphans_a_verified_claim_warns_naming_it(
    editor_client: Client, editor: User
) -> None:
    """After the article page saves, a warning names the verified claim the edit orphaned."""
    article = ArticleFactory.create(
        status=Article.Status.DRAFT,
        published_at=None,
        body="Turnout was high, the agency said. Officials counted ballots.",
    )
    claim = make_claim(article, "Turnout was high")
    review_claim(claim.pk, status="verified", actor=editor, expected_version=1)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor_client.get(url)
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None
    }
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, value in management.initial.items():
            data[f"{management.prefix}-{name}"] = value
    data["body"] = (
        "Participation was strong, the agency said. Officials counted ballots."
    )
    response = editor_client.post(url, {**data, "_continue": "Save"}, follow=True)
    assert response.status_code == 200
    warnings = [
        str(message)
        for message in response.context["messages"]
        if message.level_tag == "warning"
    ]
    assert len(warnings) == 1, warnings
    assert "1 claim needs work after this edit" in warnings[0]
    assert "“Turnout was high”" in warnings[0]
    assert "Verified" in warnings[0]
    assert f"?claim={claim.pk}#note-{claim.pk}" in warnings[0]
