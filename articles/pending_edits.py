"""Holding a change of a published article's text until its time.

``edit_article`` with ``change_at`` ahead and a changed text calls
``hold_change``: the new values are kept as a ``PendingChange`` and nothing
readers see changes (``articles.scheduled_edits`` makes it at its time).
While one waits, ``check_pending`` refuses any other change of the text, so
that no edit is lost under it; a note alone may still be added.
"""

import copy
import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from articles.models import Article, ArticleEvent, PendingChange
from articles.services import EDITABLE_FIELDS, Actor, acting_user, log_event
from newsroom import caching
from newsroom.dependencies import retire

logger = logging.getLogger(__name__)

# The task that makes due changes, by path: it imports the edit service,
# which imports this module.
MAKE_DUE_TASK = "articles.tasks.make_due_changes"


def moment_text(moment: datetime) -> str:
    """A time as the log and the refusals write it, in the newsroom's zone."""
    return timezone.localtime(moment).strftime("%d %b %Y, %H:%M %Z")


def describe(pending: PendingChange) -> str:
    """A pending change in words: what, when, by whom."""
    who = pending.created_by.get_username() if pending.created_by else "the system"
    fields = ", ".join(pending.fields)
    return (
        f"the {pending.get_change_kind_display().lower()} of {fields} scheduled "
        f"by {who} for {moment_text(pending.apply_at)}"
    )


def open_change(article: Article) -> PendingChange | None:
    """The article's change waiting for its time, if any."""
    return (
        PendingChange.objects.open()
        .filter(article=article)
        .select_related("created_by")
        .first()
    )


def check_pending(article: Article, changed: set[str]) -> None:
    """Refuse a change of the text while another waits for its time, naming
    it (ValidationError on the first changed field): it would be lost, or
    overwritten, when the waiting one is made."""
    touched = [name for name in EDITABLE_FIELDS if name in changed]
    if not touched or article.pk is None:
        return
    pending = open_change(article)
    if pending is None:
        return
    raise ValidationError(
        {
            touched[0]: f"This article's text cannot change now: {describe(pending)} "
            "waits for its time. Cancel it, or make it now, before changing the "
            "text again; a note alone can still be added. Nothing was saved."
        }
    )


def _checked(article: Article, values: dict[str, Any]) -> None:
    """Refuse new values the article could not take, now rather than at their time."""
    changed = copy.copy(article)
    for name, value in values.items():
        setattr(changed, name, value)
    changed.full_clean(exclude=["created_by", "slug"], validate_unique=False)


def hold_change(  # noqa: PLR0913 - the edit's parts, passed on
    article: Article,
    values: dict[str, Any],
    *,
    kind: str,
    note: str,
    apply_at: datetime,
    actor: Actor,
) -> PendingChange:
    """Keep a change of the text until ``apply_at``; ``article`` is locked by
    the caller, whose transaction this runs in.

    The article's version moves on (an editor who opened it earlier is told
    of the change waiting), and the caches learn of the moment.
    """
    _checked(article, values)
    pending = PendingChange.objects.create(
        article=article,
        values=values,
        change_kind=kind,
        change_note=note,
        apply_at=apply_at,
        base_version=article.version,
        created_by=acting_user(actor),
    )
    article.version += 1
    # Only the version: ``updated_at`` is public and tells of a change readers see.
    article.save(update_fields=["version"])
    retire(article)
    log_event(
        article,
        ArticleEvent.Kind.CHANGE_SCHEDULED,
        old_status=article.status,
        actor=actor,
        comment=f"{note} (made at {moment_text(apply_at)})",
        fields=sorted(values),
    )
    caching.reschedule()
    transaction.on_commit(lambda: enqueue_at(apply_at), robust=True)
    return pending


def enqueue_at(moment: datetime) -> None:
    """Ask the task queue to make due changes (and tell of due notes) at
    ``moment``, when it can wait until then (the database queue); a queue
    that runs tasks at once (the immediate backend) is not asked, since
    nothing is due yet. Readers' first request after the moment does it in
    any case."""
    try:
        task: Task[..., Any] = import_string(MAKE_DUE_TASK)
        if task.get_backend().supports_defer:
            task.using(run_after=moment).enqueue()
    except Exception:
        logger.exception("Could not enqueue the change due at %s", moment)


def close(pending: PendingChange, *, actor: Actor, reason: str, made: bool) -> bool:
    """Mark an open change made or cancelled, once: False if another process
    made or cancelled it first (the update finds it closed)."""
    now = timezone.now()
    field = "applied_at" if made else "cancelled_at"
    return bool(
        PendingChange.objects.open()
        .filter(pk=pending.pk)
        .update(**{field: now}, closed_by=acting_user(actor), close_reason=reason)
    )
