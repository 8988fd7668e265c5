"""State changes of articles: create, change the address, submit, send back,
publish (now or under embargo), lift an embargo, unpublish.

Each is one function and one transaction that logs who did what. Editing
an article's text is ``articles.editing.edit_article``; what a change of a
published text must carry is checked in ``articles.change_notes``, and an
article's version in ``articles.locking``.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import notices
from articles.locking import lock_article
from articles.models import Article, ArticleEvent, ArticleRevision
from newsroom import caching
from newsroom.dependencies import affected, retire
from newsroom.validators import checked_text
from newsroom.writes import service

Actor = AbstractUser | AnonymousUser | None

# The fields an edit may change; the text ones are kept in revisions.
EDITABLE_FIELDS = (
    "headline",
    "standfirst",
    "body",
    "byline",
    "dateline",
    "language",
    "section",
)
REVISED_FIELDS = ("headline", "standfirst", "body")


class UnconfirmedPublish(Exception):
    """Publishing would put open work before readers; nothing was written.

    ``unresolved`` names each item (unreviewed claims, pending suggestions,
    claims whose words changed), as the checks claims registers give them.
    """

    def __init__(self, article: Article, unresolved: list[str]) -> None:
        self.article = article
        self.unresolved = unresolved
        super().__init__(
            f"“{article.headline}” has {len(unresolved)} open item(s): "
            + "; ".join(unresolved)
            + ". Publish anyway only if readers may see them as they are."
        )


# What must be looked at before a story is published, each a function from
# the article to a list of items in words. The claims app registers its own
# (articles knows nothing of claims).
PUBLISH_CHECKS: list[Callable[[Article], list[str]]] = []


def register_publish_check(check: Callable[[Article], list[str]]) -> None:
    """Add a check ``publish_article`` asks before publishing unconfirmed."""
    if check not in PUBLISH_CHECKS:
        PUBLISH_CHECKS.append(check)


def unresolved_before_publishing(article: Article) -> list[str]:
    """Every open item the registered checks find, in words."""
    return [item for check in PUBLISH_CHECKS for item in check(article)]


def acting_user(actor: Actor) -> Any:
    """The user behind an actor, or None for the system and anonymous."""
    return actor if actor is not None and actor.is_authenticated else None


def require(actor: Actor, permission: str, what: str) -> None:
    # None is the system itself (demo loading, commands).
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {what}.")


def _require_publisher(actor: Actor) -> None:
    require(actor, "articles.publish_article", "publish or unpublish articles")


def record_revision(  # noqa: PLR0913 - keyword-only, one per field of the revision
    article: Article,
    *,
    actor: Actor,
    change_kind: str,
    change_note: str = "",
    at: datetime | None = None,
    publish_at: datetime | None = None,
) -> ArticleRevision:
    """Keep the article's current text as its next revision (``at`` dates an
    imported one; ``publish_at`` schedules a correction's note for readers)."""
    last = article.revisions.order_by("-number").values_list("number", flat=True)
    revision = ArticleRevision.objects.create(
        article=article,
        number=(last.first() or 0) + 1,
        headline=article.headline,
        standfirst=article.standfirst,
        body=article.body,
        change_kind=change_kind,
        change_note=change_note,
        actor=acting_user(actor),
        created_at=at or timezone.now(),
        publish_at=publish_at,
    )
    # Corrections show on the story, in its JSON-LD and in the feeds.
    retire(revision)
    if publish_at is not None:
        caching.reschedule()
    return revision


def log_event(  # noqa: PLR0913 - keyword-only, one per field of the log entry
    article: Article,
    kind: str,
    *,
    old_status: str,
    actor: Actor,
    comment: str = "",
    at: datetime | None = None,
    fields: list[str] | None = None,
) -> ArticleEvent:
    """Write one entry of the article's workflow log (``at`` dates an imported
    one), with the version the change made."""
    return ArticleEvent.objects.create(
        article=article,
        kind=kind,
        old_status=old_status,
        new_status=article.status,
        comment=comment,
        version=article.version,
        fields=fields or [],
        actor=acting_user(actor),
        created_at=at or timezone.now(),
    )


@service
def create_article(
    *, slug: str, actor: Actor, at: datetime | None = None, **fields: Any
) -> Article:
    """Create a draft article and its first revision; ``at`` dates an imported
    story's creation."""
    require(actor, "articles.add_article", "add articles")
    article = Article(slug=slug, created_by=acting_user(actor), **fields)
    article.status = Article.Status.DRAFT
    article.full_clean(exclude=["created_by"])
    article.save()
    record_revision(
        article, actor=actor, change_kind=ArticleRevision.ChangeKind.DRAFT, at=at
    )
    retire(article)
    log_event(
        article,
        ArticleEvent.Kind.CREATED,
        old_status=article.status,
        actor=actor,
        at=at,
    )
    return article


def _locked(article_id: int, expected_version: int | None) -> Article:
    article = lock_article(article_id, expected_version)
    article.version += 1
    return article


@service
def change_slug(
    article_id: int, *, slug: str, actor: Actor, expected_version: int | None = None
) -> Article:
    """Give an article a new address.

    The pages cached at the old address are retired with the change: the
    old address answers 404 at once, in every process.
    """
    require(actor, "articles.change_article", "change articles")
    article = lock_article(article_id, expected_version)
    if article.slug == slug:
        return article
    leaving = affected([article])
    article.slug = slug
    article.version += 1
    article.full_clean(exclude=["created_by"])
    article.save(update_fields=["slug", "version", "updated_at"])
    retire(article, also=leaving)
    log_event(
        article,
        ArticleEvent.Kind.EDITED,
        old_status=article.status,
        actor=actor,
        fields=["slug"],
    )
    return article


