"""The staff preview: any article, draft or not, as readers will see it.

Mounted among the desk's addresses by the project's URLs (``desk:preview``);
it is the readers' page, so it lives with them.
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from articles.models import Article
from reader.article_views import ArticlePage


class PreviewView(ArticlePage):
    """Any article through the readers' template, for staff only; 404 for anyone else."""

    template_name = "articles/preview.html"

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        user = request.user
        if not (
            user.is_active and user.is_staff and user.has_perm("articles.view_article")
        ):
            # Not a login page: the address must not tell anyone that a draft exists.
            raise Http404
        # ArticlePage, not the readers' view: that one serves anonymous
        # answers from the shared cache, which a preview never joins.
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_object(self, queryset: Any = None) -> Article:
        return get_object_or_404(Article, pk=self.kwargs["article_id"])
