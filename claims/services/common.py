"""What every claim service shares: permissions, locks, version checks, stale refusals."""

import enum
import logging
from typing import Any, Final

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.tasks import Task
from django.utils.module_loading import import_string

from claims import anchoring
from claims.models import (
    Claim,
    ClaimGroup,
    ReviewEvent,
)
from newsroom.writes import StaleVersion

Actor = AbstractUser | AnonymousUser | None


logger = logging.getLogger(__name__)


DETECTION_TASK = "claims.tasks.detect_article"


class Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


# The default of an optional argument whose None means "clear it".
UNCHANGED: Final = Unchanged.UNCHANGED


class StaleReview(StaleVersion):
    """The claim changed since the caller read it; nothing was written."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        super().__init__(
            claim,
            f"This claim was changed by {last_changed_by(claim)} since you opened "
            f"it (its status is now {claim.get_status_display().lower()}). "
            "Nothing was saved; reload it and review again.",
        )


def last_changed_by(claim: Claim) -> str:
    """Who, or which edit, made the claim's latest change, for a stale-page message."""
    event = claim.events.select_related("actor").order_by("-version", "-pk").first()
    if event is None:
        return "someone else"
    if event.actor is not None:
        what = event.get_kind_display().lower()
        return f"{event.actor.get_username()} ({what})"
    if event.kind == ReviewEvent.Kind.ANCHOR:
        return "an edit of the article, which moved its passage"
    return f"the system ({event.get_kind_display().lower()})"


# What each permission a service checks lets a user do, in the words a
# refusal gives them.
PERMISSION_WORDS = {
    "articles.change_article": "edit articles",
    "claims.add_agency": "add agencies",
    "claims.add_claim": "add claims",
    "claims.change_agency": "change agencies",
    "claims.change_claim": "change claims",
    "claims.change_suggestion": "accept or reject suggested claims",
    "claims.review_claim": "review claims",
}


def require(actor: Actor, permission: str) -> None:
    # None is the system itself (demo loading, data migrations).
    if actor is not None and not actor.has_perm(permission):
        doing = PERMISSION_WORDS.get(permission, "do this")
        raise PermissionDenied(f"You do not have permission to {doing}.")


def acting_user(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def place_quote(
    text: str, quote: str, *, start: int | None = None, occurrence: int | None = None
) -> anchoring.Selectors:
    """Where a quote stands in a text, or a ValidationError on ``quote`` saying why not.

    The placement ``create_claim`` and ``reattach_claim`` make; a form asks
    it first so a refusal shows beside the field.
    """
    try:
        return anchoring.locate(text, quote, start=start, occurrence=occurrence)
    except anchoring.QuoteError as error:
        raise ValidationError({"quote": str(error)}) from error


def check_version(claim_id: int, expected_version: int) -> Claim:
    """Lock a claim until the transaction ends; StaleReview if it changed since read."""
    return locked_claim(claim_id, expected_version)


def lock_group_of(claim_id: int) -> int | None:
    """Lock the group of a claim, if it has one; its id."""
    group_id: int | None = (
        Claim.objects.filter(pk=claim_id).values_list("group_id", flat=True).first()
    )
    if group_id is not None:
        list(ClaimGroup.objects.select_for_update().filter(pk=group_id))
    return group_id


def locked[M: models.Model](model: type[M], pk: int, *related: str) -> M:
    """Lock a row until the transaction ends, then read it with its related rows.

    Locking and joining in one statement loses the row when a concurrent
    writer changed one of its foreign keys: PostgreSQL re-checks the updated
    row against the joined rows it read before waiting, finds the old agency,
    and returns nothing. Locked first, the row is read whole and current.
    """
    model._default_manager.select_for_update().filter(pk=pk).values_list(
        "pk", flat=True
    ).get()
    return model._default_manager.select_related(*related).get(pk=pk)


def locked_claim(claim_id: int, expected_version: int) -> Claim:
    claim = locked(Claim, claim_id, "agency", "article", "reviewed_by", "person")
    if claim.version != expected_version:
        raise StaleReview(claim)
    return claim


def schedule_detection(article_id: int) -> None:
    """Run detection on the article in the background once the current
    transaction commits; a failure to enqueue is logged, never raised, so
    it cannot undo the change that asked for it."""

    def enqueue() -> None:
        try:
            # Looked up by path: the task calls this module's services, and
            # the two modules must not import each other.
            task: Task[[int], int] = import_string(DETECTION_TASK)
            task.enqueue(article_id)
        except Exception:
            logger.exception("Could not enqueue detection for article %s", article_id)

    transaction.on_commit(enqueue)
