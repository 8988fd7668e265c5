"""Factories for test data."""

from collections.abc import Sequence
from typing import Any

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.editing import edit_article
from articles.models import Article
from claims.groups import confirm_match
from claims.models import Agency, Claim, Person, ReviewEvent
from claims.services import create_claim, place_quote
from detection import speech
from newsroom.dependencies import retire


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.test")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def role(obj: User, create: bool, extracted: str | None, **kwargs: object) -> None:
        # factory_boy passes the created user, not the factory.
        if extracted:
            obj.groups.add(Group.objects.get(name=extracted))
        if create:
            obj.save()


class AgencyFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    kind = Agency.Kind.NEWS_AGENCY
    country = "RU"
    state_affiliation = Agency.Affiliation.STATE_CONTROLLED
    affiliation_label = "Russian state-controlled media"


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "What happened, in a sentence."
    body = "First paragraph says hello.\n\nSecond paragraph says goodbye."
    byline = "Newsroom staff"
    dateline = "Kyiv"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def make_claim(article: Article, quote: str, **fields: object) -> Claim:
    """A claim on ``quote`` (which must occur once in the article), saved."""
    agency = fields.pop("agency", None) or AgencyFactory.create()
    return create_claim(article, quote=quote, agency=agency, **fields)  # type: ignore[arg-type]


def confirm_as_one_group(claims: Sequence[Claim], *, actor: User | None) -> None:
    """Confirm these claims (one sentence in as many stories) as one group,
    through ``confirm_match``, by pairs and then pairs of pairs: a merge saves
    every member of both sides, so each claim is saved about log2(n) times
    rather than n times, as when each joins the growing group in turn."""
    step = 1
    while step < len(claims):
        for index in range(0, len(claims) - step, 2 * step):
            confirm_match(claims[index].pk, claims[index + step].pk, actor=actor)
        step *= 2


def edit_text(article: Article, **fields: Any) -> None:
    """Edit an article through ``edit_article`` (a minor change when published),
    and refresh the instance."""
    edit_article(article.pk, actor=None, change_kind="minor", **fields)
    article.refresh_from_db()


BODY = (
    "Gas flows through the pipeline fell by a third overnight, the TASS news "
    "agency reported.\n\n"
    "Kremlin spokesman Dmitry Peskov said the cuts were caused by a faulty turbine.\n\n"
    "According to the Red Cross, about 4,000 families had no heating on Monday.\n\n"
    "Needless to say, the winter will be long."
)
TASS = "Gas flows through the pipeline fell by a third overnight"
PESKOV = "the cuts were caused by a faulty turbine"
RED_CROSS = "about 4,000 families had no heating on Monday"


def suggestion_story() -> Article:
    """A draft with three attributed passages (TASS, Peskov, an unknown Red
    Cross) and the story's own voice; TASS, the Kremlin and Peskov are known."""
    AgencyFactory.create(
        slug="tass",
        name="TASS",
        aliases=["TASS", "the TASS news agency"],
    )
    kremlin = AgencyFactory.create(
        slug="kremlin",
        name="The Kremlin",
        aliases=["the Kremlin", "Kremlin"],
        kind=Agency.Kind.GOVERNMENT,
        affiliation_label="",
    )
    Person.objects.create(
        name="Dmitry Peskov",
        slug="dmitry-peskov",
        aliases=["Peskov"],
        role="Kremlin spokesman",
        agency=kremlin,
    )
    return ArticleFactory.create(
        status=Article.Status.DRAFT, published_at=None, body=BODY
    )


def claims_in_bulk(
    article: Article,
    quotes: list[str],
    agencies: list[Agency],
    *,
    reviews: Sequence[tuple[str, str, str]] | None = None,
    reviewer: User | None = None,
) -> list[Claim]:
    """Claims on ``quotes`` (each once in the article), saved in bulk as the
    services would leave them, for tests that need a thousand.

    Each is placed by the same anchoring and given the attribution read from
    the text, as ``create_claim`` does; ``reviews`` gives each claim's
    (status, note, disputed_by) as ``review_claim`` records it, with its
    event. Writing behind the services' back, it retires what it wrote itself.
    """
    text = article.plain_text
    now = timezone.now()
    claims = []
    for index, quote in enumerate(quotes):
        claim = Claim(
            article=article,
            agency=agencies[index % len(agencies)],
            created_at=now,
        )
        claim.set_selectors(place_quote(text, quote))
        claim.attribution_kind = (
            Claim.AttributionKind.DIRECT
            if speech.is_direct_quote(text, claim.start, claim.end)
            else Claim.AttributionKind.REPORTED
        )
        claim.reporting_verb = speech.reporting_verb(text, claim.start, claim.end)
        status, note, disputed_by = (
            reviews[index] if reviews else (Claim.Status.UNREVIEWED, "", "")
        )
        if status != Claim.Status.UNREVIEWED:
            claim.status, claim.note, claim.disputed_by = status, note, disputed_by
            claim.reviewed_by, claim.reviewed_at, claim.version = reviewer, now, 2
        claims.append(claim)
    Claim.objects.bulk_create(claims, batch_size=500)
    ReviewEvent.objects.bulk_create(
        [
            ReviewEvent(
                claim=claim,
                kind=ReviewEvent.Kind.REVIEW,
                old_status=Claim.Status.UNREVIEWED,
                new_status=claim.status,
                old_anchor_state=claim.anchor_state,
                new_anchor_state=claim.anchor_state,
                note=claim.note,
                disputed_by=claim.disputed_by,
                actor=reviewer,
                version=claim.version,
                created_at=now,
            )
            for claim in claims
            if claim.version > 1
        ],
        batch_size=500,
    )
    # Retired as a service would: every page showing them is built anew.
    retire(*claims)
    return claims
