"""State changes of claim groups: confirm or reject a possible repeat, and
leave a group. A group's review reaches its members through
``claims.services.review_claim`` (see ``claims.group_review``)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from claims import matching
from claims.group_review import (
    VERDICT_WORDS,
    announce,
    apply_review,
    set_group_review,
)
from claims.models import Claim, ClaimGroup, ClaimMatch
from claims.services import Actor, acting_user, require
from newsroom.dependencies import retire
from newsroom.writes import service

Review = tuple[str, str, str]


def _review(claim: Claim) -> Review:
    return (claim.status, claim.note, claim.disputed_by)


def _lock(claim_ids: Iterable[int]) -> dict[int, Claim]:
    """Lock the groups of these claims, then the claims and every member of
    those groups, in one order, so that two decisions take turns."""
    ids = list(claim_ids)
    group_ids = sorted(
        {
            pk
            for pk in Claim.objects.filter(pk__in=ids).values_list(
                "group_id", flat=True
            )
            if pk is not None
        }
    )
    list(ClaimGroup.objects.select_for_update().filter(pk__in=group_ids).order_by("pk"))
    locked = (
        Claim.objects.select_for_update(of=("self",))
        .filter(Q(pk__in=ids) | Q(group_id__in=group_ids))
        .order_by("pk")
    )
    return {claim.pk: claim for claim in locked}


def _pair(first: Claim, second: Claim) -> ClaimMatch:
    """The stored pair of two claims, scored now if matching never proposed it."""
    low, high = sorted((first.pk, second.pk))
    pair = ClaimMatch.objects.filter(first_id=low, second_id=high).first()
    if pair is not None:
        return pair
    score = matching.score(first.match_text, second.match_text)
    if score < matching.thresholds()[1]:
        raise ValidationError(
            {
                "claim": f"These claims' words are too far apart (score {score:.2f}) "
                "to be the same claim."
            }
        )
    differs = matching.differences(
        first.match_text,
        second.match_text,
        same_source=first.agency_id == second.agency_id,
    )
    return ClaimMatch.objects.create(
        first_id=low,
        second_id=high,
        score=min(1.0, score),
        kind=matching.kind_of(score, differs),
        differs=",".join(differs),
    )


DIFFERENCE_WORDS = {
    matching.SOURCE: "are attributed to different sources",
    matching.FIGURES: "give different figures",
    matching.NEGATION: "differ in a negation (one says “not”)",
}


def _check_pair(first: Claim, second: Claim, pair: ClaimMatch) -> None:
    if pair.differs:
        reasons = " and ".join(
            DIFFERENCE_WORDS.get(reason, reason) for reason in pair.differs.split(",")
        )
        raise ValidationError(
            {"claim": f"These claims {reasons}: they are never the same claim."}
        )


def _shared_review(sides: list[list[Claim]]) -> Claim | None:
    """The member whose review the joined group takes: a reviewed side's, the
    one both agree on; None when neither side is reviewed. Two different
    reviews are refused: an editor settles them first."""
    reviewed = [side[0] for side in sides if side[0].status != Claim.Status.UNREVIEWED]
    if len({_review(claim) for claim in reviewed}) > 1:
        words = " and ".join(VERDICT_WORDS[claim.status] for claim in reviewed)
        raise ValidationError(
            {
                "claim": f"These claims are reviewed differently ({words}): review "
                "one as the other is, then confirm them as the same claim."
            }
        )
    return reviewed[0] if reviewed else None


def _check_joinable(first: Claim, second: Claim) -> None:
    """Refuse two claims of one story, a withdrawn one, or two already one."""
    if first.article_id == second.article_id:
        raise ValidationError(
            {"claim": "Both claims are in the same story; a group joins stories."}
        )
    if first.withdrawn_at is not None or second.withdrawn_at is not None:
        raise ValidationError({"claim": "A withdrawn claim joins no group."})
    if first.group_id is not None and first.group_id == second.group_id:
        raise ValidationError({"claim": "These claims are already one claim."})


@service
def confirm_match(claim_id: int, other_id: int, *, actor: Actor) -> ClaimGroup:
    """Confirm that two claims of different stories are the same claim.

    They join one group (a group either was in, or a new one; two groups
    merge), which takes the review of whichever was reviewed: the other
    side's members get it, each with a history entry. Refused with a
    ValidationError: the same story, a withdrawn claim, a pair that differs
    in a figure, a negation or its source, words too far apart, or two
    different reviews.
    """
    require(actor, "claims.review_claim")
    if claim_id == other_id:
        raise ValidationError({"claim": "A claim is not a repeat of itself."})
    locked = _lock([claim_id, other_id])
    if other_id not in locked:
        raise ValidationError({"claim": f"There is no claim {other_id}."})
    first, second = locked[claim_id], locked[other_id]
    _check_joinable(first, second)
    pair = _pair(first, second)
    _check_pair(first, second, pair)
    sides = [
        [c for c in locked.values() if c.group_id == claim.group_id]
        if claim.group_id is not None
        else [claim]
        for claim in (first, second)
    ]
    source = _shared_review(sides)
    group = first.group or second.group
    if group is None:
        group = ClaimGroup.objects.create(created_by=acting_user(actor))
    emptied = {c.group_id for c in locked.values()} - {group.pk, None}
    now = timezone.now()
    changed: list[Claim] = []
    members = [claim for side in sides for claim in side]
    for claim in members:
        claim.group = group
        if source is not None and _review(claim) != _review(source):
            apply_review(
                claim,
                status=source.status,
                note=source.note,
                disputed_by=source.disputed_by,
                reviewer=acting_user(actor),
                at=now,
            )
            changed.append(claim)
        else:
            claim.save(update_fields=["group", "updated_at"])
    set_group_review(group, source or members[0])
    ClaimGroup.objects.filter(pk__in=[pk for pk in emptied if pk is not None]).delete()
    pair.state = ClaimMatch.State.CONFIRMED
    pair.decided_by, pair.decided_at = acting_user(actor), now
    pair.save(update_fields=["state", "decided_by", "decided_at"])
    if changed and source is not None:
        announce(group, source, changed, actor=actor)
    retire(*members)
    return group


@service
def reject_match(claim_id: int, other_id: int, *, actor: Actor) -> ClaimMatch:
    """Say that a proposed repeat is not the same claim: it is not proposed again."""
    require(actor, "claims.review_claim")
    low, high = sorted((claim_id, other_id))
    pair = (
        ClaimMatch.objects.select_for_update()
        .filter(first_id=low, second_id=high)
        .first()
    )
    if pair is None:
        raise ValidationError(
            {"claim": f"Claim {other_id} is not proposed as a repeat of {claim_id}."}
        )
    groups = set(
        Claim.objects.filter(pk__in=[low, high]).values_list("group_id", flat=True)
    )
    if len(groups) == 1 and None not in groups:
        raise ValidationError(
            {"claim": "These claims are one claim now: take one out of its group."}
        )
    if pair.state != ClaimMatch.State.REJECTED:
        pair.state = ClaimMatch.State.REJECTED
        pair.decided_by, pair.decided_at = acting_user(actor), timezone.now()
        pair.save(update_fields=["state", "decided_by", "decided_at"])
        retire(*Claim.objects.filter(pk__in=[low, high]))
    return pair


@service
def leave_group(claim_id: int, *, actor: Actor) -> Claim:
    """Take a claim out of its group; it keeps the review it had, its own from now.

    Its confirmed pairs with the members become rejected, so they are not
    proposed again; a group left with one member is dissolved.
    """
    require(actor, "claims.review_claim")
    locked = _lock([claim_id])
    claim = locked[claim_id]
    if claim.group_id is None:
        raise ValidationError({"claim": "This claim is in no group."})
    group_id = claim.group_id
    members = [c for c in locked.values() if c.group_id == group_id]
    rest = [c.pk for c in members if c.pk != claim_id]
    ClaimMatch.objects.filter(
        Q(first_id=claim_id, second_id__in=rest)
        | Q(second_id=claim_id, first_id__in=rest)
    ).update(
        state=ClaimMatch.State.REJECTED,
        decided_by=acting_user(actor),
        decided_at=timezone.now(),
    )
    leaving = [claim] if len(rest) > 1 else members
    for member in leaving:
        member.group = None
        member.save(update_fields=["group", "updated_at"])
    if len(rest) <= 1:
        ClaimGroup.objects.filter(pk=group_id).delete()
    # Every former member, the one leaving with them: each story the group
    # appeared in lists one fewer.
    retire(*members)
    return claim


def public_appearances(claim_ids: Iterable[Any]) -> dict[int, list[tuple[str, str]]]:
    """For each group of these claims, its members' published stories as
    (slug, headline): one query whatever the groups' size."""
    rows = (
        Claim.objects.public()
        .filter(group__claims__pk__in=list(claim_ids))
        .values_list("group_id", "article__slug", "article__headline")
        .order_by("group_id", "-article__published_at", "article__slug")
        .distinct()
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for group_id, slug, headline in rows:
        found.setdefault(group_id, []).append((slug, headline))
    return found
