"""Which cached pages each change retires: signal receivers, nothing else.

A claim shows on its article's page, its agency's page, its own page and the
lists (index, feeds, API lists); an article's text and status reach the
pages of its claims and of their agencies; an agency's name and label reach
every page that attributes a claim to it. Each receiver replaces the tokens
of exactly those scopes (``newsroom.caching``). Two scopes name parts kept
apart from pages: an article's own text and corrections, which a review
leaves standing, and every agency and person, which each claim's kept note
and label show.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from articles.models import Article, ArticleRevision
from claims.models import Agency, AgencyLabelChange, Claim, Person, ReviewEvent
from newsroom import caching
from newsroom.caching import (
    ATTRIBUTIONS,
    LISTS,
    agency_scope,
    article_scope,
    article_text_scope,
    claim_scope,
)


def _claim_scopes(claim_pk: Any, article_id: Any, agency_id: Any) -> set[str]:
    scopes = {LISTS, claim_scope(claim_pk)}
    scopes.update(
        article_scope(slug)
        for slug in Article.objects.filter(pk=article_id).values_list("slug", flat=True)
    )
    scopes.update(
        agency_scope(slug)
        for slug in Agency.objects.filter(pk=agency_id).values_list("slug", flat=True)
    )
    return scopes


def _remember(sender: Any, instance: Any, fields: list[str]) -> None:
    """Keep a changing row's previous values: a move away must retire the old pages."""
    if instance.pk is None:
        return
    instance._cache_previous = (
        sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    )


def claim_will_change(sender: Any, instance: Claim, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is None or "agency" in update_fields:
        _remember(sender, instance, ["agency_id"])


def _siblings(claims: Any) -> set[str]:
    """The pages of grouped claims' other members: each says where else its
    claim appears (a group's own changes retire them in ``claims.groups``)."""
    scopes = set()
    for pk, slug in (
        Claim.objects.filter(group__claims__in=claims)
        .exclude(pk__in=claims.values("pk"))
        .values_list("pk", "article__slug")
    ):
        scopes |= {claim_scope(pk), article_scope(slug)}
    return scopes


def claim_changed(sender: Any, instance: Claim, **kwargs: Any) -> None:
    scopes = _claim_scopes(instance.pk, instance.article_id, instance.agency_id)
    previous = getattr(instance, "_cache_previous", None)
    if previous and previous["agency_id"] != instance.agency_id:
        scopes |= _claim_scopes(instance.pk, None, previous["agency_id"])
    # A withdrawn member is no appearance of its group any more.
    if instance.group_id is not None and "withdrawn_at" in (
        kwargs.get("update_fields") or ()
    ):
        scopes |= _siblings(Claim.objects.filter(pk=instance.pk))
    caching.bump(scopes)


def event_changed(sender: Any, instance: ReviewEvent, **kwargs: Any) -> None:
    # The article's review log and the reviews feed show history.
    row = (
        Claim.objects.filter(pk=instance.claim_id)
        .values("article_id", "agency_id")
        .first()
    )
    if row:
        caching.bump(
            _claim_scopes(instance.claim_id, row["article_id"], row["agency_id"])
        )


def article_will_change(sender: Any, instance: Article, **kwargs: Any) -> None:
    _remember(sender, instance, ["slug"])


def article_changed(sender: Any, instance: Article, **kwargs: Any) -> None:
    claims = Claim.objects.filter(article_id=instance.pk)
    scopes = {LISTS, article_scope(instance.slug), article_text_scope(instance.slug)}
    previous = getattr(instance, "_cache_previous", None)
    if previous:
        scopes |= {
            article_scope(previous["slug"]),
            article_text_scope(previous["slug"]),
        }
    scopes.update(claim_scope(pk) for pk in claims.values_list("pk", flat=True))
    # Published or not, the story is an appearance of its grouped claims or not.
    scopes |= _siblings(claims)
    scopes.update(
        agency_scope(slug)
        for slug in Agency.objects.filter(claims__article_id=instance.pk)
        .values_list("slug", flat=True)
        .distinct()
    )
    caching.bump(scopes)
    update_fields = kwargs.get("update_fields")
    if update_fields is None or {"status", "publish_at"} & set(update_fields):
        # It may have been scheduled, published or had its embargo lifted.
        caching.reschedule()


def revision_changed(sender: Any, instance: ArticleRevision, **kwargs: Any) -> None:
    # Corrections show on the article, in its JSON-LD and in the corrections feed.
    slugs = Article.objects.filter(pk=instance.article_id).values_list(
        "slug", flat=True
    )
    caching.bump(
        {
            LISTS,
            *(article_scope(slug) for slug in slugs),
            *(article_text_scope(slug) for slug in slugs),
        }
    )
    if instance.publish_at is not None:
        caching.reschedule()


def label_recorded(sender: Any, instance: AgencyLabelChange, **kwargs: Any) -> None:
    # The agency page shows its label history.
    slugs = Agency.objects.filter(pk=instance.agency_id).values_list("slug", flat=True)
    caching.bump({LISTS, *(agency_scope(slug) for slug in slugs)})


def agency_will_change(sender: Any, instance: Agency, **kwargs: Any) -> None:
    _remember(sender, instance, ["slug"])


def agency_changed(sender: Any, instance: Agency, **kwargs: Any) -> None:
    scopes = {LISTS, ATTRIBUTIONS, agency_scope(instance.slug)}
    previous = getattr(instance, "_cache_previous", None)
    if previous:
        scopes.add(agency_scope(previous["slug"]))
    claims = Claim.objects.filter(agency_id=instance.pk)
    scopes.update(claim_scope(pk) for pk in claims.values_list("pk", flat=True))
    scopes.update(
        article_scope(slug)
        for slug in Article.objects.filter(claims__agency_id=instance.pk)
        .values_list("slug", flat=True)
        .distinct()
    )
    caching.bump(scopes)


def person_changed(sender: Any, instance: Person, **kwargs: Any) -> None:
    # Readers see a person's role and name wherever their claims are shown.
    scopes = {LISTS, ATTRIBUTIONS}
    for pk, article_id, agency_id in Claim.objects.filter(
        person_id=instance.pk
    ).values_list("pk", "article_id", "agency_id"):
        scopes |= _claim_scopes(pk, article_id, agency_id)
    caching.bump(scopes)


def connect() -> None:
    """Connect the receivers (from ``ClaimsConfig.ready``)."""
    uid = "newsroom-cache"
    pre_save.connect(claim_will_change, sender=Claim, dispatch_uid=f"{uid}-claim-pre")
    post_save.connect(claim_changed, sender=Claim, dispatch_uid=f"{uid}-claim")
    post_delete.connect(claim_changed, sender=Claim, dispatch_uid=f"{uid}-claim-del")
    post_save.connect(event_changed, sender=ReviewEvent, dispatch_uid=f"{uid}-event")
    pre_save.connect(
        article_will_change, sender=Article, dispatch_uid=f"{uid}-article-pre"
    )
    post_save.connect(article_changed, sender=Article, dispatch_uid=f"{uid}-article")
    post_delete.connect(
        article_changed, sender=Article, dispatch_uid=f"{uid}-article-del"
    )
    pre_save.connect(
        agency_will_change, sender=Agency, dispatch_uid=f"{uid}-agency-pre"
    )
    post_save.connect(agency_changed, sender=Agency, dispatch_uid=f"{uid}-agency")
    post_delete.connect(agency_changed, sender=Agency, dispatch_uid=f"{uid}-agency-del")
    post_save.connect(person_changed, sender=Person, dispatch_uid=f"{uid}-person")
