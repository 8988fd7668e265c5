"""The desk's decision on a possible repeat: the same claim, or not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.groups import confirm_match, reject_match
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
