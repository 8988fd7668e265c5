"""The desk's own admin pages: dashboard, review workspace, hand-over.

Each is wrapped in ``admin.site.admin_view`` (login, staff, CSRF, no caching)
and calls the claim and article services for every change.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles.locking import StaleArticle
from articles.models import Article
from articles.services import UnconfirmedPublish
from claims import selectors
from claims.labels import status_word
from claims.marking import marked_body
from claims.models import Agency, Claim, Suggestion
from claims.services import (
    accept_suggestion,
    last_changed_by,
    reattach_claim,
    reject_suggestion,
)
from desk import repeats
from desk.admin import reviewing
from desk.admin.reviewing import Refused, ReviewForm, attempt
from desk.dashboard import recent_reviews, waiting
from desk.forms import ReattachForm
from desk.handover import (
    BY_NAME,
    Taking,
    available_steps,
    done_words,
    take,
    workflow_log,
)
from desk.mine import in_review_for, sent_back_to
from desk.notifications import unread_for_dashboard
from desk.scheduling import posted_schedule
from desk.workspace import (
    Bound,
    claim_cards,
    needs_work,
    next_to_work,
    suggestion_cards,
    suggestion_form,
    suggestion_label,
    suggestion_marks,
)

REVIEW_PERMISSION = "claims.review_claim"
SUGGESTION_PERMISSIONS = ("claims.change_suggestion", "claims.add_claim")


def _decides_suggestions(request: HttpRequest) -> bool:
    return request.user.has_perms(SUGGESTION_PERMISSIONS)


def dashboard(request: HttpRequest) -> TemplateResponse:
    """The admin index: what waits for the desk, and the editor's recent reviews."""
    site = admin.site
    context = {
        **site.each_context(request),
        "title": site.index_title,
        "subtitle": None,
        "app_list": site.get_app_list(request),
        "waiting": waiting(),
        "reviews": recent_reviews(request.user),
        "can_review": request.user.has_perm(REVIEW_PERMISSION),
        "notifications": unread_for_dashboard(request.user),
        "sent_back": sent_back_to(request.user),
        "yours_in_review": in_review_for(request.user),
        "repeats": repeats.awaiting().count(),
        "listed_repeats": repeats.listed(),
        "scheduled": Article.objects.scheduled().count(),
    }
    request.current_app = site.name
    return TemplateResponse(request, "desk/dashboard.html", context)


