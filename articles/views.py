"""Readers' pages for articles."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import Article


class ArticleListView(ListView):
    """Published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            Article.objects.published()
            .annotate(
                disputed_count=Count("claims", filter=Q(claims__status="disputed")),
                contextualized_count=Count(
                    "claims", filter=Q(claims__status="contextualized")
                ),
            )
            .order_by("-published_at", "-pk")
        )


class ArticleDetailView(DetailView):
    """A published article."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):  # type: ignore[no-untyped-def]
        return get_object_or_404(Article.objects.published(), slug=self.kwargs["slug"])
