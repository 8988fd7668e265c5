"""Repeats of a claim in other stories are proposed with a score; near misses
are never "the same claim"."""

import pytest
from django.core.management import call_command

from articles.models import Article
from claims import folding, matching
from claims.models import Agency, Claim, ClaimMatch, Person
from claims.services import change_attribution, reattach_claim, withdraw_claim
from tests.factories import AgencyFactory, ArticleFactory, edit_text, make_claim

pytestmark = pytest.mark.django_db

TURNOUT = "Turnout in Zaporizhzhia reached 61% by Tuesday evening, the election commission said"


def story(sentence: str) -> Article:
    return ArticleFactory.create(body=f"{sentence}.\n\nOther matters followed.")


def claim_in(sentence: str, agency: Agency, **fields: object) -> Claim:
    return make_claim(story(sentence), sentence, agency=agency, **fields)


@pytest.fixture
def ria() -> Agency:
    return AgencyFactory.create(name="RIA Novosti", slug="ria-novosti")


@pytest.fixture
def tass() -> Agency:
    return AgencyFactory.create(name="TASS", slug="tass")


class TestFolding:
    def test_quotes_case_and_number_formats_fold_alike(self) -> None:
        """Curly quotes, capitals, "per cent" and thousands separators fold away."""
        assert folding.fold("\u201cAbout 4,000 Families\u201d: 61 per cent") == (
            folding.fold('"about 4000 families": 61%')
        )
        assert folding.fold("1.2 million") == folding.fold("1,200,000")
        assert folding.fold("It won't") == folding.fold("it will not")

    def test_figures_and_negations_are_kept(self) -> None:
        """A figure or a "not" is what folding never removes."""
        assert folding.figures(folding.fold("61%")) != folding.figures(
            folding.fold("16%")
        )
        assert folding.negations(folding.fold("Russia will not recognise it")) == 1
        assert folding.negations(folding.fold("Russia will recognise it")) == 0


class TestCandidates:
    def test_same_agency_same_figure_is_the_same_claim(self, ria: Agency) -> None:
        """Two stories with the same agency and figure give a scored candidate."""
        first = claim_in(TURNOUT, ria)
        second = claim_in(
            "\u201cturnout in Zaporizhzhia reached 61 per cent by Tuesday "
            "evening\u201d, the election commission said",
            ria,
        )
        (found,) = matching.candidates(second)
        assert found.claim_id == first.pk
        assert found.article_id == first.article_id
        assert found.kind == ClaimMatch.Kind.SAME
        assert found.score >= matching.thresholds()[0]
        pair = ClaimMatch.objects.get()
        assert (pair.first_id, pair.second_id) == (first.pk, second.pk)
        assert pair.state == ClaimMatch.State.PENDING
        assert pair.kind == ClaimMatch.Kind.SAME
        assert pair.score == pytest.approx(found.score, abs=0.001)

    def test_a_different_figure_is_never_the_same_claim(self, ria: Agency) -> None:
        """61% against 16%: similar at most, and it says the figures differ."""
        claim_in(TURNOUT, ria)
        second = claim_in(TURNOUT.replace("61%", "16%"), ria)
        found = matching.candidates(second)
        assert [item.kind for item in found] == [ClaimMatch.Kind.SIMILAR]
        assert found[0].differs == (matching.FIGURES,)
        assert ClaimMatch.objects.get().differs == "figures"

    def test_a_different_agency_is_no_candidate(
        self, ria: Agency, tass: Agency
    ) -> None:
        """TASS against RIA Novosti: the same words from another source are not
        proposed at all."""
        claim_in(TURNOUT, ria)
        second = claim_in(TURNOUT, tass)
        assert matching.candidates(second) == []
        assert not ClaimMatch.objects.exists()

    def test_a_negation_is_never_the_same_claim(self, ria: Agency) -> None:
        """ "will" against "will not": similar at most."""
        claim_in("Moscow will recognise the results of the votes", ria)
        second = claim_in("Moscow will not recognise the results of the votes", ria)
        found = matching.candidates(second)
        assert [item.kind for item in found] == [ClaimMatch.Kind.SIMILAR]
        assert matching.NEGATION in found[0].differs

    def test_same_person_other_agency_is_similar_at_most(
        self, ria: Agency, tass: Agency
    ) -> None:
        """The same person quoted via two agencies is proposed, never as the same."""
        peskov = Person.objects.create(name="Dmitry Peskov", slug="peskov", agency=ria)
        claim_in(TURNOUT, ria, person=peskov)
        second = claim_in(TURNOUT, tass, person=peskov)
        (found,) = matching.candidates(second)
        assert found.kind == ClaimMatch.Kind.SIMILAR
        assert found.differs == (matching.SOURCE,)

    def test_the_same_story_and_other_words_are_no_candidates(
        self, ria: Agency
    ) -> None:
        """Claims of the claim's own story, and unrelated words, are not proposed."""
        article = ArticleFactory.create(
            body=f"{TURNOUT}.\n\nBut {TURNOUT.lower()}, again."
        )
        make_claim(article, TURNOUT, agency=ria)
        claim_in("Gas flows through the pipeline fell by a third overnight", ria)
        again = make_claim(article, TURNOUT.lower(), agency=ria)
        assert matching.candidates(again) == []

    def test_withdrawn_claims_are_no_candidates(self, ria: Agency) -> None:
        """A withdrawn claim is shown to nobody, and proposed to nobody."""
        first = claim_in(TURNOUT, ria)
        withdraw_claim(
            first.pk, note="Wrong story.", expected_version=first.version, actor=None
        )
        assert matching.candidates(claim_in(TURNOUT, ria)) == []

    def test_a_rewording_is_similar(self, ria: Agency) -> None:
        """Other words for the same figure are similar, not the same."""
        claim_in("Russia will recognise the results, Peskov said", ria)
        second = claim_in(
            "Russia will recognise the results, Peskov told reporters", ria
        )
        found = matching.candidates(second)
        assert [item.kind for item in found] == [ClaimMatch.Kind.SIMILAR]
        assert found[0].differs == ()


