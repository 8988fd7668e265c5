"""The desk teaches detection: every decision on a suggestion is kept, an
agency a reporter chose for a source is used for that source from then on,
and rejected cues and sources are suggested with less confidence."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from claims.models import Agency, Suggestion, SuggestionDecision
from claims.services import accept_suggestion, detect_suggestions, reject_suggestion
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.detection]


@pytest.fixture
def presidency(db: None) -> Agency:
    AgencyFactory.create(
        slug="ukraine-government",
        name="Government of Ukraine",
        aliases=["Ukraine", "Kyiv"],
        kind=Agency.Kind.GOVERNMENT,
    )
    return AgencyFactory.create(
        slug="ukraine-presidency",
        name="Office of the President of Ukraine",
        aliases=["the presidential office"],
        kind=Agency.Kind.GOVERNMENT,
    )


def draft(body: str) -> Article:
    return ArticleFactory.create(
        status=Article.Status.DRAFT, published_at=None, body=body
    )


def only_pending(article: Article) -> Suggestion:
    pending = list(Suggestion.objects.pending().filter(article=article))
    assert len(pending) == 1, pending
    return pending[0]


def test_an_agency_the_reporter_chose_is_suggested_for_the_same_wording(
    presidency: Agency, reporter: User
) -> None:
    first = draft("Bankova said on Monday that the talks would resume in March.")
    detect_suggestions(first.pk)
    suggestion = only_pending(first)
    assert suggestion.agency is None
    assert suggestion.source == "Bankova"

    accept_suggestion(suggestion.pk, actor=reporter, agency=presidency)

    decision = SuggestionDecision.objects.get()
    assert (decision.verdict, decision.source) == ("accepted", "Bankova")
    assert decision.agency == presidency
    assert decision.changed == ["agency"]

    second = draft("Bankova said the delegation would travel to Geneva on Friday.")
    detect_suggestions(second.pk)
    assert only_pending(second).agency == presidency


def test_a_rejected_cue_and_source_is_suggested_with_less_confidence(
    presidency: Agency, reporter: User
) -> None:
    body = "Prices will rise again in May, the presidential office said."
    first = draft(body)
    detect_suggestions(first.pk)
    before = only_pending(first)
    reject_suggestion(before.pk, actor=reporter)
    assert SuggestionDecision.objects.get().verdict == "rejected"

    second = draft("Exports fell by a fifth in April, the presidential office said.")
    detect_suggestions(second.pk)
    after = only_pending(second)
    assert after.agency == presidency
    assert after.confidence < before.confidence


def test_a_changed_span_and_speaker_are_recorded(
    presidency: Agency, reporter: User
) -> None:
    article = draft("Bankova said on Monday that the talks would resume in March.")
    detect_suggestions(article.pk)
    suggestion = only_pending(article)
    accept_suggestion(
        suggestion.pk,
        actor=reporter,
        agency=presidency,
        speaker="an aide to the president",
        start=suggestion.start,
        end=suggestion.end - len(" in March"),
    )
    decision = SuggestionDecision.objects.get()
    assert decision.changed == ["span", "agency", "speaker"]
    assert decision.decided_by == reporter
