"""Editing an article: the one way its text and details change.

``edit_article`` checks what a published article's change must carry,
keeps a revision of the text, logs the edit and tells readers of a
correction; when the plain text changed it sends ``signals.text_changed``
so that what is anchored to the text (the claims) follows it.
"""

import dataclasses
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError

from articles import notices
from articles.change_notes import (
    add_change_note,
    check_change,
    check_schedule,
    is_note_only,
)
from articles.locking import lock_article
from articles.models import Article, ArticleEvent, ArticleRevision, PendingChange
from articles.pending_edits import check_pending, hold_change
from articles.services import (
    EDITABLE_FIELDS,
    REVISED_FIELDS,
    Actor,
    log_event,
    record_revision,
    require,
)
from articles.signals import Placed, text_changed
from newsroom.dependencies import retire
from newsroom.writes import service


@dataclasses.dataclass
class EditResult:
    """What an edit did: the article, its new revision, the fields it
    changed, and where the passages anchored to its text went."""

    article: Article
    revision: ArticleRevision | None
    changed: list[str] = dataclasses.field(default_factory=list)
    moved: list[int] = dataclasses.field(default_factory=list)
    needs_check: list[int] = dataclasses.field(default_factory=list)
    orphaned: list[int] = dataclasses.field(default_factory=list)
    # A change of the text scheduled ahead: held until its time, nothing changed.
    pending: PendingChange | None = None

    def gather(self, placed: Placed) -> None:
        self.moved += placed.moved
        self.needs_check += placed.needs_check
        self.orphaned += placed.orphaned


def _save(article: Article, changes: dict[str, Any], changed: set[str]) -> None:
    """Write the changed fields with the next version; the text as it stood
    first is kept if the article predates revisions."""
    if changed & set(REVISED_FIELDS) and not article.revisions.exists():
        record_revision(
            article, actor=None, change_kind=ArticleRevision.ChangeKind.DRAFT
        )
    for name in changed:
        setattr(article, name, changes[name])
    article.version += 1
    article.full_clean(exclude=["created_by", "slug"])
    article.save(update_fields=[*changed, "version", "updated_at"])
    retire(article)


def _record(
    article: Article, changed: set[str], *, kind: str, note: str, actor: Actor
) -> ArticleRevision | None:
    """Keep the new text as a revision (when the text changed), log the edit,
    and tell readers' systems of a published story's correction."""
    revision = None
    if changed & set(REVISED_FIELDS):
        revision = record_revision(
            article, actor=actor, change_kind=kind, change_note=note
        )
    log_event(
        article,
        ArticleEvent.Kind.EDITED,
        old_status=article.status,
        actor=actor,
        comment=note if revision else "",
        fields=sorted(changed),
    )
    if revision is not None and article.status == Article.Status.PUBLISHED:
        notices.corrected(article, revision, actor=actor)
    return revision


@service
def edit_article(  # noqa: PLR0913 - keyword-only, one per field the service sets
    article_id: int,
    *,
    actor: Actor,
    change_kind: str = "",
    change_note: str = "",
    change_at: datetime | None = None,
    expected_version: int | None = None,
    **changes: Any,
) -> EditResult:
    """Change an article's text or details, keep a revision, move what is
    anchored to its text.

    A published article's changed text needs a ``change_kind`` and, unless
    minor, a ``change_note`` for readers (ValidationError naming the field
    otherwise). A kind and note with the text unchanged is a note alone.
    ``change_at``, a time ahead, schedules a correction, update or
    clarification: a note alone is shown from then; a changed text is held
    until then (``EditResult.pending``) and made then by
    ``articles.scheduled_edits``, readers and claims keeping the text as it
    is meanwhile. While such a change waits, another change of the text is
    refused, naming it. Returns the passages that moved, need a check, or
    lost their place.
    """
    require(actor, "articles.change_article", "edit articles")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            dict.fromkeys(unknown, "This field is not changed by an edit.")
        )
    article = lock_article(article_id, expected_version)
    changed = {
        name for name, value in changes.items() if getattr(article, name) != value
    }
    check_pending(article, changed)
    kind, note = check_change(article, changed, change_kind, change_note)
    check_schedule(kind, change_at, changed)
    if changed and change_at is not None:
        values = {name: changes[name] for name in sorted(changed)}
        held = hold_change(
            article, values, kind=kind, note=note, apply_at=change_at, actor=actor
        )
        return EditResult(article, None, pending=held)
    if not changed and is_note_only(article, changed, kind):
        noted = add_change_note(
            article, kind=kind, note=note, change_at=change_at, actor=actor
        )
        return EditResult(article, noted)
    if not changed:
        return EditResult(article, None)
    previous = article.plain_text
    _save(article, changes, changed)
    revision = _record(article, changed, kind=kind, note=note, actor=actor)
    result = EditResult(article, revision, changed=sorted(changed))
    if article.plain_text != previous:
        _follow_text(result, previous)
    return result


def _follow_text(result: EditResult, previous: str) -> None:
    """Have what is anchored to the old text follow it to the new, gathering
    where it went."""
    for _receiver, placed in text_changed.send(
        Article, article=result.article, previous_text=previous
    ):
        if isinstance(placed, Placed):
            result.gather(placed)


@service
def restore_revision(
    article_id: int,
    revision_number: int,
    *,
    actor: Actor,
    change_kind: str = "",
    change_note: str = "",
) -> EditResult:
    """Bring back an earlier revision's text, as an edit (with its own revision)."""
    revision = ArticleRevision.objects.get(
        article_id=article_id, number=revision_number
    )
    return edit_article(
        article_id,
        actor=actor,
        change_kind=change_kind,
        change_note=change_note,
        headline=revision.headline,
        standfirst=revision.standfirst,
        body=revision.body,
    )
