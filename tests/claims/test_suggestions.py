"""Suggestions: detection proposes, reporters accept or reject, through the services."""

import logging
from collections.abc import Iterator

import pytest
from asgiref.local import Local
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.tasks import task_backends

import detection
from articles.editing import edit_article
from articles.models import Article
from claims.labels import attribution
from claims.models import Agency, Claim, Person, Suggestion
from claims.services import (
    accept_confident,
    accept_suggestion,
    detect_suggestions,
    reject_suggestion,
)
from claims.stories import load_story
from tests.factories import (
    BODY,
    PESKOV,
    RED_CROSS,
    TASS,
    AgencyFactory,
    ArticleFactory,
    UserFactory,
    make_claim,
    suggestion_story,
)

pytestmark = [pytest.mark.django_db, pytest.mark.detection]


@pytest.fixture
def story(db: None) -> Article:
    return suggestion_story()


def slug_of(related: Agency | Person | None) -> str | None:
    return related.slug if related is not None else None


def suggestion_on(article: Article, words: str) -> Suggestion:
    return next(s for s in article.suggestions.all() if words in s.exact)


class TestDetectSuggestions:
    def test_detection_writes_pending_suggestions_not_claims(
        self, story: Article
    ) -> None:
        """Each attributed passage becomes a pending suggestion; no claim is made."""
        found = detect_suggestions(story.pk)
        by_words = {words: suggestion_on(story, words) for words in (TASS, PESKOV)}
        assert slug_of(by_words[TASS].agency) == "tass"
        assert slug_of(by_words[PESKOV].agency) == "kremlin"
        assert slug_of(by_words[PESKOV].person) == "dmitry-peskov"
        assert by_words[PESKOV].cue == "said"
        red_cross = suggestion_on(story, RED_CROSS)
        assert red_cross.agency is None
        assert red_cross.agency_name == "Red Cross"
        assert not any("winter" in s.exact for s in found)
        assert all(s.state == Suggestion.State.PENDING for s in found)
        assert story.plain_text[red_cross.start : red_cross.end] == red_cross.exact
        assert not Claim.objects.filter(article=story).exists()

    def test_running_again_replaces_pending_ones(self, story: Article) -> None:
        """A second run leaves one suggestion per passage, not two."""
        first = len(detect_suggestions(story.pk))
        detect_suggestions(story.pk)
        assert story.suggestions.count() == first

    def test_claimed_passages_are_not_suggested(self, story: Article) -> None:
        """A passage that is already a claim is not proposed again."""
        make_claim(story, PESKOV, agency=Agency.objects.get(slug="kremlin"))
        detect_suggestions(story.pk)
        assert not any(PESKOV in s.exact for s in story.suggestions.all())

    def test_a_rejected_passage_stays_rejected_after_edits(
        self, story: Article, reporter: User
    ) -> None:
        """Once rejected, the same words are not suggested again, even after the
        text around them changed and detection ran again."""
        detect_suggestions(story.pk)
        rejected = reject_suggestion(suggestion_on(story, TASS).pk, actor=reporter)
        assert (rejected.state, rejected.decided_by) == ("rejected", reporter)
        assert rejected.decided_at is not None
        edit_article(
            story.pk,
            actor=reporter,
            body="A new opening paragraph, added later.\n\n" + BODY,
        )
        detect_suggestions(story.pk)
        pending = list(story.suggestions.pending())
        assert pending
        assert not any(TASS in s.exact for s in pending)
        assert any(PESKOV in s.exact for s in pending)

    def test_an_edit_drops_stale_pending_suggestions(
        self, story: Article, reporter: User
    ) -> None:
        """Pending suggestions point into the text they were found in; an edit
        of the body removes them until detection runs again."""
        detect_suggestions(story.pk)
        edit_article(story.pk, actor=reporter, body=BODY.replace("a third", "half"))
        assert not story.suggestions.pending().exists()

    def test_anonymous_and_unprivileged_users_cannot_run_it(
        self, story: Article
    ) -> None:
        """Detection on behalf of someone without the permission is refused."""
        with pytest.raises(PermissionDenied):
            detect_suggestions(story.pk, actor=UserFactory.create())


