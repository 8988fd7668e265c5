"""Editors' admin for articles: claims inline, a marked preview from which a
reporter creates claims, the workflow actions, the workflow log and revisions."""

from typing import Any, TypedDict

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import WithAnnotations

from articles.editing import edit_article
from articles.models import Article
from articles.rendering import Mark, render_marked
from articles.services import EDITABLE_FIELDS, change_slug
from claims import search
from claims.models import Claim
from claims.services import create_claim, write_article
from desk.admin import site_links
from desk.admin.agencies import agency_label
from desk.admin.forms import ArticleForm, ClaimFromSelectionForm
from desk.admin.history import ArticleEventInline, ArticleRevisionInline
from desk.admin.mine import ArticleColumns
from desk.admin.revisions import RevisionViews
from desk.admin.suggestions import (
    SuggestionsAdmin,
    suggestion_label,
    suggestion_marks,
)
from desk.admin.touched import touched_claims_warning
from desk.admin.workflow import WorkflowActions, workflow_actions
from desk.scheduled_changes import scheduled_context


class ClaimTotal(TypedDict):
    """The changelist's annotation: how many claims the article holds."""

    claim_total: int


class ClaimInline(admin.TabularInline[Claim, Article]):
    """An article's claims, read-only here: each links to its own page to review."""

    model = Claim
    fields = ["short_quote", "agency_with_label", "speaker", "status", "anchor_state"]
    readonly_fields = [
        "short_quote",
        "agency_with_label",
        "speaker",
        "status",
        "anchor_state",
    ]
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["start", "pk"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).select_related("agency", "article")

    def get_view_on_site_url(self, obj: Claim | None = None) -> str | None:
        return None if obj is None or obj.pk is None else site_links.claim_url(obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("quote"))
    def short_quote(self, claim: Claim) -> str:
        return Truncator(claim.quote).chars(100)

    @admin.display(description=_("agency"))
    def agency_with_label(self, claim: Claim) -> str:
        return agency_label(claim.agency)


