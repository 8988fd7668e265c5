"""Read-only history in the admin: claim events, agency labels, article logs."""

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleEvent, ArticleRevision
from claims.models import Agency, AgencyLabelChange, Claim, ReviewEvent


class ReadOnlyInline[M: Model, P: Model](admin.TabularInline[M, P]):
    """An inline of history rows: shown, never added, changed or deleted."""

    extra = 0
    can_delete = False
    # Styled to hide each row's object name, a code no one reads (admin.css).
    classes = ["history-rows"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AgencyLabelChangeInline(ReadOnlyInline[AgencyLabelChange, Agency]):
    """An agency's labels over time, newest first; nobody can change them."""

    model = AgencyLabelChange
    fields = [
        "created_at",
        "state_affiliation",
        "affiliation_label",
        "affiliation_source",
        "affiliation_date",
        "actor",
    ]
    readonly_fields = list(fields)  # type: ignore[arg-type]
    verbose_name_plural = _("Label history")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may see the agency sees its label history.
        return request.user.has_perm("claims.view_agency")


class ReviewEventInline(ReadOnlyInline[ReviewEvent, Claim]):
    """A claim's history, newest first; nobody can change it."""

    model = ReviewEvent
    fields = ["created_at", "kind", "change", "note", "disputed_by", "quote", "by"]
    readonly_fields = [
        "created_at",
        "kind",
        "change",
        "note",
        "disputed_by",
        "quote",
        "by",
    ]
    verbose_name = _("history entry")
    verbose_name_plural = _("history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewEvent]:
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("status"))
    def change(self, event: ReviewEvent) -> str:
        if event.old_status == event.new_status:
            return event.get_new_status_display()
        return str(event)

    @admin.display(description=_("by"))
    def by(self, event: ReviewEvent) -> str:
        # A name, not a link: most staff may not open user accounts.
        return event.actor.get_username() if event.actor else ""

    @admin.display(description=_("quote"))
    def quote(self, event: ReviewEvent) -> str:
        if event.old_quote == event.new_quote:
            return ""
        return f"\u201c{event.old_quote}\u201d \u2192 \u201c{event.new_quote}\u201d"


class ReviewEventAdmin(admin.ModelAdmin[ReviewEvent]):
    """Every claim's history in one read-only list."""

    list_display = ["created_at", "claim", "kind", "old_status", "new_status", "actor"]
    list_filter = ["kind", "new_status"]
    list_select_related = ["claim__agency", "actor"]
    show_full_result_count = False
    # All read-only: no form field, so no choice list of every claim either.
    readonly_fields = [
        "claim",
        "kind",
        "old_status",
        "new_status",
        "old_anchor_state",
        "new_anchor_state",
        "note",
        "disputed_by",
        "old_quote",
        "new_quote",
        "actor",
        "version",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ArticleEventInline(ReadOnlyInline[ArticleEvent, Article]):
    """The article's workflow log, newest first; nobody can change it."""

    model = ArticleEvent
    fields = ["created_at", "kind", "old_status", "new_status", "actor", "comment"]
    readonly_fields = list(fields)  # type: ignore[arg-type]
    verbose_name_plural = _("Workflow log")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ArticleEvent]:
        return super().get_queryset(request).select_related("actor")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may see the article sees its log: no permission of its own.
        return request.user.has_perm("articles.view_article")


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
            _("compare with the one before"),
            restore,
            _("restore"),
        )