class TestAcceptSuggestion:
    def test_accepting_makes_exactly_one_claim(
        self, story: Article, reporter: User
    ) -> None:
        """The claim has the suggestion's agency, speaker, person and anchors."""
        detect_suggestions(story.pk)
        suggestion = suggestion_on(story, PESKOV)
        claim = accept_suggestion(suggestion.pk, actor=reporter)
        assert Claim.objects.filter(article=story).count() == 1
        assert claim.agency.slug == "kremlin"
        assert claim.person is not None
        assert claim.person.slug == "dmitry-peskov"
        assert (claim.start, claim.end, claim.quote) == (
            suggestion.start,
            suggestion.end,
            suggestion.exact,
        )
        assert claim.created_by == reporter
        assert attribution(claim) == "Kremlin spokesman Dmitry Peskov"
        suggestion.refresh_from_db()
        assert (suggestion.state, suggestion.claim) == ("accepted", claim)
        assert suggestion.decided_by == reporter
        assert suggestion.decided_at is not None

    def test_accepting_twice_is_refused(self, story: Article, reporter: User) -> None:
        """A decided suggestion cannot be accepted again: still one claim."""
        detect_suggestions(story.pk)
        suggestion = suggestion_on(story, PESKOV)
        accept_suggestion(suggestion.pk, actor=reporter)
        with pytest.raises(ValidationError, match="already accepted"):
            accept_suggestion(suggestion.pk, actor=reporter)
        assert Claim.objects.filter(article=story).count() == 1

    def test_agency_speaker_and_span_can_be_changed(
        self, story: Article, reporter: User
    ) -> None:
        """Edit-and-accept: another agency, a typed speaker, a shorter passage."""
        detect_suggestions(story.pk)
        suggestion = suggestion_on(story, TASS)
        start = story.plain_text.index("Gas flows")
        end = start + len("Gas flows through the pipeline fell")
        kremlin = Agency.objects.get(slug="kremlin")
        claim = accept_suggestion(
            suggestion.pk,
            actor=reporter,
            agency=kremlin,
            speaker="an official",
            start=start,
            end=end,
        )
        assert claim.quote == "Gas flows through the pipeline fell"
        assert (claim.agency, claim.speaker, claim.person) == (
            kremlin,
            "an official",
            None,
        )

    def test_an_unknown_source_becomes_a_new_agency(
        self, story: Article, reporter: User, editor: User
    ) -> None:
        """Red Cross is unknown: accepting with a new agency name creates it,
        affiliation unknown (here by an editor, who may add agencies)."""
        detect_suggestions(story.pk)
        suggestion = suggestion_on(story, RED_CROSS)
        with pytest.raises(ValidationError, match="not an agency the newsroom knows"):
            accept_suggestion(suggestion.pk, actor=reporter)
        claim = accept_suggestion(
            suggestion.pk, actor=editor, new_agency_name="Red Cross"
        )
        assert claim.agency.name == "Red Cross"
        assert claim.agency.state_affiliation == Agency.Affiliation.UNKNOWN

    def test_a_span_outside_the_text_is_refused(
        self, story: Article, reporter: User
    ) -> None:
        """A span past the end of the text is a form error, and nothing is made."""
        detect_suggestions(story.pk)
        suggestion = suggestion_on(story, TASS)
        with pytest.raises(ValidationError, match="within the text"):
            accept_suggestion(suggestion.pk, actor=reporter, start=5, end=10**6)
        assert not Claim.objects.exists()

    def test_readers_without_the_permission_cannot_accept(self, story: Article) -> None:
        """A staff user outside the reporters and editors is refused."""
        detect_suggestions(story.pk)
        suggestion = suggestion_on(story, TASS)
        with pytest.raises(PermissionDenied):
            accept_suggestion(suggestion.pk, actor=UserFactory.create())
        with pytest.raises(PermissionDenied):
            reject_suggestion(suggestion.pk, actor=UserFactory.create())
        assert not Claim.objects.exists()

    def test_the_ministry_of_the_country_the_story_is_about(self) -> None:
        """Two ministries share the alias "the environment ministry": in a
        story about Spain the suggestion names Spain's, from the agency's
        country as the desk recorded it."""
        for code, name in (
            ("CL", "Ministry of the Environment"),
            ("ES", "Ministry for the Ecological Transition"),
        ):
            AgencyFactory.create(
                name=name,
                slug=f"{code.lower()}-environment",
                kind=Agency.Kind.GOVERNMENT,
                country=code,
                aliases=["the environment ministry"],
            )
        article = ArticleFactory.create(
            body="Temperatures in Spain passed 44C on Sunday. The environment "
            "ministry announced a plan for shaded public spaces."
        )
        detect_suggestions(article.pk)
        assert slug_of(suggestion_on(article, "shaded").agency) == "es-environment"


