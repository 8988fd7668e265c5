"""A review reaching every member of a claim's group.

``apply_review`` writes a checked review onto one locked claim with its
history entry; ``review_claim`` uses it for the claim it is given and, for a
grouped claim, ``review_members`` for every other member, in the same
transaction. A changed verdict adds a dated entry to the "Corrections and
updates" of every published story carrying the claim, and tells the stories'
authors through the notifications (``tell_authors``, the one place that does).
"""

import logging
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import Article, ArticleRevision
from articles.services import record_revision
from claims import notices
from claims.models import Claim, ClaimGroup, ReviewEvent
from newsroom.dependencies import retire

logger = logging.getLogger(__name__)

# How much of a claim's words its story's correction entry quotes.
ENTRY_QUOTE_CHARS = 120

# A verdict as a story's correction entry says it: "now disputed".
VERDICT_WORDS: dict[str, str] = {
    Claim.Status.VERIFIED: "verified",
    Claim.Status.DISPUTED: "disputed",
    Claim.Status.CONTEXTUALIZED: "given context",
    Claim.Status.UNREVIEWED: "unreviewed",
}


def set_group_review(group: ClaimGroup, claim: Claim) -> None:
    """The group's record of the review its members carry."""
    group.status, group.note, group.disputed_by = (
        claim.status,
        claim.note,
        claim.disputed_by,
    )
    group.reviewed_by_id = claim.reviewed_by_id
    group.reviewed_at = claim.reviewed_at
    group.save()
    retire(group)


def apply_review(  # noqa: PLR0913 - keyword-only, one per field of the review
    claim: Claim,
    *,
    status: str,
    note: str,
    disputed_by: str,
    reviewer: Any,
    at: datetime,
) -> ReviewEvent:
    """Write a checked review onto a locked claim, with its history entry.

    The part of ``review_claim`` the members of a group share; call it only
    from a service that has checked the review and locked the claim.
    """
    old_status, old_anchor = claim.status, claim.anchor_state
    claim.status, claim.note, claim.disputed_by = status, note, disputed_by
    if claim.anchor_state == Claim.AnchorState.NEEDS_CHECK:
        claim.anchor_state = Claim.AnchorState.ANCHORED
    claim.words_changed_at = None  # the verdict now belongs to these words
    claim.reviewed_by = reviewer
    claim.reviewed_at = at
    claim.version += 1
    claim.save()
    # The member's pages, and those of every story the group appears in.
    retire(claim)
    return ReviewEvent.objects.create(
        claim=claim,
        kind=ReviewEvent.Kind.REVIEW,
        old_status=old_status,
        new_status=status,
        old_anchor_state=old_anchor,
        new_anchor_state=claim.anchor_state,
        note=note,
        disputed_by=disputed_by,
        actor=reviewer,
        version=claim.version,
        created_at=at,
    )


def review_members(claim: Claim, *, old_status: str, actor: Any) -> None:
    """Give every other member of ``claim``'s group the review just written on
    it (``review_claim`` calls this, inside its transaction, the group locked)."""
    group = ClaimGroup.objects.get(pk=claim.group_id or 0)
    members = list(
        Claim.objects.select_for_update(of=("self",))
        .filter(group_id=group.pk)
        .exclude(pk=claim.pk)
        .order_by("pk")
    )
    for member in members:
        apply_review(
            member,
            status=claim.status,
            note=claim.note,
            disputed_by=claim.disputed_by,
            reviewer=claim.reviewed_by,
            at=claim.reviewed_at or timezone.now(),
        )
    set_group_review(group, claim)
    if claim.status != old_status:
        announce(group, claim, [claim, *members], actor=actor)


def entry_text(claim: Claim) -> str:
    """The correction entry a story gets when the verdict on its claim changes."""
    quote = Truncator(" ".join(claim.quote.split())).chars(ENTRY_QUOTE_CHARS)
    if claim.status == Claim.Status.UNREVIEWED:
        return f"A claim in this story is under review again: \u201c{quote}\u201d."
    text = (
        f"A claim in this story is now {VERDICT_WORDS[claim.status]}: "
        f"\u201c{quote}\u201d."
    )
    if claim.status == Claim.Status.DISPUTED and claim.disputed_by:
        text += f" Disputed by {claim.disputed_by}."
    if claim.note:
        text += f" {claim.note}"
    return text


def announce(
    group: ClaimGroup, reviewed: Claim, members: list[Claim], *, actor: Any
) -> list[ArticleRevision]:
    """One dated entry in each published story carrying ``members``, and the
    authors told."""
    by_article = {
        member.article_id: member for member in members if member.withdrawn_at is None
    }
    articles = list(
        Article.objects.published().filter(pk__in=by_article).order_by("pk")
    )
    entries = [
        (
            record_revision(
                article,
                actor=actor,
                change_kind=ArticleRevision.ChangeKind.UPDATE,
                change_note=entry_text(by_article[article.pk]),
                at=reviewed.reviewed_at,
            ),
            by_article[article.pk],
        )
        for article in articles
    ]
    if entries:
        tell_authors(group, entries, actor=actor)
    return [entry for entry, _ in entries]


def tell_authors(
    group: ClaimGroup, entries: list[tuple[ArticleRevision, Claim]], *, actor: Any
) -> None:
    """Tell the reporters of each story that gained an entry (and subscribed
    systems) through the notifications, quoting the story's own claim."""
    for entry, member in entries:
        notices.repeat_reviewed(entry, member, actor=actor)
    transaction.on_commit(
        lambda: logger.info(
            "Group %s: a changed verdict reached %s published stories",
            group.pk,
            len(entries),
        )
    )
