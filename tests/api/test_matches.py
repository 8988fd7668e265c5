"""The API's possible repeats: find, confirm, review once for every story."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Agency, Claim, ClaimGroup, ReviewEvent
from tests.factories import AgencyFactory, ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Kherson reached 61% on the first day, the commission said"


@pytest.fixture
def ria() -> Agency:
    return AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")


def story(sentence: str, agency: Agency | None = None, **fields: object) -> Claim:
    article = ArticleFactory.create(
        body=f"Officials spoke on Friday.\n\n{sentence}.", **fields
    )
    return make_claim(article, sentence, agency=agency or AGENCY[0])


AGENCY: list[Agency] = []


@pytest.fixture
def pair(ria: Agency) -> tuple[Claim, Claim]:
    """A published story and a draft carrying the same claim from RIA Novosti."""
    AGENCY[:] = [ria]
    published = story(TURNOUT)
    draft = story(
        "\u201cTurnout in Kherson reached 61 per cent on the first day\u201d, "
        "the commission said",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    return published, draft


def test_candidate_confirm_review_reaches_both(
    editor_client: APIClient, pair: tuple[Claim, Claim]
) -> None:
    """Same agency and figure: a scored candidate; confirmed, one review
    changes both, and the published story gains a correction entry."""
    published, draft = pair
    answer = editor_client.get(f"/api/claims/{draft.pk}/matches/")
    assert answer.status_code == 200
    (candidate,) = answer.json()
    assert candidate["claim"] == published.pk
    assert candidate["article"] == published.article.slug
    assert candidate["kind"] == "same"
    assert candidate["status"] == "pending"
    assert 0.5 < candidate["score"] <= 1

    answer = editor_client.post(
        f"/api/claims/{draft.pk}/matches/", {"claim": published.pk}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()[0]["status"] == "confirmed"
    group = ClaimGroup.objects.get()

    claim = editor_client.get(f"/api/claims/{published.pk}/").json()
    assert claim["group"] == group.pk
    # The draft is no published appearance.
    assert claim["appears_in"] == []

    answer = editor_client.post(
        f"/api/claims/{draft.pk}/review/",
        {
            "status": "disputed",
            "note": "The commission's own tally says 41%.",
            "disputed_by": "Ukraine's Central Election Commission",
            "version": draft.version,
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["status"] == "disputed"
    published.refresh_from_db()
    assert published.status == Claim.Status.DISPUTED
    assert published.note == "The commission's own tally says 41%."
    assert ReviewEvent.objects.filter(kind="review").count() == 2
    (entry,) = published.article.corrections()
    assert entry.change_note.startswith("A claim in this story is now disputed:")
    assert not draft.article.corrections().exists()

    # A stale version of the member sent is still a 409, and changes nothing.
    stale = editor_client.post(
        f"/api/claims/{published.pk}/review/",
        {"status": "verified", "version": published.version - 1},
        format="json",
    )
    assert stale.status_code == 409
    published.refresh_from_db()
    assert published.status == Claim.Status.DISPUTED


def test_appears_in_lists_the_other_published_stories(
    editor_client: APIClient, anonymous_client: APIClient, pair: tuple[Claim, Claim]
) -> None:
    """Every claim answer says its group and the other published stories."""
    published, _ = pair
    other = story(TURNOUT.replace("the commission", "officials"))
    assert (
        editor_client.post(
            f"/api/claims/{published.pk}/matches/", {"claim": other.pk}, format="json"
        ).status_code
        == 200
    )
    answer = anonymous_client.get(f"/api/claims/{published.pk}/").json()
    assert answer["group"] == ClaimGroup.objects.get().pk
    assert answer["appears_in"] == [
        f"http://testserver{other.article.get_absolute_url()}"
    ]
    listed = anonymous_client.get("/api/claims/").json()["results"]
    by_pk = {item["id"]: item for item in listed}
    assert by_pk[other.pk]["appears_in"] == [
        f"http://testserver{published.article.get_absolute_url()}"
    ]
    article = anonymous_client.get(f"/api/articles/{other.article.slug}/").json()
    assert article["claims"][0]["appears_in"] == [
        f"http://testserver{published.article.get_absolute_url()}"
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (TURNOUT, TURNOUT.replace("61%", "16%")),
        (
            "Moscow will recognise the results of the votes",
            "Moscow will not recognise the results of the votes",
        ),
    ],
    ids=["61-vs-16", "will-vs-will-not"],
)
def test_near_misses_are_refused(
    editor_client: APIClient, ria: Agency, one: str, other: str
) -> None:
    """A near miss is listed as similar at most, and confirming it is a 400."""
    AGENCY[:] = [ria]
    first, second = story(one), story(other)
    (candidate,) = editor_client.get(f"/api/claims/{second.pk}/matches/").json()
    assert candidate["kind"] == "similar"
    answer = editor_client.post(
        f"/api/claims/{second.pk}/matches/", {"claim": first.pk}, format="json"
    )
    assert answer.status_code == 400
    assert "never the same claim" in str(answer.json())
    assert not ClaimGroup.objects.exists()


def test_another_agency_is_no_candidate(editor_client: APIClient, ria: Agency) -> None:
    """TASS against RIA Novosti: not listed, and refused if asked."""
    AGENCY[:] = [ria]
    first = story(TURNOUT)
    second = story(TURNOUT, agency=AgencyFactory.create(name="TASS", slug="tass"))
    assert editor_client.get(f"/api/claims/{second.pk}/matches/").json() == []
    answer = editor_client.post(
        f"/api/claims/{second.pk}/matches/", {"claim": first.pk}, format="json"
    )
    assert answer.status_code == 400


def test_roles(
    anonymous_client: APIClient,
    reporter_client: APIClient,
    editor_client: APIClient,
    pair: tuple[Claim, Claim],
) -> None:
    """Anonymous clients see no candidates; reporters see but do not decide."""
    published, draft = pair
    url = f"/api/claims/{draft.pk}/matches/"
    assert anonymous_client.get(url).status_code in (401, 403)
    assert reporter_client.get(url).status_code == 200
    answer = reporter_client.post(url, {"claim": published.pk}, format="json")
    assert answer.status_code == 403
    assert "editors" in answer.json()["detail"]
    assert editor_client.post(url, {"claim": "x"}, format="json").status_code == 400
    assert editor_client.get("/api/claims/999999/matches/").status_code == 404


def test_delete_takes_a_member_out(
    editor_client: APIClient, pair: tuple[Claim, Claim]
) -> None:
    """DELETE takes the other claim out of the group; a pending one is rejected."""
    published, draft = pair
    url = f"/api/claims/{draft.pk}/matches/"
    editor_client.post(url, {"claim": published.pk}, format="json")
    answer = editor_client.delete(f"{url}{published.pk}/")
    assert answer.status_code == 204
    assert not ClaimGroup.objects.exists()
    (candidate,) = editor_client.get(url).json()
    assert candidate["status"] == "rejected"
    assert editor_client.delete(f"{url}{published.pk}/").status_code == 204
    assert editor_client.delete(f"{url}999999/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/api/claims/{id}/matches/", "/api/webhooks/{id}/deliveries/"]
)
def test_the_schema_says_a_whole_list(editor_client: APIClient, path: str) -> None:
    """Answered as one list, not a page: the schema says an array and offers
    no page parameter (it promised a paginated object the view never gave)."""
    schema = editor_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"][path]["get"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["type"] == "array"
    assert "page" not in {parameter["name"] for parameter in operation["parameters"]}


def test_the_matches_answer_is_that_list(
    editor_client: APIClient, pair: tuple[Claim, Claim]
) -> None:
    published, draft = pair
    answer = editor_client.get(f"/api/claims/{draft.pk}/matches/", {"page": 935})
    assert answer.status_code == 200
    assert [match["claim"] for match in answer.json()] == [published.pk]
