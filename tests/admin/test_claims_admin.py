"""The review queue, the review actions and the claim page in the admin."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ReviewEvent
from claims.services import review_claim
from tests.admin.conftest import changelist_url, claim_url
from tests.factories import ArticleFactory, edit_text, make_claim

pytestmark = pytest.mark.django_db


def messages_of(response: object) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def post_action(
    client: Client, action: str, claims: list[Claim], **data: object
) -> object:
    """Post a changelist action as the queue page does, with each claim's version."""
    payload: dict[str, object] = {
        "action": action,
        "_selected_action": [claim.pk for claim in claims],
        **{f"version_{claim.pk}": claim.version for claim in claims},
        **data,
    }
    return client.post(changelist_url(), payload, follow=True)


class TestQueue:
    def test_queue_lists_what_needs_work_first(
        self, demo: object, editor_client: Client
    ) -> None:
        """Unreviewed claims head the queue, oldest first, before reviewed ones."""
        response = editor_client.get(changelist_url())
        assert response.status_code == 200
        listed = list(response.context["cl"].result_list)
        statuses = [claim.status for claim in listed]
        unreviewed = statuses.count(Claim.Status.UNREVIEWED)
        assert unreviewed == 3
        assert set(statuses[:unreviewed]) == {Claim.Status.UNREVIEWED}
        assert Claim.Status.UNREVIEWED not in statuses[unreviewed:]

    def test_orphaned_and_needs_check_come_before_unreviewed(
        self, editor_client: Client
    ) -> None:
        """An edit that loses or moves a claim's text puts it at the top of the queue."""
        article = ArticleFactory.create(
            body="Alpha said the bridge is open. Beta said the dam holds. "
            "Gamma said the road is shut."
        )
        plain = make_claim(article, "the road is shut")
        moved = make_claim(article, "the bridge is open")
        lost = make_claim(article, "the dam holds")
        edit_text(
            article,
            body="Alpha said the bridges are open. Gamma said the road is shut.",
        )
        response = editor_client.get(changelist_url())
        order = [claim.pk for claim in response.context["cl"].result_list]
        assert order == [lost.pk, moved.pk, plain.pk]
        page = response.content.decode()
        assert "Text gone" in page
        assert "Text changed" in page

    def test_columns_show_agency_label_speaker_and_status(
        self, demo: object, editor_client: Client
    ) -> None:
        """A row names the agency with its state-affiliation label, the speaker and status."""
        page = editor_client.get(changelist_url()).content.decode()
        assert "RIA Novosti (Russian state-controlled media)" in page
        assert "Kremlin spokesman Dmitry Peskov" in page
        assert "Context added" in page

    def test_search_and_filters(self, demo: object, editor_client: Client) -> None:
        """Search finds claims by speaker or agency; filters narrow by status and kind."""
        by_speaker = editor_client.get(changelist_url(), {"q": "Peskov"})
        assert [c.speaker for c in by_speaker.context["cl"].result_list] == [
            "Kremlin spokesman Dmitry Peskov"
        ]
        by_agency = editor_client.get(changelist_url(), {"q": "Interfax"})
        assert len(by_agency.context["cl"].result_list) == 1
        disputed = editor_client.get(changelist_url(), {"status__exact": "disputed"})
        assert [c.status for c in disputed.context["cl"].result_list] == ["disputed"]
        by_article = editor_client.get(
            changelist_url(),
            {"article__id__exact": str(demo.pk)},  # type: ignore[attr-defined]
        )
        assert len(by_article.context["cl"].result_list) == 9
        assert "Early counts claim landslide" in by_article.content.decode()
        media = editor_client.get(
            changelist_url(), {"agency__kind__exact": "news_agency"}
        )
        assert {c.agency.slug for c in media.context["cl"].result_list} == {
            "ria-novosti",
            "interfax",
            "tass",
        }


