"""The API's article endpoints: read, write, publish, and export annotations."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from articles.models import Article
from articles.serializers import (
    TEXT_FIELDS,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSummarySerializer,
)
from articles.services import publish_article, unpublish_article
from claims.annotations import article_annotation_page, exported_claims
from claims.api import Pagination, claims_for, service_errors
from claims.serializers import is_member
from newsroom.caching import CachedReads, article_scope, public_read

ANNOTATION_PAGE = {
    "type": "object",
    "description": "A W3C Web Annotation AnnotationPage (JSON-LD).",
    "properties": {
        "@context": {"type": "string"},
        "id": {"type": "string", "format": "uri"},
        "type": {"type": "string", "enum": ["AnnotationPage"]},
        "startIndex": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["@context", "id", "type", "items"],
}


class ArticleViewSet(
    CachedReads,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Article],
):
    """Articles: anyone reads published ones; reporters and editors write them."""

    queryset = Article.objects.all()
    serializer_class = ArticleSerializer
    pagination_class = Pagination
    lookup_field = "slug"
    # Any segment reaches the view, so a malformed slug gets the API's JSON 404.
    lookup_value_regex = "[^/]+"
    filter_backends: list[Any] = []
    detail_scopes = staticmethod(lambda slug: [article_scope(slug)])

    def get_queryset(self) -> QuerySet[Article]:
        articles = Article.objects.all()
        if not is_member(self.request.user):
            articles = articles.published()
        if self.action == "annotations":
            return articles
        articles = articles.annotate(claim_count=Count("claims"))
        if self.action == "list":
            articles = articles.defer(*TEXT_FIELDS)
        else:
            # The prefetch sets each claim's article: no copy of the body per claim.
            claims = claims_for(self.request, with_article=False).order_by(
                "start", "pk"
            )
            articles = articles.prefetch_related(Prefetch("claims", queryset=claims))
        return articles.order_by("-published_at", "-created_at", "pk")

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return (
            ArticleSummarySerializer
            if self.action == "list"
            else ArticleDetailSerializer
        )

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        article = serializer.save(created_by=self.request.user)
        serializer.instance = self.get_queryset().get(pk=article.pk)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        # Saving a changed body re-anchors the claims; read them back so the
        # answer shows where each one now stands.
        article = serializer.save()
        serializer.instance = self.get_queryset().get(pk=article.pk)

    def _change_status(self, change: Any) -> Response:
        article = self.get_object()
        with service_errors():
            change(article.pk, actor=self.request.user)
        article = self.get_queryset().get(pk=article.pk)
        return Response(self.get_serializer(article).data)

    @extend_schema(request=None, responses={200: ArticleDetailSerializer})
    @action(
        detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated]
    )
    def publish(self, request: Request, slug: str | None = None) -> Response:
        """Publish a draft (editors only)."""
        return self._change_status(publish_article)

    @extend_schema(request=None, responses={200: ArticleDetailSerializer})
    @action(
        detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated]
    )
    def unpublish(self, request: Request, slug: str | None = None) -> Response:
        """Return a published article to draft (editors only)."""
        return self._change_status(unpublish_article)

    @extend_schema(
        responses={
            200: OpenApiResponse(
                ANNOTATION_PAGE,
                description="The article's claims as W3C Web Annotations.",
            )
        },
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    @public_read(lambda slug: [article_scope(slug)])
    def annotations(self, request: Request, slug: str | None = None) -> Response:
        """The article's claims (orphaned ones left out) as a W3C AnnotationPage."""
        article = self.get_object()
        page = article_annotation_page(
            article,
            exported_claims(article),
            base_url=request.build_absolute_uri("/"),
            page_url=request.build_absolute_uri(request.path),
        )
        return Response(page)