def _workspace_response(  # noqa: PLR0913 - keyword-only, one per thing the page shows
    request: HttpRequest,
    article: Article,
    *,
    selected: int | None = None,
    bound: Bound | None = None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> TemplateResponse:
    if not request.user.has_perm("claims.view_claim"):
        raise PermissionDenied
    claims = selectors.claims_in_order(article)
    suggestions = (
        selectors.pending_suggestions(article) if _decides_suggestions(request) else []
    )
    bound = bound or Bound()
    if selected not in {claim.pk for claim in claims}:
        first = next_to_work(claims)
        selected = first.pk if first else (claims[0].pk if claims else None)
    site = admin.site
    context = {
        **site.each_context(request),
        "title": article.headline,
        "subtitle": "Review workspace",
        "article": article,
        "body": marked_body(
            article.body,
            claims,
            more=suggestion_marks(suggestions),
            after_more=suggestion_label,
        ),
        "cards": claim_cards(claims, bound),
        "suggestion_cards": suggestion_cards(suggestions, bound),
        "selected": selected,
        "to_work": sum(1 for claim in claims if needs_work(claim)),
        "can_review": request.user.has_perm(REVIEW_PERMISSION),
        "can_reattach": request.user.has_perm("claims.change_claim"),
        "opts": Article._meta,
        "steps": available_steps(request.user, article),
        "workflow": workflow_log(article),
        **(extra or {}),
    }
    request.current_app = site.name
    return TemplateResponse(request, "desk/workspace.html", context, status=status)


def workspace(request: HttpRequest, article_id: int) -> TemplateResponse:
    """One article as readers will see it, claims marked, beside its claim cards."""
    article = get_object_or_404(Article, pk=article_id)
    raw = request.GET.get("claim", "")
    selected = int(raw) if raw.isascii() and raw.isdigit() else None
    return _workspace_response(request, article, selected=selected)


def _after_change(request: HttpRequest, claim: Claim) -> HttpResponseRedirect:
    claims = selectors.claims_in_order(claim.article)
    following = next_to_work(claims, after=claim.pk)
    target = following.pk if following else claim.pk
    url = reverse("desk:workspace", args=[claim.article_id])
    return HttpResponseRedirect(f"{url}?claim={target}#note-{target}")


def _stale_words(claim: Claim) -> str:
    return (
        f"Not saved: {last_changed_by(claim)} changed this claim after you opened "
        f"the page; it is now {status_word(claim.status)}. "
        "Look at it again below, then review it."
    )


def _refused(form: Any, refused: Refused) -> int:
    """Show why the service refused on the card's form; the page's status code."""
    if refused.stale is not None:
        form.add_error(None, _stale_words(refused.stale))
    else:
        refused.add_to(form)
    return refused.status_code


def _claim_to_change(claim_id: int) -> Claim:
    return get_object_or_404(selectors.claim_with_article(claim_id))


@require_POST
def review(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Verify, dispute, contextualize or reopen one claim from its card."""
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("You do not have permission to review claims.")
    claim = _claim_to_change(claim_id)
    form = ReviewForm(request.POST, auto_id=f"card-{claim.pk}-%s")
    status = 400
    if form.is_valid():
        outcome = reviewing.review(
            claim, form, actor=request.user, version=form.cleaned_data["version"]
        )
        if not isinstance(outcome, Refused):
            messages.success(request, f"{outcome}: now {status_word(outcome.status)}.")
            return _after_change(request, claim)
        status = _refused(form, outcome)
    return _workspace_response(
        request,
        claim.article,
        selected=claim.pk,
        bound=Bound(claims={claim.pk: (form, None)}),
        status=status,
    )


@require_POST
def reattach(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Point an orphaned or moved claim at the text the editor selected in the body."""
    if not request.user.has_perm("claims.change_claim"):
        raise PermissionDenied("You do not have permission to re-attach claims.")
    claim = _claim_to_change(claim_id)
    form = ReattachForm(request.POST, auto_id=f"reattach-{claim.pk}-%s")
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            lambda: reattach_claim(
                claim.pk,
                quote=data["quote"],
                occurrence=data["occurrence"],
                actor=request.user,
                expected_version=data["version"],
            )
        )
        if not isinstance(outcome, Refused):
            messages.success(request, f"{claim} is attached to its new text.")
            url = reverse("desk:workspace", args=[claim.article_id])
            return HttpResponseRedirect(f"{url}?claim={claim.pk}#note-{claim.pk}")
        status = _refused(form, outcome)
    return _workspace_response(
        request,
        claim.article,
        selected=claim.pk,
        bound=Bound(claims={claim.pk: (None, form)}),
        status=status,
    )


def _suggestions_anchor(article_id: int) -> HttpResponseRedirect:
    url = reverse("desk:workspace", args=[article_id])
    return HttpResponseRedirect(f"{url}#suggestions")


@require_POST
def accept(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Make a suggestion a claim from its card, with the agency and speaker chosen."""
    if not _decides_suggestions(request):
        raise PermissionDenied("You do not have permission to decide on suggestions.")
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("article"), pk=suggestion_id
    )
    form = suggestion_form(suggestion, selectors.agency_choices(), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        agency = Agency.objects.filter(pk=data["agency"]).first()
        outcome = attempt(
            lambda: accept_suggestion(
                suggestion.pk,
                actor=request.user,
                agency=agency,
                new_agency_name=data["new_agency_name"],
                speaker=data["speaker"],
            )
        )
        if not isinstance(outcome, Refused):
            messages.success(request, f"{outcome}: now a claim, not reviewed yet.")
            url = reverse("desk:workspace", args=[outcome.article_id])
            return HttpResponseRedirect(f"{url}?claim={outcome.pk}#note-{outcome.pk}")
        suggestion.refresh_from_db()
        if suggestion.state != Suggestion.State.PENDING:
            messages.error(request, f"Not accepted: {outcome.words()}")
            return _suggestions_anchor(suggestion.article_id)
        outcome.add_to(form)
    return _workspace_response(
        request,
        suggestion.article,
        bound=Bound(suggestions={suggestion.pk: form}),
        status=400,
    )


@require_POST
def reject(request: HttpRequest, suggestion_id: int) -> HttpResponseRedirect:
    """Reject a suggestion from its card: its words are not suggested again."""
    if not _decides_suggestions(request):
        raise PermissionDenied("You do not have permission to decide on suggestions.")
    suggestion = get_object_or_404(Suggestion, pk=suggestion_id)
    try:
        reject_suggestion(suggestion.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, f"Not rejected: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Suggestion rejected: “{suggestion.exact[:80]}”.")
    return _suggestions_anchor(suggestion.article_id)


@require_POST
def handover(request: HttpRequest, article_id: int) -> HttpResponse:
    """Submit, send back, publish or unpublish an article, as the user's role allows."""
    article = get_object_or_404(Article, pk=article_id)
    step = BY_NAME.get(request.POST.get("step", ""))
    if step is None or step not in available_steps(request.user, article):
        raise PermissionDenied("You cannot take this step on this article now.")
    comment = request.POST.get("comment", "")
    version = request.POST.get("version", "")
    try:
        if version and not version.isdigit():
            raise ValidationError("The page sent a malformed version; reload it.")
        taking = Taking(
            actor=request.user,
            comment=comment,
            expected_version=int(version) if version else None,
            confirmed=request.POST.get("confirm") == "1",
            schedule=posted_schedule(request.POST) if step.asks == "time" else None,
        )
        article = take(step, article, taking)
    except UnconfirmedPublish as refused:
        return _workspace_response(
            request,
            article,
            status=409,
            extra={
                "handover_unresolved": refused.unresolved,
                "handover_comment": comment,
                # Confirmed, the step goes back where it was asked from.
                "next": _safe_next(request),
            },
        )
    except StaleArticle as error:
        return _workspace_response(
            request,
            Article.objects.get(pk=article.pk),
            status=409,
            extra={"handover_error": str(error), "handover_comment": comment},
        )
    except ValidationError as error:
        return _workspace_response(
            request,
            article,
            status=400,
            extra={
                "handover_error": " ".join(error.messages),
                "handover_comment": comment,
            },
        )
    messages.success(request, f"“{article.headline}” is {done_words(step, article)}.")
    return HttpResponseRedirect(
        _safe_next(request) or reverse("desk:workspace", args=[article.pk])
    )


def _safe_next(request: HttpRequest) -> str:
    """The page a hand-over step was sent from, if it is one of ours."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return target
