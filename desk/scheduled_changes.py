"""A change of an article's text scheduled ahead, at the desk: shown on the
article's page (with what it changes, line by line) and on the calendar,
made now (saying why; editors) or cancelled from either."""

from collections.abc import Callable
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


def _act(  # noqa: PLR0913 - what differs between making now and cancelling
    request: HttpRequest,
    pending_id: int,
    *,
    permission: str,
    refused: str,
    act: Callable[..., Any],
    done: str,
    failed: str,
) -> HttpResponse:
    """Run ``act`` on the scheduled change for a holder of ``permission``,
    with the reason given, and say on the page what came of it (``done`` or
    ``failed`` name the story's headline as ``{headline}``)."""
    pending = _pending(pending_id)
    if not request.user.has_perm(permission):
        raise PermissionDenied(refused)
    headline = pending.article.headline
    try:
        act(pending.pk, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(
            request,
            failed.format(headline=headline) + " " + " ".join(error.messages),
        )
    else:
        messages.success(request, done.format(headline=headline))
    return _back(request)


@require_POST
def make_now_view(request: HttpRequest, pending_id: int) -> HttpResponse:
    """Make a scheduled change of the text now, saying why (editors only)."""
    return _act(
        request,
        pending_id,
        permission=PUBLISH_PERMISSION,
        refused="Only editors make a scheduled change early.",
        act=make_change_now,
        done="The change of “{headline}” is made: readers see it now.",
        failed="The change of “{headline}” still waits:",
    )


@require_POST
def cancel_view(request: HttpRequest, pending_id: int) -> HttpResponse:
    """Cancel a scheduled change of the text: readers never see it."""
    return _act(
        request,
        pending_id,
        permission=CHANGE_PERMISSION,
        refused="You do not have permission to change articles.",
        act=cancel_change,
        done="The scheduled change of “{headline}” is cancelled.",
        failed="The change of “{headline}” was not cancelled:",
    )
