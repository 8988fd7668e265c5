"""The article admin's part for suggestions: marks in the preview, and the
accept, edit-and-accept, reject and accept-all-confident actions.

A mixin for the article admin; every decision goes through the suggestion
services, and this module only turns their refusals into messages.
"""

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.rendering import Mark
from claims.models import Agency, Suggestion
from claims.services import (
    accept_confident,
    accept_suggestion,
    detect_suggestions,
    reject_suggestion,
)

CONFIDENT = 0.85

# Whether the page being rendered is for someone who decides on suggestions:
# the preview (a read-only field, rendered without the request) asks it.
_deciding: ContextVar[bool] = ContextVar("deciding_suggestions", default=False)


class AcceptSuggestionForm(forms.Form):
    """What a reporter may change before accepting; every field optional."""

    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.all(), required=False
    )
    new_agency_name = forms.CharField(
        label=_("or a new agency"), max_length=200, required=False
    )
    speaker = forms.CharField(label=_("Speaker"), max_length=300, required=False)
    start = forms.IntegerField(label=_("Start"), min_value=0, required=False)
    end = forms.IntegerField(label=_("End"), min_value=1, required=False)


def suggestion_marks(article: Article) -> list[Mark]:
    """Marks for the article's pending suggestions, told apart from claims;
    none unless the page is for a reporter or editor."""
    if not _deciding.get():
        return []
    return [
        Mark(
            suggestion.start,
            suggestion.end,
            {
                "id": f"suggestion-{suggestion.pk}",
                "class": "suggestion",
                "data-suggestion": str(suggestion.pk),
                "title": f"Suggested: {suggestion.agency_name or '?'} "
                f"({suggestion.cue}, {suggestion.confidence:.0%})",
            },
        )
        for suggestion in article.suggestions.pending()
        if article.plain_text[suggestion.start : suggestion.end] == suggestion.exact
    ]


def suggestion_label(mark: Mark) -> str:
    """The word after a suggested passage: "suggested", linking to its actions."""
    pk = mark.attrs.get("data-suggestion")
    if not pk:
        return ""
    return str(
        format_html(
            '<a class="suggestion-label" href="#suggestion-row-{}">{}</a>',
            pk,
            _("suggested"),
        )
    )


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    _Base = admin.ModelAdmin[Article]
else:
    _Base = object


class SuggestionsAdmin(_Base):
    """Suggestion views and context for the article admin (a mixin)."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        token = _deciding.set(request.user.has_perm("claims.change_suggestion"))
        try:
            response = super().changeform_view(
                request, object_id, form_url, extra_context
            )
            if isinstance(response, TemplateResponse):
                response.render()
            return response
        finally:
            _deciding.reset(token)

    def suggestion_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/suggestions/<int:suggestion_id>/accept/",
                view(require_POST(self.accept_view)),
                name="articles_article_suggestion_accept",
            ),
            path(
                "<path:object_id>/suggestions/<int:suggestion_id>/reject/",
                view(require_POST(self.reject_view)),
                name="articles_article_suggestion_reject",
            ),
            path(
                "<path:object_id>/suggestions/accept-confident/",
                view(require_POST(self.accept_confident_view)),
                name="articles_article_suggestions_accept_confident",
            ),
            path(
                "<path:object_id>/suggestions/detect/",
                view(require_POST(self.detect_view)),
                name="articles_article_suggestions_detect",
            ),
        ]

    def suggestion_context(
        self, request: HttpRequest, object_id: str
    ) -> dict[str, Any]:
        """What the change form shows of the article's suggestions, for those who decide."""
        if not request.user.has_perm("claims.change_suggestion"):
            return {}
        suggestions = list(
            Suggestion.objects.pending()
            .filter(article_id=object_id)
            .select_related("agency", "person")
            .order_by("start", "pk")
        )
        return {
            "suggestions": suggestions,
            "suggestion_agencies": list(Agency.objects.only("pk", "name")),
            "confident_threshold": CONFIDENT,
            "confident_count": sum(
                1 for s in suggestions if s.agency_id and s.confidence >= CONFIDENT
            ),
        }

    def _decision(self, request: HttpRequest, object_id: str) -> tuple[Article, str]:
        if not request.user.has_perm("claims.change_suggestion"):
            raise PermissionDenied(
                "You do not have permission to decide on suggestions."
            )
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        back = reverse("admin:articles_article_change", args=[article.pk])
        return article, back

    def _refused(self, request: HttpRequest, what: str, error: ValidationError) -> None:
        self.message_user(
            request,
            format_html("{} {}", what, " ".join(error.messages)),
            messages.ERROR,
        )

    def _created(self, request: HttpRequest, words: "StrOrPromise", claim: Any) -> None:
        """Say a claim was created, linking to its admin page."""
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                words,
                reverse("admin:claims_claim_change", args=[claim.pk]),
                str(claim),
            ),
            messages.SUCCESS,
        )

    def accept_view(
        self, request: HttpRequest, object_id: str, suggestion_id: int
    ) -> HttpResponseRedirect:
        """Accept a suggestion as it is, or with the changes posted."""
        article, back = self._decision(request, object_id)
        suggestion = get_object_or_404(Suggestion, pk=suggestion_id, article=article)
        form = AcceptSuggestionForm(request.POST)
        if not form.is_valid():
            problems = " ".join(
                f"{form.fields[name].label}: {' '.join(map(str, errors))}"
                for name, errors in form.errors.items()
            )
            self.message_user(
                request,
                _("The suggestion was not accepted: %s") % problems,
                messages.ERROR,
            )
            return HttpResponseRedirect(back + "#suggestions")
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if value not in (None, "") or (name == "speaker" and name in request.POST)
        }
        try:
            claim = accept_suggestion(suggestion.pk, actor=request.user, **changes)
        except ValidationError as error:
            self._refused(request, str(_("The suggestion was not accepted:")), error)
            return HttpResponseRedirect(back + "#suggestions")
        self._created(request, _("Claim created from the suggestion:"), claim)
        return HttpResponseRedirect(back + "#suggestions")

    def reject_view(
        self, request: HttpRequest, object_id: str, suggestion_id: int
    ) -> HttpResponseRedirect:
        """Reject a suggestion: it is not proposed again."""
        article, back = self._decision(request, object_id)
        suggestion = get_object_or_404(Suggestion, pk=suggestion_id, article=article)
        try:
            reject_suggestion(suggestion.pk, actor=request.user)
        except ValidationError as error:
            self._refused(request, str(_("The suggestion was not rejected:")), error)
        else:
            self.message_user(
                request,
                format_html(
                    "{} “{}”", _("Suggestion rejected:"), suggestion.exact[:80]
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(back + "#suggestions")

    def accept_confident_view(
        self, request: HttpRequest, object_id: str
    ) -> HttpResponseRedirect:
        """Accept every confident suggestion whose agency is known."""
        article, back = self._decision(request, object_id)
        try:
            claims = accept_confident(
                article.pk, actor=request.user, threshold=CONFIDENT
            )
        except ValidationError as error:
            self._refused(request, str(_("No suggestion was accepted:")), error)
        else:
            self.message_user(
                request,
                _("%(count)d suggestion(s) accepted as claims.")
                % {"count": len(claims)},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(back + "#suggestions")

    def detect_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        """Run detection again now (after adding people or aliases, say)."""
        article, back = self._decision(request, object_id)
        found = detect_suggestions(article.pk, actor=request.user)
        self.message_user(
            request,
            _("Detection found %(count)d suggestion(s).") % {"count": len(found)},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(back + "#suggestions")
