"""State changes of articles: create, change the address, submit, send back,
publish, unpublish.

Each is one function and one transaction that logs who did what; editing an
article's text re-anchors its claims, so ``edit_article`` lives with the
claims (``claims.services``) and uses ``check_change`` and
``record_revision`` from here.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, ArticleEvent, ArticleRevision
from newsroom.dependencies import affected, retire
from newsroom.validators import validate_text
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
)
REVISED_FIELDS = ("headline", "standfirst", "body")


def _user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def _require(actor: Actor, permission: str, what: str) -> None:
    # None is the system itself (demo loading, commands).
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {what}.")


def _require_publisher(actor: Actor) -> None:
    _require(actor, "articles.publish_article", "publish or unpublish articles")


def check_change(
    article: Article, changed: set[str], change_kind: str, change_note: str
) -> tuple[str, str]:
    """The kind and note a change to an article's text must carry.

    A published article's changed text needs a kind (correction, update,
    clarification or minor) and, unless minor, a note for readers; a draft's
    edit is a draft edit. Refuses with a ValidationError naming the field.
    """
    change_kind, change_note = (change_kind or "").strip(), (change_note or "").strip()
    if article.status != Article.Status.PUBLISHED or not changed & set(REVISED_FIELDS):
        return ArticleRevision.ChangeKind.DRAFT, change_note
    kinds = ArticleRevision.PUBLISHED_KINDS
    if change_kind not in kinds:
        raise ValidationError(
            {
                "change_kind": "This article is published: say what kind of change "
                f"this is ({', '.join(kinds)})."
            }
        )
    if change_kind != ArticleRevision.ChangeKind.MINOR and not change_note:
        raise ValidationError(
            {
                "change_note": "A note for readers is required for a "
                f"{change_kind} of a published article."
            }
        )
    try:
        validate_text(change_note)
    except ValidationError as error:
        raise ValidationError({"change_note": error.messages}) from error
    return change_kind, change_note


def record_revision(
    article: Article,
    *,
    actor: Actor,
    change_kind: str,
    change_note: str = "",
    at: datetime | None = None,
) -> ArticleRevision:
    """Keep the article's current text as its next revision (``at`` dates an
    imported one)."""
    last = article.revisions.order_by("-number").values_list("number", flat=True)
    return ArticleRevision.objects.create(
        article=article,
        number=(last.first() or 0) + 1,
        headline=article.headline,
        standfirst=article.standfirst,
        body=article.body,
        change_kind=change_kind,
        change_note=change_note,
        actor=_user(actor),
        created_at=at or timezone.now(),
    )


def log_event(  # noqa: PLR0913 - keyword-only, one per field of the log entry
    article: Article,
    kind: str,
    *,
    old_status: str,
    actor: Actor,
    comment: str = "",
    at: datetime | None = None,
) -> ArticleEvent:
    """Write one entry of the article's workflow log (``at`` dates an imported one)."""
    return ArticleEvent.objects.create(
        article=article,
        kind=kind,
        old_status=old_status,
        new_status=article.status,
        comment=comment,
        actor=_user(actor),
        created_at=at or timezone.now(),
    )


@service
def create_article(
    *, slug: str, actor: Actor, at: datetime | None = None, **fields: Any
) -> Article:
    """Create a draft article and its first revision; ``at`` dates an imported
    story's creation."""
    _require(actor, "articles.add_article", "add articles")
    article = Article(slug=slug, created_by=_user(actor), **fields)
    article.status = Article.Status.DRAFT
    article.full_clean(exclude=["created_by"])
    article.save()
    revision = record_revision(
        article, actor=actor, change_kind=ArticleRevision.ChangeKind.DRAFT, at=at
    )
    retire(article, revision)
    log_event(
        article,
        ArticleEvent.Kind.CREATED,
        old_status=article.status,
        actor=actor,
        at=at,
    )
    return article


def _locked(article_id: int) -> Article:
    return Article.objects.select_for_update().get(pk=article_id)


@service
def change_slug(article_id: int, *, slug: str, actor: Actor) -> Article:
    """Give an article a new address.

    The pages cached at the old address are retired with the change: the
    old address answers 404 at once, in every process.
    """
    _require(actor, "articles.change_article", "change articles")
    article = _locked(article_id)
    if article.slug == slug:
        return article
    leaving = affected([article])
    article.slug = slug
    article.full_clean(exclude=["created_by"])
    article.save(update_fields=["slug", "updated_at"])
    retire(article, also=leaving)
    return article


@service
def submit_article(article_id: int, *, actor: Actor, comment: str = "") -> Article:
    """Send a draft to the editors for review."""
    _require(actor, "articles.change_article", "submit articles")
    article = _locked(article_id)
    if article.status != Article.Status.DRAFT:
        raise ValidationError(
            {
                "status": f"Only a draft can be submitted; this one is {article.get_status_display().lower()}."
            }
        )
    article.status = Article.Status.IN_REVIEW
    article.save(update_fields=["status", "updated_at"])
    log_event(
        article,
        ArticleEvent.Kind.SUBMITTED,
        old_status=Article.Status.DRAFT,
        actor=actor,
        comment=comment.strip(),
    )
    retire(article)
    return article


@service
def send_back_article(article_id: int, *, actor: Actor, comment: str) -> Article:
    """Return an article in review to its reporter, saying why."""
    _require_publisher(actor)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": "Say why the article goes back: the reporter reads it."}
        )
    try:
        validate_text(comment)
    except ValidationError as error:
        raise ValidationError({"comment": error.messages}) from error
    article = _locked(article_id)
    if article.status != Article.Status.IN_REVIEW:
        raise ValidationError({"status": "Only an article in review can be sent back."})
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    log_event(
        article,
        ArticleEvent.Kind.SENT_BACK,
        old_status=Article.Status.IN_REVIEW,
        actor=actor,
        comment=comment,
    )
    retire(article)
    return article


@service
def publish_article(
    article_id: int, *, actor: Actor, at: datetime | None = None
) -> Article:
    """Publish an article; the first publication sets its publication time
    (``at`` for an imported story, else now)."""
    _require_publisher(actor)
    article = _locked(article_id)
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError({"status": "The article is already published."})
    old = article.status
    article.status = Article.Status.PUBLISHED
    article.published_at = article.published_at or at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    log_event(
        article,
        ArticleEvent.Kind.PUBLISHED,
        old_status=old,
        actor=actor,
        at=at,
    )
    retire(article)
    return article


@service
def unpublish_article(article_id: int, *, actor: Actor) -> Article:
    """Return an article to draft: it disappears from every public page."""
    _require_publisher(actor)
    article = _locked(article_id)
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError({"status": "The article is not published."})
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    log_event(
        article,
        ArticleEvent.Kind.UNPUBLISHED,
        old_status=Article.Status.PUBLISHED,
        actor=actor,
    )
    retire(article)
    return article
