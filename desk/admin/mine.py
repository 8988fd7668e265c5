"""The article list's "Whose" filter: the signed-in user's own stories (those
they created or submitted), and its author column."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class MineFilter(admin.SimpleListFilter):
    """All stories, or only mine."""

    title = _("whose")
    parameter_name = "mine"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("1", str(_("Mine")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> QuerySet[Any] | None:
        if self.value() == "1":
            return queryset.filter(
                pk__in=Article.objects.belonging_to(request.user).values("pk")
            )
        return queryset


@admin.display(description=_("author"), ordering="created_by__username")
def author(article: Article) -> str:
    """Who created the story ("–" for an imported one)."""
    return article.created_by.get_username() if article.created_by else "–"


class ArticleColumns(admin.ModelAdmin[Article]):
    """The article list's columns and filters, the author and "Mine" among them
    (the claim count is the article admin's own)."""

    list_display = [
        "headline",
        author,
        "status",
        "published_at",
        "claim_count",
        "updated_at",
    ]
    list_filter = [MineFilter, "status", "language"]
    list_select_related = ["created_by"]