class TestActions:
    def test_verify_from_queue(self, unreviewed: Claim, editor_client: Client) -> None:
        """Verify changes the status through the review service and logs it."""
        response = post_action(editor_client, "verify", [unreviewed])
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.VERIFIED
        assert unreviewed.reviewed_by is not None
        assert unreviewed.reviewed_by.username == "editor"
        assert unreviewed.events.first().new_status == Claim.Status.VERIFIED  # type: ignore[union-attr]
        assert any("now verified" in m for m in messages_of(response))

    def test_dispute_asks_for_a_note_first(
        self, unreviewed: Claim, editor_client: Client
    ) -> None:
        """Dispute shows the intermediate form and changes nothing yet."""
        response = post_action(editor_client, "dispute", [unreviewed])
        page = response.content.decode()  # type: ignore[attr-defined]
        assert "Note for readers" in page
        assert "Disputed by" in page
        assert unreviewed.quote in page
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.UNREVIEWED

    def test_dispute_with_note_applies(
        self, unreviewed: Claim, editor_client: Client
    ) -> None:
        """The submitted intermediate form disputes the claim with its note."""
        post_action(
            editor_client,
            "dispute",
            [unreviewed],
            apply="1",
            note="Russia says otherwise.",
            disputed_by="Russian foreign ministry",
        )
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.DISPUTED
        assert unreviewed.note == "Russia says otherwise."
        assert unreviewed.disputed_by == "Russian foreign ministry"

    def test_empty_note_is_refused(
        self, unreviewed: Claim, editor_client: Client
    ) -> None:
        """A blank note is refused with the error shown on the form."""
        response = post_action(
            editor_client,
            "contextualize",
            [unreviewed],
            apply="1",
            note="   ",
        )
        page = response.content.decode()  # type: ignore[attr-defined]
        assert "Write a note for readers" in page
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.UNREVIEWED
        assert not unreviewed.events.exists()

    def test_failures_are_named_and_the_others_go_through(
        self, demo: object, editor_client: Client
    ) -> None:
        """A claim that cannot take the transition is reported; the rest are verified."""
        verified = Claim.objects.get(quote__startswith="The United Nations")
        unreviewed = Claim.objects.get(quote__startswith="it will not accept")
        response = post_action(editor_client, "verify", [verified, unreviewed])
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.VERIFIED
        found = messages_of(response)
        assert any("The United Nations" in m and "already verified" in m for m in found)
        assert any("1 claim is now verified" in m for m in found)

    def test_stale_queue_page_is_refused(
        self,
        contextualized: Claim,
        editor_client: Client,
        second_editor: object,
    ) -> None:
        """An action from a queue page older than the claim is refused, naming the reviewer."""
        stale_version = contextualized.version
        review_claim(
            contextualized.pk,
            status=Claim.Status.VERIFIED,
            actor=second_editor,  # type: ignore[arg-type]
            expected_version=stale_version,
        )
        response = editor_client.post(
            changelist_url(),
            {
                "action": "reopen",
                "_selected_action": [contextualized.pk],
                f"version_{contextualized.pk}": stale_version,
            },
            follow=True,
        )
        contextualized.refresh_from_db()
        assert contextualized.status == Claim.Status.VERIFIED
        assert any("changed by editor2" in m for m in messages_of(response))

    def test_reopen(self, contextualized: Claim, editor_client: Client) -> None:
        """Reopen returns a reviewed claim to unreviewed and clears its note."""
        post_action(editor_client, "reopen", [contextualized])
        contextualized.refresh_from_db()
        assert contextualized.status == Claim.Status.UNREVIEWED
        assert contextualized.note == ""


