"""The queue's filters."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ArticleListFilter(admin.RelatedFieldListFilter):
    """The article filter: the latest stories' headlines (and the one chosen).

    Listing every story would make the queue page grow with the archive; an
    older story is found by searching its headline.
    """

    LATEST = 30

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        articles = field.related_model._default_manager
        latest = list(
            articles.order_by("-created_at", "-pk").values_list("pk", "headline")[
                : self.LATEST
            ]
        )
        chosen = self.lookup_val[0] if self.lookup_val else None
        if chosen and chosen not in {str(pk) for pk, _ in latest}:
            latest += list(
                articles.filter(pk__in=self.lookup_val).values_list("pk", "headline")
            )
        return sorted(latest, key=lambda choice: choice[1])