@service
def submit_article(
    article_id: int,
    *,
    actor: Actor,
    comment: str = "",
    expected_version: int | None = None,
) -> Article:
    """Send a draft to the editors for review."""
    require(actor, "articles.change_article", "submit articles")
    article = _locked(article_id, expected_version)
    if article.status != Article.Status.DRAFT:
        raise ValidationError(
            {
                "status": f"Only a draft can be submitted; this one is {article.get_status_display().lower()}."
            }
        )
    article.status = Article.Status.IN_REVIEW
    article.save(update_fields=["status", "version", "updated_at"])
    retire(article)
    log_event(
        article,
        ArticleEvent.Kind.SUBMITTED,
        old_status=Article.Status.DRAFT,
        actor=actor,
        comment=comment.strip(),
    )
    notices.submitted(article, actor=actor, comment=comment.strip())
    return article


@service
def send_back_article(
    article_id: int,
    *,
    actor: Actor,
    comment: str,
    expected_version: int | None = None,
) -> Article:
    """Return an article in review to its reporter, saying why."""
    _require_publisher(actor)
    comment = checked_text(
        comment,
        "comment",
        missing="Say why the article goes back: the reporter reads it.",
    )
    article = _locked(article_id, expected_version)
    if article.status != Article.Status.IN_REVIEW:
        raise ValidationError({"status": "Only an article in review can be sent back."})
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "version", "updated_at"])
    retire(article)
    log_event(
        article,
        ArticleEvent.Kind.SENT_BACK,
        old_status=Article.Status.IN_REVIEW,
        actor=actor,
        comment=comment,
    )
    notices.sent_back(article, actor=actor, comment=comment)
    return article


@service
def publish_article(  # noqa: PLR0913 - keyword-only, one per field the service sets
    article_id: int,
    *,
    actor: Actor,
    at: datetime | None = None,
    schedule: datetime | None = None,
    expected_version: int | None = None,
    confirmed: bool = True,
) -> Article:
    """Publish an article; the first publication sets its publication time
    (``at`` for an imported story, else now).

    ``schedule``, a time ahead, publishes it under embargo: nothing of it is
    public until then, and at that time it is, with nothing more to do.

    The desk and the API pass ``confirmed=False`` until the editor confirms:
    open items (unreviewed claims, pending suggestions, claims whose words
    changed) then raise UnconfirmedPublish naming them. Imports and the
    system publish as they are told.
    """
    _require_publisher(actor)
    now = timezone.now()
    if schedule is not None and schedule <= now:
        raise ValidationError(
            {"at": "A scheduled publication time must be in the future."}
        )
    article = _locked(article_id, expected_version)
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError({"status": "The article is already published."})
    if not confirmed:
        unresolved = unresolved_before_publishing(article)
        if unresolved:
            raise UnconfirmedPublish(article, unresolved)
    old, embargoed = article.status, article.publish_at is not None
    article.status = Article.Status.PUBLISHED
    article.publish_at = schedule
    if schedule is not None:
        article.published_at = schedule
    else:
        article.published_at = article.published_at or at or now
    article.save(
        update_fields=["status", "published_at", "publish_at", "version", "updated_at"]
    )
    retire(article)
    if schedule is not None or embargoed:
        caching.reschedule()
    log_event(
        article,
        ArticleEvent.Kind.SCHEDULED if schedule else ArticleEvent.Kind.PUBLISHED,
        old_status=old,
        actor=actor,
        comment=f"Embargoed until {schedule.isoformat(timespec='minutes')}"
        if schedule
        else "",
        at=at,
    )
    notices.published(article, actor=actor)
    return article


@service
def lift_embargo(article_id: int, *, actor: Actor, reason: str) -> Article:
    """Make an embargoed story public now, before its time; who and why are logged."""
    _require_publisher(actor)
    reason = checked_text(
        reason,
        "reason",
        missing="Say why the embargo is lifted early: it is kept in the log.",
    )
    article = _locked(article_id, None)
    if not article.embargoed or article.publish_at is None:
        raise ValidationError({"status": "The article is not under embargo."})
    was = article.publish_at
    now = timezone.now()
    article.publish_at = now
    article.published_at = now
    article.save(update_fields=["publish_at", "published_at", "version", "updated_at"])
    retire(article)
    caching.reschedule()
    log_event(
        article,
        ArticleEvent.Kind.EMBARGO_LIFTED,
        old_status=article.status,
        actor=actor,
        comment=f"{reason} (was embargoed until {was.isoformat(timespec='minutes')})",
    )
    return article


@service
def unpublish_article(
    article_id: int, *, actor: Actor, expected_version: int | None = None
) -> Article:
    """Return an article to draft: it disappears from every public page."""
    _require_publisher(actor)
    article = _locked(article_id, expected_version)
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError({"status": "The article is not published."})
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "version", "updated_at"])
    retire(article)
    if article.publish_at is not None:
        caching.reschedule()
    log_event(
        article,
        ArticleEvent.Kind.UNPUBLISHED,
        old_status=Article.Status.PUBLISHED,
        actor=actor,
    )
    return article