class TestClaimPage:
    def test_history_newest_first_and_passage(
        self, contextualized: Claim, editor_client: Client
    ) -> None:
        """The claim page shows its passage marked and its history, newest first."""
        review_claim(
            contextualized.pk,
            status=Claim.Status.VERIFIED,
            actor=None,
            expected_version=contextualized.version,
        )
        response = editor_client.get(claim_url(contextualized))
        page = response.content.decode()
        assert f'<mark data-claim="{contextualized.pk}" data-status="verified">' in page
        assert "A source in the Russian parliament, quoted by the TASS" in page
        history = page[page.index('id="events-group"') :]
        assert history.index("Verified") < history.index("Not reviewed → Context added")

    def test_status_is_read_only(
        self, contextualized: Claim, editor_client: Client
    ) -> None:
        """Posting a status with the change form does not change it."""
        response = editor_client.post(
            claim_url(contextualized),
            {
                "agency": contextualized.agency_id,
                "speaker": "A named source",
                "internal_note": "",
                "expected_version": contextualized.version,
                "status": "verified",
                "events-TOTAL_FORMS": "0",
                "events-INITIAL_FORMS": "0",
                "_save": "Save",
            },
        )
        assert response.status_code == 302
        contextualized.refresh_from_db()
        assert contextualized.speaker == "A named source"
        assert contextualized.status == Claim.Status.CONTEXTUALIZED

    def test_stale_change_form_is_refused(
        self, contextualized: Claim, editor_client: Client, second_editor: object
    ) -> None:
        """A change form opened before a review is refused, naming the reviewer."""
        opened = contextualized.version
        review_claim(
            contextualized.pk,
            status=Claim.Status.VERIFIED,
            actor=second_editor,  # type: ignore[arg-type]
            expected_version=opened,
        )
        response = editor_client.post(
            claim_url(contextualized),
            {
                "agency": contextualized.agency_id,
                "speaker": "Overwritten",
                "internal_note": "",
                "expected_version": opened,
                "events-TOTAL_FORMS": "0",
                "events-INITIAL_FORMS": "0",
                "_save": "Save",
            },
        )
        assert response.status_code == 200
        assert "changed by editor2" in response.content.decode()
        contextualized.refresh_from_db()
        assert contextualized.speaker == "A source in the Russian parliament"

    def test_single_claim_action_from_its_page(
        self, unreviewed: Claim, editor_client: Client
    ) -> None:
        """The claim page's own action form contextualizes it through the note form."""
        url = claim_url(unreviewed)
        page = editor_client.get(url).content.decode()
        assert 'name="CHANGE_FORM-action"' in page
        data = {
            "CHANGE_FORM-action": "contextualize",
            "_selected_action": unreviewed.pk,
            "expected_version": unreviewed.version,
        }
        form = editor_client.post(url, data)
        assert "Note for readers" in form.content.decode()
        done = editor_client.post(url, {**data, "apply": "1", "note": "Unverified."})
        assert done.status_code == 302
        assert done["Location"] == url
        unreviewed.refresh_from_db()
        assert unreviewed.status == Claim.Status.CONTEXTUALIZED
        assert ReviewEvent.objects.filter(claim=unreviewed).count() == 1

    def test_notes_are_escaped(self, unreviewed: Claim, editor_client: Client) -> None:
        """A note with markup shows as text on the claim page, never as HTML."""
        review_claim(
            unreviewed.pk,
            status=Claim.Status.CONTEXTUALIZED,
            note="<script>alert(1)</script>",
            actor=None,
            expected_version=unreviewed.version,
        )
        page = editor_client.get(claim_url(unreviewed)).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


class TestAddClaim:
    def test_add_claim_from_quote(self, demo: object, reporter_client: Client) -> None:
        """A reporter adds a claim by its quote; it is placed in the text."""
        article = ArticleFactory.create(body="One said yes. Two said yes.")
        agency = Claim.objects.first().agency  # type: ignore[union-attr]
        response = reporter_client.post(
            reverse("admin:claims_claim_add"),
            {
                "article": article.pk,
                "agency": agency.pk,
                "speaker": "Two",
                "quote": "said yes",
                "occurrence": "2",
                "internal_note": "",
            },
        )
        assert response.status_code == 302
        claim = Claim.objects.get(article=article)
        assert (claim.start, claim.end) == (18, 26)
        assert claim.created_by is not None

    def test_quote_error_is_shown(self, demo: object, reporter_client: Client) -> None:
        """A quote that is not in the text is refused with the reason."""
        article = ArticleFactory.create(body="One said yes. Two said yes.")
        agency = Claim.objects.first().agency  # type: ignore[union-attr]
        response = reporter_client.post(
            reverse("admin:claims_claim_add"),
            {
                "article": article.pk,
                "agency": agency.pk,
                "quote": "said yes",
                "speaker": "",
                "internal_note": "",
            },
        )
        assert response.status_code == 200
        assert "occurs 2 times" in response.content.decode()
        assert not Claim.objects.filter(article=article).exists()


class TestReattach:
    def change_data(self, claim: Claim, **extra: object) -> dict[str, object]:
        return {
            "agency": claim.agency_id,
            "speaker": claim.speaker,
            "internal_note": "",
            "expected_version": claim.version,
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "_save": "Save",
            **extra,
        }

    def orphan(self) -> Claim:
        article = ArticleFactory.create(body="Alpha said the dam holds. Beta agreed.")
        claim = make_claim(article, "the dam holds")
        edit_text(article, body="Alpha said the reservoir is safe. Beta agreed.")
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.ORPHANED
        return claim

    def test_orphaned_claim_is_reattached(self, reporter_client: Client) -> None:
        """An orphaned claim is pointed at its new passage and logged in its history."""
        claim = self.orphan()
        url = claim_url(claim)
        page = reporter_client.get(url).content.decode()
        assert "The quoted text is no longer in the article" in page
        assert 'name="reattach_quote"' in page
        response = reporter_client.post(
            url, self.change_data(claim, reattach_quote="the reservoir is safe")
        )
        assert response.status_code == 302
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.ANCHORED
        assert claim.quote == "the reservoir is safe"
        assert claim.events.first().note == "Re-attached by an editor."  # type: ignore[union-attr]

    def test_reattach_to_missing_text_is_refused(self, reporter_client: Client) -> None:
        """A passage that is not in the text is refused on the form; nothing moves."""
        claim = self.orphan()
        response = reporter_client.post(
            claim_url(claim), self.change_data(claim, reattach_quote="the dam holds")
        )
        assert response.status_code == 200
        assert "does not occur in the article" in response.content.decode()
        claim.refresh_from_db()
        assert claim.anchor_state == Claim.AnchorState.ORPHANED


