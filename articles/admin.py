"""Editors' admin for articles: claims inline, a marked preview, the workflow
actions, the workflow log, and revisions with diffs and restore."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Article, ArticleEvent, ArticleRevision
from articles.rendering import Mark, render_marked
from articles.revisions import revision_diff
from articles.services import (
    EDITABLE_FIELDS,
    check_change,
    create_article,
    publish_article,
    send_back_article,
    submit_article,
    unpublish_article,
)
from claims.admin import agency_label, posted_actions
from claims.forms import ClaimFromSelectionForm
from claims.models import Claim
from claims.services import create_claim, edit_article, restore_revision

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
PUBLISH_ACTIONS = {"publish", "unpublish", "send_back"}
CHANGE_KIND_CHOICES = [
    ("", _("— (not published)")),
    *((kind.value, kind.label) for kind in ArticleRevision.PUBLISHED_KINDS),
]


class ChangeFields(forms.Form):
    """The kind of a change to a published text, and its note for readers."""

    change_kind = forms.ChoiceField(
        label=_("Kind of change"),
        choices=CHANGE_KIND_CHOICES,
        required=False,
        help_text=_("Required to change a published article's text."),
    )
    change_note = forms.CharField(
        label=_("Note for readers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_(
            "What changed, shown at the end of the article; required unless minor."
        ),
    )


class ArticleForm(forms.ModelForm):
    """An article's fields, and for a published one the kind and note of a change."""

    change_kind = ChangeFields.base_fields["change_kind"]
    change_note = ChangeFields.base_fields["change_note"]

    class Meta:
        model = Article
        fields = [*EDITABLE_FIELDS, "slug"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            # The edit service's own rule, asked here so a refusal is shown on
            # the form with everything the editor typed still in it.
            try:
                check_change(
                    self.instance,
                    set(self.changed_data),
                    cleaned.get("change_kind", ""),
                    cleaned.get("change_note", ""),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ArticleEventInline(admin.TabularInline):
    """The article's workflow log, newest first; nobody can change it."""

    model = ArticleEvent
    fields = ["created_at", "kind", "old_status", "new_status", "actor", "comment"]
    readonly_fields = list(fields)  # type: ignore[arg-type]
    extra = 0
    can_delete = False
    verbose_name_plural = _("Workflow log")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ArticleEvent]:
        return super().get_queryset(request).select_related("actor")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may see the article sees its log: no permission of its own.
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ArticleRevisionInline(ArticleEventInline):
    """The article's revisions, newest first, each with a diff and a restore link."""

    model = ArticleRevision  # type: ignore[assignment]
    fields = ["number", "created_at", "actor", "change_kind", "change_note", "links"]
    readonly_fields = list(fields)  # type: ignore[arg-type]
    verbose_name_plural = _("Revisions")

    @admin.display(description=_("compare / restore"))
    def links(self, revision: ArticleRevision) -> SafeString:
        base = reverse("admin:articles_article_revisions", args=[revision.article_id])
        restore = reverse(
            "admin:articles_article_restore",
            args=[revision.article_id, revision.number],
        )
        return format_html(
            '<a href="{}?from={}&amp;to={}">{}</a> · <a href="{}">{}</a>',
            base,
            max(revision.number - 1, 1),
            revision.number,
            _("diff with previous"),
            restore,
            _("restore"),
        )


class ClaimInline(admin.TabularInline):
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
        return super().get_queryset(request).select_related("agency")

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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles: reporters write them, mark claims and submit them; editors publish."""

    form = ArticleForm
    list_display = ["headline", "status", "published_at", "claim_count", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["headline", "slug", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    show_full_result_count = False
    actions = ["submit", "send_back", "publish", "unpublish"]
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
                ]
            },
        ),
        (
            _("Change to a published text"),
            {
                "description": _(
                    "Readers see corrections, updates and clarifications, with "
                    "their note, at the end of the article."
                ),
                "fields": ["change_kind", "change_note"],
            },
        ),
        (
            _("Publication"),
            {
                "description": _(
                    "Changed only by the submit, send back, publish and "
                    "unpublish actions."
                ),
                "fields": ["status", "published_at"],
            },
        ),
        (
            _("Preview"),
            {
                "description": _(
                    "The saved body with its claims marked. Select a passage to "
                    "create a claim from it with the form below."
                ),
                "fields": ["preview"],
            },
        ),
    ]
    readonly_fields = ["status", "published_at", "preview"]

    class Media:
        css = {"all": ["claims/admin/admin.css"]}
        js = ["claims/admin/selection.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_total")
    def claim_count(self, article: Article) -> int:
        return article.claim_total  # type: ignore[attr-defined]

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
        # render_marked sanitizes the body and escapes every text node.
        html = render_marked(article.body, marks)
        return format_html(
            '<div class="claim-preview" id="claim-preview">{}</div>', mark_safe(html)
        )

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
            article = create_article(slug=data["slug"], actor=request.user, **fields)
            obj.pk, obj._state.adding = article.pk, False
            return
        if data.get("slug") and data["slug"] != form.initial.get("slug"):
            Article.objects.filter(pk=obj.pk).update(slug=data["slug"])
        result = edit_article(
            obj.pk,
            actor=request.user,
            change_kind=data.get("change_kind", ""),
            change_note=data.get("change_note", ""),
            **fields,
        )
        self._report_claims(request, result)

    def _report_claims(self, request: HttpRequest, result: Any) -> None:
        for pks, label in (
            (result.needs_check, _("need a check")),
            (result.orphaned, _("lost their place in the text")),
        ):
            if pks:
                self.message_user(
                    request,
                    _("Claims that %(what)s after this edit: %(ids)s")
                    % {"what": label, "ids": ", ".join(f"#{pk}" for pk in pks)},
                    messages.WARNING,
                )

    # Publishing

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.publish_article")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._refuse_unpermitted(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._refuse_unpermitted(request)
        extra_context = extra_context or {}
        if object_id and request.user.has_perm("claims.add_claim"):
            extra_context["selection_form"] = ClaimFromSelectionForm()
            extra_context["selection_url"] = reverse(
                "admin:articles_article_claim_from_selection", args=[object_id]
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_unpermitted(self, request: HttpRequest) -> None:
        if posted_actions(
            request
        ) & PUBLISH_ACTIONS and not self.has_publish_permission(request):
            raise PermissionDenied("You do not have permission to publish.")

    @admin.action(
        permissions=["change"],
        description=_("Submit for review"),
        description_plural=_("Submit selected articles for review"),
        location=BOTH,
    )
    def submit(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._change_status(request, queryset, submit_article, _("submitted"))

    @admin.action(
        permissions=["publish"],
        description=_("Send back to draft…"),
        description_plural=_("Send selected articles back to draft…"),
        location=BOTH,
    )
    def send_back(
        self, request: HttpRequest, queryset: QuerySet[Article]
    ) -> TemplateResponse | None:
        comment = request.POST.get("comment", "") if "apply" in request.POST else ""
        if not comment.strip():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Send back to draft: a comment for the reporter"),
                "opts": self.opts,
                "articles": list(queryset),
                "missing": "apply" in request.POST,
                "action_field": (
                    f"{ActionLocation.CHANGE_FORM.value}-action"
                    if f"{ActionLocation.CHANGE_FORM.value}-action" in request.POST
                    else "action"
                ),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(
                request, "admin/articles/article/send_back.html", context
            )
        self._change_status(
            request,
            queryset,
            lambda pk, actor: send_back_article(pk, actor=actor, comment=comment),
            _("sent back to draft"),
        )
        return None

    @admin.action(
        permissions=["publish"],
        description=_("Publish"),
        description_plural=_("Publish selected articles"),
        location=BOTH,
    )
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._change_status(request, queryset, publish_article, _("published"))

    @admin.action(
        permissions=["publish"],
        description=_("Unpublish"),
        description_plural=_("Unpublish selected articles"),
        location=BOTH,
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._change_status(request, queryset, unpublish_article, _("unpublished"))

    def _change_status(
        self,
        request: HttpRequest,
        queryset: QuerySet[Article],
        service: Any,
        done_label: object,
    ) -> None:
        done = []
        for article in queryset:
            try:
                service(article.pk, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("“%(article)s” was not changed: %(reason)s")
                    % {"article": article, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                done.append(article)
        if done:
            self.message_user(
                request,
                _("%(status)s: %(names)s")
                % {
                    "status": str(done_label).capitalize(),
                    "names": ", ".join(f"“{article}”" for article in done),
                },
                messages.SUCCESS,
            )

    # Claims from a selection in the preview

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/claim-from-selection/",
                self.admin_site.admin_view(require_POST(self.claim_from_selection)),
                name="articles_article_claim_from_selection",
            ),
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
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Claim created:"),
                reverse("admin:claims_claim_change", args=[claim.pk]),
                str(claim),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(back + "#claim-preview")

    # Revisions: compare any two, restore one through the edit service

    def _article_for(self, request: HttpRequest, object_id: str) -> Article:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two revisions side by side; ``from`` and ``to`` pick them by number."""
        article = self._article_for(request, object_id)
        revisions = list(article.revisions.select_related("actor"))
        if not revisions:
            raise PermissionDenied("This article has no revisions.")
        numbers = {revision.number: revision for revision in revisions}
        newest = revisions[0].number

        def pick(name: str, default: int) -> ArticleRevision:
            raw = request.GET.get(name, "")
            number = int(raw) if raw.isdigit() else default
            return numbers.get(number) or numbers[default]

        older = pick("from", max(newest - 1, revisions[-1].number))
        newer = pick("to", newest)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revisions of “%(article)s”") % {"article": article},
            "opts": self.opts,
            "original": article,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "diff": revision_diff(older, newer),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(
        self, request: HttpRequest, object_id: str, number: int
    ) -> HttpResponse:
        """Confirm, then bring back a revision's text as a new edit."""
        article = self._article_for(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        form = ChangeFields(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                restore_revision(
                    article.pk,
                    number,
                    actor=request.user,
                    change_kind=form.cleaned_data["change_kind"],
                    change_note=form.cleaned_data["change_note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("Revision #%(number)d restored.") % {"number": number},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore revision #%(number)d") % {"number": number},
            "opts": self.opts,
            "original": article,
            "revision": revision,
            "form": form,
            "published": article.status == Article.Status.PUBLISHED,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/restore.html", context)
