"""Possible repeats at the desk: shown on the claim's card with score and
story, decided with one button, counted on the dashboard."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client

from claims.groups import confirm_match
from claims.models import Agency, Claim, ClaimGroup, ClaimMatch
from claims.services import review_claim
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Luhansk reached 92% by noon, the commission said"


@pytest.fixture
def ria() -> Agency:
    return AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")


def story(agency: Agency, sentence: str, headline: str) -> Claim:
    article = ArticleFactory.create(headline=headline, body=f"{sentence}.\n\nMore.")
    return make_claim(article, sentence, agency=agency)


def workspace(claim: Claim) -> str:
    return f"/admin/desk/articles/{claim.article_id}/workspace/"


def test_the_card_shows_the_repeat_and_confirms_it(
    editor_client: Client, ria: Agency
) -> None:
    """The card names the other story and the score; "Same claim" groups them."""
    first = story(ria, TURNOUT, "Luhansk vote, day one")
    second = story(ria, TURNOUT.replace("92%", "92 per cent"), "Luhansk vote, analysis")
    page = editor_client.get(workspace(second)).content.decode()
    assert "Possible repeat in other stories" in page
    assert "Luhansk vote, day one" in page
    pair = ClaimMatch.objects.get()
    assert f"score {pair.score:.2f}" in page
    assert 'aria-keyshortcuts="s"' in page
    response = editor_client.post(
        f"/admin/desk/claims/{second.pk}/repeats/",
        {"other": first.pk, "decision": "confirm"},
        follow=True,
    )
    assert response.status_code == 200
    assert "is now the same claim as this one" in response.content.decode()
    assert ClaimGroup.objects.get().claims.count() == 2
    page = editor_client.get(workspace(first)).content.decode()
    assert "The same claim as in 1 other story" in page
    assert "Possible repeat" not in page


def test_a_near_miss_offers_only_not_the_same(
    editor_client: Client, ria: Agency
) -> None:
    """A different figure is shown with what differs, and cannot be confirmed."""
    first = story(ria, TURNOUT, "Luhansk vote, day one")
    second = story(ria, TURNOUT.replace("92%", "29%"), "Luhansk vote, analysis")
    page = editor_client.get(workspace(second)).content.decode()
    assert "Differs in a figure: never the same claim." in page
    assert 'value="confirm"' not in page
    response = editor_client.post(
        f"/admin/desk/claims/{second.pk}/repeats/",
        {"other": first.pk, "decision": "confirm"},
        follow=True,
    )
    assert "different figures" in response.content.decode()
    assert not ClaimGroup.objects.exists()
    editor_client.post(
        f"/admin/desk/claims/{second.pk}/repeats/",
        {"other": first.pk, "decision": "reject"},
    )
    assert ClaimMatch.objects.get().state == ClaimMatch.State.REJECTED


def test_the_dashboard_counts_repeats_awaiting(
    editor_client: Client, ria: Agency, editor: User
) -> None:
    """ "possible repeats awaiting a decision": decided ones leave the count."""
    story(ria, TURNOUT, "One")
    story(ria, TURNOUT, "Two")
    story(ria, TURNOUT, "Three")
    page = editor_client.get("/admin/").content.decode()
    assert (
        '<span class="desk-count">3</span> possible repeats awaiting a decision' in page
    )
    first, second = ClaimMatch.objects.order_by("pk")[:2]
    confirm_match(first.first_id, first.second_id, actor=editor)
    confirm_match(second.first_id, second.second_id, actor=editor)
    page = editor_client.get("/admin/").content.decode()
    # The third pair is between two members of one group now.
    assert (
        '<span class="desk-count">0</span> possible repeats awaiting a decision' in page
    )


def test_reporters_do_not_decide(reporter_client: Client, ria: Agency) -> None:
    """Reporters see repeats but cannot decide on them."""
    first = story(ria, TURNOUT, "One")
    second = story(ria, TURNOUT, "Two")
    assert (
        'value="confirm"' not in reporter_client.get(workspace(second)).content.decode()
    )
    response = reporter_client.post(
        f"/admin/desk/claims/{second.pk}/repeats/",
        {"other": first.pk, "decision": "confirm"},
    )
    assert response.status_code == 403
    assert not ClaimGroup.objects.exists()


def test_the_claim_page_lists_repeats(editor_client: Client, ria: Agency) -> None:
    """The claim's admin page lists its possible repeats with score and story."""
    story(ria, TURNOUT, "Luhansk vote, day one")
    second = story(ria, TURNOUT, "Luhansk vote, analysis")
    page = editor_client.get(
        f"/admin/claims/claim/{second.pk}/change/"
    ).content.decode()
    assert "The same claim in other stories" in page
    assert "Awaiting a decision: The same claim, score 1.00, in" in page
    assert "Luhansk vote, day one" in page


