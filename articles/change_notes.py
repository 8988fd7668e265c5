"""What a change of a published article must carry, and a note for readers
alone: a clarification, update or correction told without a change of the
text, now or at a time ahead.

A change of the text may be scheduled too (``check_schedule``): it is held
apart until its time (``articles.pending_edits``), so the text readers see
stays the text the claims are anchored to until it is made.
"""

from collections.abc import Collection
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles import notices
from articles.models import Article, ArticleEvent, ArticleRevision
from articles.pending_edits import enqueue_at
from articles.services import (
    EDITABLE_FIELDS,
    REVISED_FIELDS,
    Actor,
    log_event,
    record_revision,
)
from newsroom import caching
from newsroom.validators import checked_text


def check_change(
    article: Article, changed: set[str], change_kind: str, change_note: str
) -> tuple[str, str]:
    """The kind and note a change to an article's text must carry.

    A published article's changed text needs a kind (correction, update,
    clarification or minor) and, unless minor, a note for readers; a draft's
    edit is a draft edit. Refuses with a ValidationError naming the field.
    """
    change_kind, change_note = (change_kind or "").strip(), (change_note or "").strip()
    if article.status != Article.Status.PUBLISHED:
        return ArticleRevision.ChangeKind.DRAFT, change_note
    if not changed & set(REVISED_FIELDS):
        if change_kind in ArticleRevision.READER_KINDS and change_note:
            # A note alone: the text stands, readers are told something of it.
            return change_kind, _checked_note(change_note)
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
    return change_kind, _checked_note(change_note)


def _checked_note(change_note: str) -> str:
    return checked_text(change_note, "change_note")


def is_note_only(article: Article, changed: set[str], change_kind: str) -> bool:
    """Whether an edit that changes none of ``changed``'s text is a note for
    readers alone (a published article, a correction, update or clarification)."""
    return (
        article.status == Article.Status.PUBLISHED
        and not changed & set(REVISED_FIELDS)
        and change_kind in ArticleRevision.READER_KINDS
    )


def check_schedule(
    change_kind: str, change_at: datetime | None, changed: Collection[str] = ()
) -> None:
    """Refuse a schedule for a change readers are not told of, or for a time past.

    A correction, update or clarification of a published article may wait
    for its time: a note alone is shown from then, and a change of the text
    (``changed`` holds its fields) is held apart until then
    (``articles.pending_edits``), readers and the claims keeping the text as
    it is. A draft's text is not public: it is saved at once, and the story's
    publication is what is scheduled.
    """
    if change_at is None:
        return
    if change_kind not in ArticleRevision.READER_KINDS:
        what = "change of the text" if set(changed) & set(EDITABLE_FIELDS) else "note"
        raise ValidationError(
            {
                "change_at": f"Only a correction, update or clarification of a "
                f"published article can be scheduled, not this {what}: a draft's "
                "text is saved at once (schedule its publication instead), and a "
                "minor change has no note to wait for."
            }
        )
    if change_at <= timezone.now():
        raise ValidationError({"change_at": "A scheduled time must be in the future."})


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
    if change_at is None:
        notices.corrected(article, revision, actor=actor)
        return revision
    # A moment the caches must learn of: at it, every answer showing the
    # article is named anew. Subscribed systems are told of the note then
    # (``articles.scheduled_edits.announce_due_notes``), not now: a partner
    # must not carry it before readers see it.
    caching.reschedule()
    transaction.on_commit(lambda: enqueue_at(change_at), robust=True)
    return revision