class ArticleAdmin(ArticleColumns, SuggestionsAdmin, RevisionViews, WorkflowActions):
    """Articles: reporters write them, mark claims and submit them; editors publish."""

    form = ArticleForm
    search_fields = ["headline", "slug", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    show_full_result_count = False
    actions = workflow_actions()
    inlines = [ClaimInline, ArticleEventInline, ArticleRevisionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "standfirst",
                    "body",
                    "byline",
                    "dateline",
                    "language",
                    "section",
                    "version",
                ]
            },
        ),
        (
            _("Change to a published text"),
            {
                "description": format_lazy(
                    _(
                        "Readers see corrections, updates and clarifications, "
                        "with their note, at the end of the article. Give a time "
                        "ahead to schedule one: a note alone appears then; a "
                        "changed text is held until then, readers seeing the "
                        "text as it is, and made by itself at its time. Both are "
                        'listed on the <a href="{}">publishing calendar</a>.'
                    ),
                    reverse_lazy("desk:calendar"),
                ),
                "fields": ["change_kind", "change_note", "change_at"],
            },
        ),
        (
            _("Publication"),
            {
                "description": _(
                    "Changed only by the hand-over steps at the top of the page."
                ),
                "fields": ["status", "published_at", "publish_at"],
            },
        ),
        (
            _("Preview"),
            {
                "description": _(
                    "The saved body with its claims marked, and the passages "
                    "detection suggests underlined in dashes and labelled "
                    "“suggested”. Select a passage to create a claim from it "
                    "with the form below."
                ),
                "fields": ["preview"],
            },
        ),
    ]
    readonly_fields = ["status", "published_at", "publish_at", "preview"]

    class Media:
        css = {"all": ["claims/admin/admin.css"]}
        js = ["claims/admin/selection.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Article], search_term: str
    ) -> tuple[QuerySet[Article], bool]:
        """Stories whose headline, standfirst or body matches, as readers' search
        matches them (``claims.search``), or whose slug is the term.

        Drafts too: the queryset is every story this user may open here.
        """
        term = search_term.strip()
        matched = search.condition(queryset, term)
        if matched is None:
            return queryset, False
        return queryset.filter(matched | Q(slug=term)), False

    @admin.display(description=_("claims"), ordering="claim_total")
    def claim_count(self, article: "WithAnnotations[Article, ClaimTotal]") -> int:
        return article.claim_total

    @admin.display(description=_("preview"))
    def preview(self, article: Article) -> SafeString:
        if not article.pk:
            return format_html("<p>{}</p>", _("Save the article to see its preview."))
        marks = [
            Mark(
                claim.start,
                claim.end,
                {
                    "data-claim": str(claim.pk),
                    "data-status": claim.status,
                    "title": f"{claim.get_status_display()}: {claim.agency.name}",
                },
            )
            for claim in article.claims.select_related("agency")
            if claim.anchor_state != Claim.AnchorState.ORPHANED
        ]
        marks += suggestion_marks(article)
        # render_marked sanitizes the body and escapes every text node.
        html = render_marked(article.body, marks, after=suggestion_label)
        return format_html(
            '<div class="claim-preview" id="claim-preview">{}</div>',
            mark_safe(html),  # noqa: S308 - sanitized and escaped by render_marked
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        # A story not yet saved has no published text to change.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        return [entry for entry in fieldsets if "change_kind" not in entry[1]["fields"]]

    def get_view_on_site_url(self, obj: Article | None = None) -> str | None:
        return None if obj is None or obj.pk is None else site_links.article_url(obj)

    def get_prepopulated_fields(
        self, request: HttpRequest, obj: Any = None
    ) -> dict[str, Any]:
        return {} if obj else dict(self.prepopulated_fields)

    def save_model(
        self, request: HttpRequest, obj: Article, form: Any, change: bool
    ) -> None:
        """Save through the services: a new draft, or an edit that re-anchors claims."""
        data = form.cleaned_data
        fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
        if not change:
            article = write_article(slug=data["slug"], actor=request.user, **fields)
            obj.pk, obj._state.adding = article.pk, False
            return
        version = data.get("version")
        if data.get("slug"):
            moved = change_slug(
                obj.pk, slug=data["slug"], actor=request.user, expected_version=version
            )
            version = moved.version if version is not None else None
        result = edit_article(
            obj.pk,
            actor=request.user,
            change_kind=data.get("change_kind", ""),
            change_note=data.get("change_note", ""),
            change_at=data.get("change_at"),
            expected_version=version,
            **fields,
        )
        self._report_claims(request, result)

    def _report_claims(self, request: HttpRequest, result: Any) -> None:
        warning = touched_claims_warning(result)
        if warning:
            self.message_user(request, warning, messages.WARNING)

    # Claims from a selection in the preview

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = extra_context or {}
        if object_id:
            extra_context.update(self.suggestion_context(request, object_id))
            article = Article.objects.filter(pk=object_id).first()
            if article is not None:
                extra_context.update(scheduled_context(request, article))
        if object_id and request.user.has_perm("claims.add_claim"):
            extra_context["selection_form"] = ClaimFromSelectionForm()
            extra_context["selection_url"] = reverse(
                "admin:articles_article_claim_from_selection", args=[object_id]
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<path:object_id>/claim-from-selection/",
                self.admin_site.admin_view(require_POST(self.claim_from_selection)),
                name="articles_article_claim_from_selection",
            ),
            *self.suggestion_urls(),
            *super().get_urls(),
        ]

    def claim_from_selection(
        self, request: HttpRequest, object_id: str
    ) -> HttpResponseRedirect:
        """Create a claim from text selected in the preview, as from its quote."""
        if not request.user.has_perm("claims.add_claim"):
            raise PermissionDenied("You do not have permission to add claims.")
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        back = reverse("admin:articles_article_change", args=[article.pk])
        form = ClaimFromSelectionForm(request.POST)
        if not form.is_valid():
            problems = " ".join(
                str(message) for errors in form.errors.values() for message in errors
            )
            self.message_user(
                request, _("No claim was created: %s") % problems, messages.ERROR
            )
            return HttpResponseRedirect(back + "#claim-selection")
        data = form.cleaned_data
        try:
            claim = create_claim(
                article,
                quote=data["quote"],
                agency=data["agency"],
                speaker=data["speaker"],
                occurrence=data["occurrence"],
                actor=request.user,
            )
        except ValidationError as error:
            self.message_user(
                request,
                _("No claim was created: %s") % " ".join(error.messages),
                messages.ERROR,
            )
            return HttpResponseRedirect(back + "#claim-selection")
        self._created(request, _("Claim created:"), claim)
        return HttpResponseRedirect(back + "#claim-preview")
