"""No lost update: an article's every change has a version, and a save made
from an older one is refused, naming who changed what and when."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from articles.editing import edit_article
from articles.locking import StaleArticle
from articles.models import Article
from articles.services import publish_article, submit_article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Article:
    return ArticleFactory.create(status=Article.Status.DRAFT, published_at=None)


def test_every_change_bumps_the_version(draft: Article) -> None:
    edit_article(draft.pk, actor=None, standfirst="New standfirst.")
    submit_article(draft.pk, actor=None)
    publish_article(draft.pk, actor=None)
    assert Article.objects.get(pk=draft.pk).version == 4


def test_a_stale_edit_is_refused_naming_who_what_and_when(
    draft: Article, editor: User
) -> None:
    edit_article(
        draft.pk, actor=editor, standfirst="Tab B's standfirst.", expected_version=1
    )
    with pytest.raises(StaleArticle) as refused:
        edit_article(draft.pk, actor=None, body="Tab A's body.", expected_version=1)
    message = str(refused.value)
    assert "editor edited the standfirst at " in message
    assert "Nothing was saved" in message
    article = Article.objects.get(pk=draft.pk)
    assert (article.standfirst, article.version) == ("Tab B's standfirst.", 2)
    assert article.body != "Tab A's body."


def test_two_tabs_in_the_admin(draft: Article, editor: User) -> None:
    """Tab B saves a standfirst; tab A, opened before, saves a body: refused,
    with tab A's text still in the form, and B's standfirst kept."""
    tab_a, tab_b = Client(), Client()
    for tab in (tab_a, tab_b):
        tab.force_login(editor)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    page_a = tab_a.get(url).content.decode()
    assert 'name="version" value="1" id="id_version"' in page_a

    def form(**changes: str) -> dict[str, str]:
        fields = {
            "headline": draft.headline,
            "slug": draft.slug,
            "standfirst": draft.standfirst,
            "body": draft.body,
            "byline": draft.byline,
            "dateline": draft.dateline,
            "language": draft.language,
            "version": "1",
            "change_kind": "",
            "change_note": "",
        }
        for prefix in ("claims", "events", "revisions"):
            fields.update(
                {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
            )
        return {**fields, **changes}

    saved = tab_b.post(url, form(standfirst="Tab B's standfirst."))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = tab_a.post(url, form(body="Tab A's body, typed with care."))
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "This article was changed since you opened it" in page
    assert "editor edited the standfirst" in page
    assert "Tab A&#x27;s body, typed with care." in page
    article = Article.objects.get(pk=draft.pk)
    assert article.standfirst == "Tab B's standfirst."
    assert article.body == draft.body


def test_a_stale_hand_over_step_is_refused(draft: Article, editor: User) -> None:
    client = Client()
    client.force_login(editor)
    edit_article(draft.pk, actor=None, byline="Someone else")
    answer = client.post(
        reverse("desk:handover", args=[draft.pk]),
        {"step": "submit", "version": "1", "comment": "Ready."},
    )
    assert answer.status_code == 409
    assert "changed since you opened it" in answer.content.decode()
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


class TestApi:
    @pytest.fixture
    def api(self, roles: None) -> APIClient:
        client = APIClient()
        client.force_authenticate(UserFactory.create(role="Editors"))
        return client

    def test_a_stale_version_is_a_409_with_the_article(
        self, api: APIClient, draft: Article
    ) -> None:
        url = f"/api/articles/{draft.slug}/"
        assert api.patch(url, {"standfirst": "B.", "version": 1}).status_code == 200
        stale = api.patch(url, {"body": "A's body.", "version": 1})
        assert stale.status_code == 409
        assert stale.json()["article"]["standfirst"] == "B."
        assert stale.json()["article"]["version"] == 2
        assert "edited the standfirst" in stale.json()["detail"]

    def test_if_match_with_the_etag(self, api: APIClient, draft: Article) -> None:
        url = f"/api/articles/{draft.slug}/"
        read = api.get(url)
        etag = read["ETag"]
        assert read.json()["version"] == 1
        saved = api.patch(url, {"standfirst": "B."}, HTTP_IF_MATCH=etag)
        assert saved.status_code == 200
        assert saved["ETag"] != etag
        again = api.patch(url, {"body": "A's body."}, HTTP_IF_MATCH=etag)
        assert again.status_code == 412
        assert again.json()["article"]["standfirst"] == "B."
        assert again["ETag"] == saved["ETag"]
        assert Article.objects.get(pk=draft.pk).body == draft.body
