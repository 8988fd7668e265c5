"""Making a held change of the text at its time, earlier, or not at all.

A change waiting for its time (``articles.pending_edits``) is made through
``edit_article`` like any edit, by whoever scheduled it: a revision, the
claims re-anchored, readers' note, webhooks, cached answers retired, all as
the edit makes them, and only then. Three things make it once it is due,
whichever comes first, and never twice (the change is locked, skipping one
another process holds, and marked made by a conditional update):

- the first read of any public answer after its time (``newsroom.caching``
  learns the moment from ``articles.schedule.moments`` and calls
  ``make_due_changes`` before answering);
- the task enqueued for its time, where the task queue can wait
  (``articles.tasks``);
- ``manage.py make_due_changes``.

The same three tell subscribed systems of a note scheduled alone once its
time has come (``announce_due_notes``), and not before.

An editor may make it now, saying why (logged with their name, as an
embargo lifted early is), or cancel it.
"""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import notices
from articles.editing import EditResult, edit_article
from articles.locking import lock_article
from articles.models import Article, ArticleEvent, ArticleRevision, PendingChange
from articles.pending_edits import close, moment_text
from articles.services import Actor, log_event, require
from newsroom import caching
from newsroom.dependencies import retire
from newsroom.validators import checked_text
from newsroom.writes import service

logger = logging.getLogger(__name__)


def _make(pending: PendingChange) -> EditResult:
    """Make the change as its author's edit (the change is closed already, so
    the edit is not refused for it)."""
    return edit_article(
        pending.article_id,
        actor=pending.created_by,
        change_kind=pending.change_kind,
        change_note=pending.change_note,
        **pending.values,
    )


def _locked_open(pending_id: int) -> PendingChange:
    """The change, locked, then its article (the order every maker takes);
    ValidationError if it was made or cancelled already."""
    pending = (
        PendingChange.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .get(pk=pending_id)
    )
    lock_article(pending.article_id)
    if not pending.is_open:
        done = "made" if pending.applied_at else "cancelled"
        raise ValidationError({"pending_change": f"This change was {done} already."})
    return pending


def _reason(reason: str, what: str) -> str:
    return checked_text(
        reason,
        "reason",
        missing=f"Say why the change is {what}: it is kept in the log.",
    )


@service
def make_change_now(pending_id: int, *, actor: Actor, reason: str) -> EditResult:
    """Make a scheduled change of the text now, before its time; who and why
    are logged."""
    require(actor, "articles.publish_article", "make a scheduled change early")
    reason = _reason(reason, "made before its time")
    pending = _locked_open(pending_id)
    close(pending, actor=actor, reason=reason, made=True)
    caching.reschedule()
    result = _make(pending)
    log_event(
        result.article,
        ArticleEvent.Kind.CHANGE_APPLIED_EARLY,
        old_status=result.article.status,
        actor=actor,
        comment=f"{reason} (was scheduled for {moment_text(pending.apply_at)})",
        fields=pending.fields,
    )
    return result


@service
def cancel_change(pending_id: int, *, actor: Actor, reason: str = "") -> PendingChange:
    """Drop a scheduled change of the text: readers never see it; who (and
    why, if said) is logged."""
    require(actor, "articles.change_article", "cancel a scheduled change")
    reason = checked_text(reason, "reason")
    pending = _locked_open(pending_id)
    close(pending, actor=actor, reason=reason, made=False)
    article = pending.article
    article.version += 1
    article.save(update_fields=["version"])
    retire(article)
    caching.reschedule()
    scheduled = f"scheduled for {moment_text(pending.apply_at)}"
    log_event(
        article,
        ArticleEvent.Kind.CHANGE_CANCELLED,
        old_status=article.status,
        actor=actor,
        comment=f"{reason} ({scheduled})" if reason else scheduled.capitalize(),
        fields=pending.fields,
    )
    pending.refresh_from_db()
    return pending


@service
def _make_if_due(pending_id: int, now: datetime) -> bool:
    """Make one due change unless another process holds it or made it."""
    pending = (
        PendingChange.objects.select_for_update(skip_locked=True, of=("self",))
        .due(now)
        .select_related("created_by")
        .filter(pk=pending_id)
        .first()
    )
    if pending is None:
        return False
    lock_article(pending.article_id)
    if not close(pending, actor=None, reason="", made=True):
        return False
    caching.reschedule()
    _make(pending)
    return True


def make_due_changes(now: datetime | None = None) -> int:
    """Make every scheduled change of the text whose time has come, and tell
    subscribed systems of the scheduled notes now shown; how many changes
    this call made. A change that cannot be made is logged and left waiting
    (the desk's calendar shows it overdue), never raised to a reader."""
    now = now or timezone.now()
    made = 0
    for pending_id in PendingChange.objects.due(now).values_list("pk", flat=True):
        try:
            made += _make_if_due(pending_id, now)
        except Exception:
            logger.exception("Could not make the scheduled change %s", pending_id)
    try:
        announce_due_notes(now)
    except Exception:
        logger.exception("Could not announce the scheduled notes due at %s", now)
    return made


@service
def announce_due_notes(now: datetime | None = None) -> int:
    """Tell subscribed systems (``article.corrected``) of each scheduled note
    whose time has come, once: a note is marked told by a conditional update,
    so two processes never both tell it. A note of a story no longer public
    is marked told without telling anyone. How many were told."""
    now = now or timezone.now()
    due = ArticleRevision.objects.filter(
        change_kind__in=ArticleRevision.READER_KINDS,
        publish_at__lte=now,
        announced_at__isnull=True,
    )
    told = 0
    for revision in due.select_related("article", "actor"):
        if not due.filter(pk=revision.pk).update(announced_at=now):
            continue  # another process told it
        if revision.article.status == Article.Status.PUBLISHED:
            notices.corrected(revision.article, revision, actor=revision.actor)
            told += 1
    return told