def test_two_editors_second_dispute_from_stale_page_is_refused(
    unreviewed: Claim, editor_client: Client, second_editor_client: Client
) -> None:
    """Both open the claim; the first contextualizes, the second's dispute is refused."""
    url = claim_url(unreviewed)
    pages = [client.get(url) for client in (editor_client, second_editor_client)]
    versions = [
        page.context["adminform"].form["expected_version"].value() for page in pages
    ]
    assert versions == [1, 1]

    def review(client: Client, version: int, action: str, **note: str) -> object:
        data = {
            "CHANGE_FORM-action": action,
            "_selected_action": unreviewed.pk,
            "expected_version": version,
            "apply": "1",
            **note,
        }
        return client.post(url, data, follow=True)

    review(editor_client, versions[0], "contextualize", note="No independent count.")
    refused = review(
        second_editor_client,
        versions[1],
        "dispute",
        note="Contested.",
        disputed_by="Someone",
    )
    assert any(
        "changed by editor (review) since you opened it" in m
        for m in messages_of(refused)
    )
    unreviewed.refresh_from_db()
    assert unreviewed.status == Claim.Status.CONTEXTUALIZED
    assert unreviewed.note == "No independent count."
    assert unreviewed.reviewed_by is not None
    assert unreviewed.reviewed_by.username == "editor"
    assert unreviewed.events.count() == 1


class TestWithdraw:
    """A claim with history is withdrawn from its page or the queue, never deleted."""

    def test_withdraw_from_the_claim_page_asks_why(
        self, contextualized: Claim, editor_client: Client
    ) -> None:
        """Withdraw needs a reason; then the claim leaves readers and keeps its history."""
        url = claim_url(contextualized)
        page = editor_client.get(url).content.decode()
        assert 'value="withdraw"' in page
        assert "deletelink" not in page
        data = {
            "CHANGE_FORM-action": "withdraw",
            "_selected_action": contextualized.pk,
            "expected_version": contextualized.version,
        }
        form = editor_client.post(url, {**data, "apply": "1", "note": " "})
        assert "Say why the claim is withdrawn." in form.content.decode()
        contextualized.refresh_from_db()
        assert contextualized.withdrawn_at is None
        done = editor_client.post(
            url, {**data, "apply": "1", "note": "Duplicate of another claim."}
        )
        assert done.status_code == 302
        contextualized.refresh_from_db()
        assert contextualized.withdrawn_at is not None
        event = contextualized.events.latest("created_at")
        assert event.kind == ReviewEvent.Kind.WITHDRAWAL
        assert event.note == "Duplicate of another claim."

    def test_a_stale_withdrawal_is_refused_by_name(
        self, contextualized: Claim, editor_client: Client
    ) -> None:
        """A page opened before someone else's review withdraws nothing."""
        editor_client.post(
            changelist_url(),
            {
                "action": "withdraw",
                "_selected_action": contextualized.pk,
                f"version_{contextualized.pk}": contextualized.version - 1 or 1,
                "apply": "1",
                "note": "Gone.",
                "index": "0",
            },
        )
        contextualized.refresh_from_db()
        assert contextualized.withdrawn_at is None

    def test_the_queue_offers_no_bulk_delete(
        self, unreviewed: Claim, editor_client: Client
    ) -> None:
        """The queue's actions are the review steps and withdraw, never delete."""
        page = editor_client.get(changelist_url()).content.decode()
        assert 'value="withdraw"' in page
        assert 'value="delete_selected"' not in page


def test_queue_actions_are_buttons_that_work_without_script(
    unreviewed: Claim, editor_client: Client
) -> None:
    """Each action is its own button; pressing Verify verifies the ticked claim."""
    page = editor_client.get(changelist_url()).content.decode()
    assert '<select name="action"' not in page
    names = re.findall(r'<input type="hidden" name="action" value="([^"]*)">', page)
    index = re.search(r'name="index" value="(\d+)" data-action="verify"', page)
    assert index is not None
    assert names[int(index.group(1))] == "verify"
    editor_client.post(
        changelist_url(),
        {
            "action": names,
            "index": index.group(1),
            "_selected_action": [unreviewed.pk],
            f"version_{unreviewed.pk}": unreviewed.version,
        },
    )
    unreviewed.refresh_from_db()
    assert unreviewed.status == Claim.Status.VERIFIED
