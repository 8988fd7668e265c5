"""A note for readers alone on a published article: a clarification, update
or correction told without a change of the text, now or at a time ahead.

It is the only change that can be scheduled (``check_schedule`` says why):
the text readers see is the text the claims are anchored to, so only the
note can wait for its time.
"""

from datetime import datetime

from articles import notices
from articles.models import Article, ArticleEvent, ArticleRevision
from articles.services import Actor, log_event, record_revision
from newsroom import caching


def add_change_note(
    article: Article,
    *,
    kind: str,
    note: str,
    change_at: datetime | None,
    actor: Actor,
) -> ArticleRevision:
    """Record the note as a revision of the unchanged text, shown to readers
    from ``change_at`` (or at once), and log it; ``article`` is locked by the
    caller, whose transaction this runs in."""
    article.version += 1
    article.save(update_fields=["version", "updated_at"])
    revision = record_revision(
        article, actor=actor, change_kind=kind, change_note=note, publish_at=change_at
    )
    scheduled = (
        f" (shown from {change_at.isoformat(timespec='minutes')})" if change_at else ""
    )
    log_event(
        article,
        ArticleEvent.Kind.EDITED,
        old_status=article.status,
        actor=actor,
        comment=note + scheduled,
    )
    if change_at is not None:
        # A moment the caches must learn of: at it, every answer showing the
        # article is named anew, with nothing run then.
        caching.reschedule()
    notices.corrected(article, revision, actor=actor)
    return revision
