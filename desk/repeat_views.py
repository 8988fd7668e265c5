"""The desk's decisions on repeats: the same claim or not, and leaving a group."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.groups import confirm_match, leave_group, reject_match
from claims.models import Claim

DECISIONS = {"confirm": confirm_match, "reject": reject_match}


@require_POST
def decide(request: HttpRequest, claim_id: int) -> HttpResponseRedirect:
    """Confirm or reject one of a claim's possible repeats from its card."""
    if not request.user.has_perm("claims.review_claim"):
        raise PermissionDenied("Only editors decide which claims are the same claim.")
    claim = get_object_or_404(Claim, pk=claim_id)
    other = request.POST.get("other", "")
    decision = DECISIONS.get(request.POST.get("decision", ""))
    if decision is None or not (other.isascii() and other.isdigit()):
        messages.error(request, "Choose “Same claim” or “Not the same” for a repeat.")
    else:
        try:
            decision(claim.pk, int(other), actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Claim {other} is now the same claim as this one."
                if decision is confirm_match
                else f"Claim {other} is not a repeat of this one; it is not proposed again.",
            )
    url = reverse("desk:workspace", args=[claim.article_id])
    return HttpResponseRedirect(f"{url}?claim={claim.pk}#note-{claim.pk}")


@require_POST
def leave(request: HttpRequest, claim_id: int) -> HttpResponseRedirect:
    """Take a claim out of its group, from its card or its claim page; it
    keeps the group's review, its own from now on."""
    if not request.user.has_perm("claims.review_claim"):
        raise PermissionDenied("Only editors take a claim out of its group.")
    claim = get_object_or_404(Claim, pk=claim_id)
    try:
        left = leave_group(claim.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Claim {left.pk} left its group. It keeps its review "
            f"({left.get_status_display()}); a review of the group no longer "
            "reaches it.",
        )
    if request.POST.get("back") == "claim":
        return HttpResponseRedirect(
            reverse("admin:claims_claim_change", args=[claim.pk])
        )
    url = reverse("desk:workspace", args=[claim.article_id])
    return HttpResponseRedirect(f"{url}?claim={claim.pk}#note-{claim.pk}")