def test_a_member_leaves_its_group_from_the_card(
    editor_client: Client, ria: Agency, editor: User
) -> None:
    """ "Leave the group" on a grouped claim's card takes it out; it keeps the
    group's review, and the next review of the group no longer reaches it."""
    first = story(ria, TURNOUT, "One")
    second, third = story(ria, TURNOUT, "Two"), story(ria, TURNOUT, "Three")
    confirm_match(first.pk, second.pk, actor=editor)
    confirm_match(first.pk, third.pk, actor=editor)
    review(first, Claim.Status.DISPUTED, editor)
    page = editor_client.get(workspace(third)).content.decode()
    assert f'action="/admin/desk/claims/{third.pk}/group/leave/"' in page
    response = editor_client.post(
        f"/admin/desk/claims/{third.pk}/group/leave/", follow=True
    )
    assert response.redirect_chain[-1][0].startswith(workspace(third))
    assert f"Claim {third.pk} left its group. It keeps its review (Disputed)" in (
        response.content.decode()
    )
    third.refresh_from_db()
    assert (third.group_id, third.status) == (None, Claim.Status.DISPUTED)
    assert "Leave the group" not in response.content.decode()
    review(first, Claim.Status.VERIFIED, editor)
    third.refresh_from_db()
    assert third.status == Claim.Status.DISPUTED
    assert Claim.objects.get(pk=second.pk).status == Claim.Status.VERIFIED


def test_a_member_leaves_its_group_from_the_claim_page(
    editor_client: Client, ria: Agency, editor: User
) -> None:
    """The claim page's button sends the claim out of its group and comes back."""
    first, second = story(ria, TURNOUT, "One"), story(ria, TURNOUT, "Two")
    confirm_match(first.pk, second.pk, actor=editor)
    soup = BeautifulSoup(
        editor_client.get(f"/admin/claims/claim/{second.pk}/change/").text,
        "html.parser",
    )
    button = soup.find("button", string="Leave the group")
    assert button is not None
    # Its own form, not the claim's: Enter in a field of the claim saves it.
    leave = soup.select_one(f"form#{button['form']}")
    assert leave is not None
    assert leave["action"] == f"/admin/desk/claims/{second.pk}/group/leave/"
    claim_form = button.find_parent("form")
    assert claim_form is not None
    assert claim_form["id"] != leave["id"]
    response = editor_client.post(
        leave["action"],
        {field["name"]: field["value"] for field in leave.select("input[type=hidden]")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/admin/claims/claim/{second.pk}/change/"
    assert "left its group" in response.content.decode()
    assert "Leave the group" not in response.content.decode()
    assert not ClaimGroup.objects.exists()


def test_only_editors_take_a_claim_out(
    reporter_client: Client, ria: Agency, editor: User
) -> None:
    """A reporter sees no "Leave the group", and is refused if they post."""
    first, second = story(ria, TURNOUT, "One"), story(ria, TURNOUT, "Two")
    confirm_match(first.pk, second.pk, actor=editor)
    assert "Leave the group" not in reporter_client.get(workspace(second)).text
    assert (
        "Leave the group"
        not in reporter_client.get(f"/admin/claims/claim/{second.pk}/change/").text
    )
    response = reporter_client.post(f"/admin/desk/claims/{second.pk}/group/leave/")
    assert response.status_code == 403
    assert ClaimGroup.objects.get().claims.count() == 2


def test_leaving_no_group_says_so(editor_client: Client, ria: Agency) -> None:
    """A claim in no group is refused with the reason, and nothing changes."""
    alone = story(ria, TURNOUT, "One")
    response = editor_client.post(
        f"/admin/desk/claims/{alone.pk}/group/leave/", follow=True
    )
    assert "This claim is in no group." in response.content.decode()


def review(claim: Claim, status: str, editor: User) -> None:
    claim.refresh_from_db()
    review_claim(
        claim.pk,
        status=status,
        note="Observers counted far fewer." if status == Claim.Status.DISPUTED else "",
        disputed_by="Observers" if status == Claim.Status.DISPUTED else "",
        actor=editor,
        expected_version=claim.version,
    )
