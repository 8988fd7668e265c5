"""A change of an article's text scheduled ahead, at the desk: shown on the
article's page (with what it changes, line by line) and on the calendar,
made now (saying why; editors) or cancelled from either."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles.models import Article, PendingChange
from articles.pending_edits import describe, open_change
from articles.revisions import change_lines
from articles.scheduled_edits import cancel_change, make_change_now

PUBLISH_PERMISSION = "articles.publish_article"
CHANGE_PERMISSION = "articles.change_article"


def scheduled_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    """What the article's page shows of its scheduled change (none if none)."""
    pending = open_change(article)
    if pending is None:
        return {}
    return {
        "scheduled_change": pending,
        "scheduled_change_words": describe(pending),
        "scheduled_change_lines": change_lines(article, pending.values),
        "can_make_now": request.user.has_perm(PUBLISH_PERMISSION),
        "can_cancel": request.user.has_perm(CHANGE_PERMISSION),
    }


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("desk:calendar")
    return HttpResponseRedirect(target)


def _pending(pending_id: int) -> PendingChange:
    return get_object_or_404(
        PendingChange.objects.select_related("article"), pk=pending_id
    )


@require_POST
def make_now_view(request: HttpRequest, pending_id: int) -> HttpResponse:
    """Make a scheduled change of the text now, saying why (editors only)."""
    pending = _pending(pending_id)
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Only editors make a scheduled change early.")
    headline = pending.article.headline
    try:
        make_change_now(
            pending.pk, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(
            request,
            f"The change of “{headline}” still waits: {' '.join(error.messages)}",
        )
    else:
        messages.success(
            request, f"The change of “{headline}” is made: readers see it now."
        )
    return _back(request)


@require_POST
def cancel_view(request: HttpRequest, pending_id: int) -> HttpResponse:
    """Cancel a scheduled change of the text: readers never see it."""
    pending = _pending(pending_id)
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied("You do not have permission to change articles.")
    headline = pending.article.headline
    try:
        cancel_change(
            pending.pk, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(
            request,
            f"The change of “{headline}” was not cancelled: {' '.join(error.messages)}",
        )
    else:
        messages.success(request, f"The scheduled change of “{headline}” is cancelled.")
    return _back(request)