GAS = "Gas flows through the pipeline fell by a third overnight"


class TestWordsChange:
    def test_a_corrected_figure_makes_the_candidate_the_same_claim(
        self, ria: Agency
    ) -> None:
        """A story's edit that corrects 16% to 61% scores the pair again: what
        was only similar (the figures differed) is now proposed as the same."""
        claim_in(TURNOUT, ria)
        second = claim_in(TURNOUT.replace("61%", "16%"), ria)
        assert ClaimMatch.objects.get().differs == "figures"
        edit_text(second.article, body=second.article.body.replace("16%", "61%"))
        second.refresh_from_db()
        assert "61%" in second.quote
        pair = ClaimMatch.objects.get()
        assert (pair.kind, pair.differs, pair.state) == (
            ClaimMatch.Kind.SAME,
            "",
            ClaimMatch.State.PENDING,
        )
        assert pair.score >= matching.thresholds()[0]

    def test_reattached_words_find_repeats_and_drop_stale_ones(
        self, ria: Agency
    ) -> None:
        """A claim re-attached to other words is proposed as a repeat of the
        claims those words repeat; re-attached away, the proposal is dropped,
        while a pair a person rejected stays rejected."""
        first = claim_in(TURNOUT, ria)
        rejected = claim_in(GAS, ria)
        article = ArticleFactory.create(body=f"{GAS}.\n\n{TURNOUT}.")
        claim = make_claim(article, GAS, agency=ria)
        (pair,) = ClaimMatch.objects.all()
        pair.state = ClaimMatch.State.REJECTED
        pair.save()
        claim = reattach_claim(
            claim.pk, quote=TURNOUT, actor=None, expected_version=claim.version
        )
        found = ClaimMatch.objects.get(state=ClaimMatch.State.PENDING)
        assert {found.first_id, found.second_id} == {first.pk, claim.pk}
        assert found.kind == ClaimMatch.Kind.SAME
        reattach_claim(claim.pk, quote=GAS, actor=None, expected_version=claim.version)
        assert not ClaimMatch.objects.filter(state=ClaimMatch.State.PENDING).exists()
        assert ClaimMatch.objects.get().pk == pair.pk
        assert {pair.first_id, pair.second_id} == {rejected.pk, claim.pk}

    def test_another_agency_drops_the_proposal(self, ria: Agency, tass: Agency) -> None:
        """Attributed to TASS instead, a claim is no longer proposed as a
        repeat of RIA Novosti's; attributed back, it is proposed again."""
        first = claim_in(TURNOUT, ria)
        second = claim_in(TURNOUT, tass)
        assert not ClaimMatch.objects.exists()
        second = change_attribution(
            second.pk, agency=ria, expected_version=second.version, actor=None
        )
        pair = ClaimMatch.objects.get()
        assert {pair.first_id, pair.second_id} == {first.pk, second.pk}
        assert pair.kind == ClaimMatch.Kind.SAME
        change_attribution(
            second.pk, agency=tass, expected_version=second.version, actor=None
        )
        assert not ClaimMatch.objects.exists()


def test_find_repeats_proposes_for_older_claims(ria: Agency) -> None:
    """Claims made before matching (no pairs stored) get their pairs from the command."""
    claim_in(TURNOUT, ria)
    claim_in(TURNOUT, ria)
    ClaimMatch.objects.all().delete()
    call_command("find_repeats", verbosity=0)
    assert ClaimMatch.objects.get().kind == ClaimMatch.Kind.SAME
    call_command("find_repeats", verbosity=0)
    assert ClaimMatch.objects.count() == 1
