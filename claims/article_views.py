"""Readers' pages for articles: the index and the article with its claims marked."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from articles.models import READER_KINDS, Article, ArticleRevision
from claims import structured_data
from claims.article_parts import article_parts, claim_rows, review_log
from claims.models import Claim
from newsroom.caching import LISTS, article_scope, public_page

# How many recent changes the article's review log shows.
REVIEW_LOG_LENGTH = 30


def _count(status: str) -> Count:
    return Count(
        "claims",
        filter=Q(claims__status=status)
        & ~Q(claims__anchor_state=Claim.AnchorState.ORPHANED),
    )


@method_decorator(public_page(lambda: [LISTS]), name="dispatch")
class ArticleListView(ListView[Article]):
    """Published articles, newest first, with how many claims readers should weigh."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self) -> Any:
        return (
            Article.objects.published()
            .annotate(
                disputed_count=_count(Claim.Status.DISPUTED),
                contextualized_count=_count(Claim.Status.CONTEXTUALIZED),
            )
            .only(
                "headline", "slug", "standfirst", "published_at", "byline", "dateline"
            )
            .order_by("-published_at", "-pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["json_ld"] = structured_data.json_ld(
            structured_data.graph(
                [
                    structured_data.article_list(
                        context["articles"], self.request.build_absolute_uri
                    )
                ]
            )
        )
        return context


@method_decorator(public_page(lambda slug: [article_scope(slug)]), name="dispatch")
class ArticleDetailView(DetailView[Article]):
    """A published article, its claims marked inline, their notes, and JSON-LD."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset: Any = None) -> Article:
        # Most stories have no corrections: asking with the article spares
        # reading them.
        corrected = ArticleRevision.objects.filter(
            article=OuterRef("pk"), change_kind__in=READER_KINDS
        )
        return get_object_or_404(
            Article.objects.published().annotate(corrected=Exists(corrected)),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        article: Article = self.object
        parts = article_parts(
            article, claim_rows(article), self.request.build_absolute_uri
        )
        # Annotated by get_object; an article given otherwise is asked.
        corrected: bool = getattr(article, "corrected", True)
        corrections = list(article.corrections()) if corrected else []
        context.update(
            body=parts.body,
            notes=parts.notes,
            review_log=review_log(article, REVIEW_LOG_LENGTH),
            corrections=corrections,
            last_correction=corrections[-1] if corrections else None,
            json_ld=structured_data.graph_json(
                [
                    structured_data.node_json(
                        structured_data.news_article(
                            article, self.request.build_absolute_uri, corrections
                        )
                    ),
                    *parts.reviews,
                ]
            ),
        )
        return context