class TestAcceptConfident:
    def test_accepts_known_agencies_above_the_threshold(
        self, story: Article, editor: User
    ) -> None:
        """Confident suggestions with a known agency become claims; the unknown
        Red Cross stays pending."""
        detect_suggestions(story.pk)
        claims = accept_confident(story.pk, actor=editor, threshold=0.8)
        quotes = {claim.quote for claim in claims}
        assert any(TASS in q for q in quotes)
        assert any(PESKOV in q for q in quotes)
        assert story.suggestions.pending().get().agency_name == "Red Cross"


class TestWhenDetectionRuns:
    def test_an_edit_queues_detection_after_commit(
        self, story: Article, reporter: User, django_capture_on_commit_callbacks
    ) -> None:
        """After a body change commits, detection fills in the suggestions."""
        with django_capture_on_commit_callbacks(execute=True):
            edit_article(story.pk, actor=reporter, body=BODY + "\n\nMore later.")
        assert suggestion_on(story, PESKOV).state == "pending"

    def test_a_failed_detection_never_blocks_saving(
        self,
        story: Article,
        reporter: User,
        monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
        django_capture_on_commit_callbacks,
    ) -> None:
        """Detection raising: the edit is saved all the same and the failure logged."""

        def broken(*args: object, **kwargs: object) -> list[detection.Detection]:
            raise RuntimeError("parser exploded")

        monkeypatch.setattr(detection, "detect", broken)
        with (
            caplog.at_level(logging.ERROR, logger="claims.tasks"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            edit_article(story.pk, actor=reporter, body="A new body, says TASS.")
        story.refresh_from_db()
        assert story.body == "A new body, says TASS."
        assert f"Detection failed for article {story.pk}" in caplog.text
        assert "parser exploded" in caplog.text

    def test_import_queues_detection(
        self, db: None, seed: dict, django_capture_on_commit_callbacks
    ) -> None:
        """Importing a story without claims leaves its passages suggested."""
        seed = {**seed, "claims": []}
        with django_capture_on_commit_callbacks(execute=True):
            load_story(seed)
        article = Article.objects.get(slug=seed["article"]["slug"])
        peskov = suggestion_on(article, "legislators, executive bodies")
        assert slug_of(peskov.agency) == "kremlin"
        assert slug_of(peskov.person) == "dmitry-peskov"
        assert Person.objects.count() == 2


@pytest.fixture
def database_queue() -> Iterator[None]:
    """Tasks go to the database queue (TASKS_BACKEND=database), as in production.

    The tasks handler reads TASKS once and keeps its backends, so swap both.
    """
    saved = dict(task_backends.__dict__)
    task_backends.__dict__.pop("settings", None)
    task_backends.__dict__["_settings"] = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    task_backends.__dict__["_connections"] = Local(task_backends.thread_critical)
    yield
    task_backends.__dict__.clear()
    task_backends.__dict__.update(saved)


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker(
    database_queue: None, story: Article, reporter: User
) -> None:
    """With the database queue, a committed edit queues detection and nothing
    runs until the worker (manage.py db_worker) takes the task."""
    edit_article(story.pk, actor=reporter, body=BODY + "\n\nMore later.")
    assert not story.suggestions.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert suggestion_on(story, PESKOV).state == "pending"
