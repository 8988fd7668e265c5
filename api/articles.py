"""The API's article endpoints: read, write, publish, and export annotations.

An article's answer carries its claims, and an edit
(``articles.editing.edit_article``) re-anchors them.
"""

from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import exceptions, permissions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from api.annotations import article_annotation_page, exported_claims
from api.article_serializers import (
    TEXT_FIELDS,
    ArticleDetailSerializer,
    ArticleRevisionSerializer,
    ArticleSerializer,
    ArticleSummarySerializer,
)
from api.article_versions import (
    PreconditionFailed,
    if_match_version,
    precondition_failed,
    with_etag,
)
from api.claims import FullTextSearch, claims_for, search_words
from api.ninjs import ninjs_document
from api.scheduled_changes import ScheduledChangeActions
from api.serializers import is_member
from api.viewsets import EntityViewSet
from api.workflow_serializers import (
    CommentSerializer,
    LiftSerializer,
    PublishSerializer,
    SendBackSerializer,
)
from articles.editing import edit_article
from articles.locking import StaleArticle
from articles.models import SEARCH_COLUMNS, Article
from articles.services import (
    UnconfirmedPublish,
    change_slug,
    lift_embargo,
    publish_article,
    send_back_article,
    submit_article,
    unpublish_article,
)
from claims.search import MAX_QUERY_LENGTH
from claims.services import write_article
from newsroom.caching import article_scope, public_read


class CanPublish(permissions.BasePermission):
    """Editors send articles back; everyone else is told so before the body is read."""

    message = "You do not have permission to publish or unpublish articles."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.has_perm("articles.publish_article"))


REVISION_WORDS = OpenApiParameter(
    "q",
    {"type": "string", "maxLength": MAX_QUERY_LENGTH},
    description="Only the revisions whose headline, standfirst or body holds "
    "these words, as written (any case).",
)


NINJS_OBJECT = {
    "type": "object",
    "description": "An IPTC ninjs 2.2 news object "
    "(http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json).",
    "properties": {"uri": {"type": "string", "format": "uri"}},
    "required": ["uri"],
}

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


UNRESOLVED = OpenApiResponse(
    description="Open items: ``unresolved`` lists them in words, ``article`` is "
    "the article; send ``confirm: true`` to publish anyway."
)

STALE = OpenApiResponse(
    description="The article changed since the version sent (409: ``version``; "
    "412: If-Match): ``detail`` says who changed what and when, and ``article`` "
    "holds it as it now stands."
)


class ArticleViewSet(ScheduledChangeActions, EntityViewSet[Article]):
    """Articles: anyone reads published ones; reporters and editors write them."""

    queryset = Article.objects.all()
    serializer_class = ArticleSerializer
    answer_serializer_class = ArticleDetailSerializer
    lookup_field = "slug"
    filter_backends: list[Any] = [FullTextSearch]
    detail_scopes = staticmethod(lambda slug: [article_scope(slug)])

    def get_queryset(self) -> QuerySet[Article]:
        articles = Article.objects.all()
        if not is_member(self.request.user):
            articles = articles.published()
        if self.action in ("annotations", "ninjs"):
            return articles
        articles = articles.annotate(claim_count=Count("claims"))
        if self.action == "list":
            articles = articles.defer(*TEXT_FIELDS, *SEARCH_COLUMNS)
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
        data = dict(serializer.validated_data)
        data.pop("change_kind", None)
        data.pop("change_note", None)
        data.pop("change_at", None)
        data.pop("version", None)
        article = write_article(actor=self.request.user, **data)
        serializer.instance = self.reread(article.pk)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """An article, with its version's ETag for If-Match."""
        return with_etag(super().retrieve(request, *args, **kwargs))

    @extend_schema(responses={200: ArticleDetailSerializer, 409: STALE, 412: STALE})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change an article from the ``version`` read (409 when stale), or
        the ETag in ``If-Match`` (412 when stale)."""
        try:
            return with_etag(super().update(request, *args, **kwargs))
        except PreconditionFailed as error:
            article = Article.objects.get(pk=self.get_object().pk)
            return precondition_failed(error, self.represent, article)

    @extend_schema(responses={200: ArticleDetailSerializer, 409: STALE, 412: STALE})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change some of an article's fields (``version`` or If-Match as for PUT)."""
        return super().partial_update(request, *args, **kwargs)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        slug = data.pop("slug", None)
        if serializer.instance is None:  # DRF passes the article being changed
            raise TypeError("An update needs its article.")
        version = data.pop("version", None)
        matched = if_match_version(self.request, serializer.instance)
        expected = version if version is not None else matched
        try:
            with transaction.atomic():
                if slug is not None:
                    moved = change_slug(
                        serializer.instance.pk,
                        slug=slug,
                        actor=self.request.user,
                        expected_version=expected,
                    )
                    expected = moved.version if expected is not None else None
                edit_article(
                    serializer.instance.pk,
                    actor=self.request.user,
                    change_kind=data.pop("change_kind", ""),
                    change_note=data.pop("change_note", ""),
                    change_at=data.pop("change_at", None),
                    expected_version=expected,
                    **data,
                )
        except StaleArticle as error:
            if version is None and matched is not None:
                raise PreconditionFailed(str(error)) from error
            raise
        # The edit re-anchored the claims; read them back so the answer
        # shows where each one now stands.
        serializer.instance = self.reread(serializer.instance.pk)

    def _change_status(self, change: Any, **arguments: Any) -> Response:
        article = self.get_object()
        change(article.pk, actor=self.request.user, **arguments)
        return self.answer(article)

    @extend_schema(request=CommentSerializer, responses={200: ArticleDetailSerializer})
    @action(
        detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated]
    )
    def submit(self, request: Request, slug: str | None = None) -> Response:
        """Send a draft to the editors for review (reporters and editors)."""
        form = CommentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self._change_status(
            submit_article, comment=form.validated_data["comment"]
        )

    @extend_schema(request=SendBackSerializer, responses={200: ArticleDetailSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="send-back",
        permission_classes=[permissions.IsAuthenticated, CanPublish],
    )
    def send_back(self, request: Request, slug: str | None = None) -> Response:
        """Return an article in review to draft, saying why (editors only)."""
        form = SendBackSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self._change_status(
            send_back_article, comment=form.validated_data["comment"]
        )

    @extend_schema(
        parameters=[REVISION_WORDS],
        responses={200: ArticleRevisionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def revisions(self, request: Request, slug: str | None = None) -> Response:
        """Every saved text of the article, newest first (newsroom members only)."""
        words = search_words(request)
        article = self.get_object()
        if not is_member(request.user):
            raise exceptions.PermissionDenied(
                "Only newsroom members see an article's revisions."
            )
        revisions = article.revisions.select_related("actor")
        if words:
            revisions = revisions.filter(
                Q(headline__icontains=words)
                | Q(standfirst__icontains=words)
                | Q(body__icontains=words)
            )
        return Response(ArticleRevisionSerializer(revisions, many=True).data)

    @extend_schema(
        request=PublishSerializer,
        responses={200: ArticleDetailSerializer, 409: UNRESOLVED},
    )
    @action(
        detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated]
    )
    def publish(self, request: Request, slug: str | None = None) -> Response:
        """Publish a draft now, or under embargo until ``at`` (editors only).

        Open items (unreviewed claims, pending suggestions, claims whose words
        changed) answer 409 listing them, unless the request says
        ``"confirm": true``."""
        form = PublishSerializer(data=request.data or {})
        form.is_valid(raise_exception=True)
        article = self.get_object()
        try:
            publish_article(
                article.pk,
                actor=request.user,
                schedule=form.validated_data["at"],
                confirmed=form.validated_data["confirm"],
            )
        except UnconfirmedPublish as refused:
            return Response(
                {
                    "detail": str(refused),
                    "unresolved": refused.unresolved,
                    "article": self.represent(article),
                },
                status=409,
            )
        return self.answer(article)

    @extend_schema(request=LiftSerializer, responses={200: ArticleDetailSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="lift-embargo",
        permission_classes=[permissions.IsAuthenticated],
    )
    def lift_embargo(self, request: Request, slug: str | None = None) -> Response:
        """Make an embargoed story public now, saying why (editors only)."""
        form = LiftSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self._change_status(lift_embargo, reason=form.validated_data["reason"])

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

    @extend_schema(
        responses={
            200: OpenApiResponse(
                NINJS_OBJECT,
                description="The story as IPTC ninjs 2.2, with its claims' "
                "standards layer.",
            )
        },
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    @public_read(lambda slug: [article_scope(slug)])
    def ninjs(self, request: Request, slug: str | None = None) -> Response:
        """The story as IPTC ninjs 2.2: for partners' systems."""
        article = self.get_object()
        return Response(ninjs_document(article, request.build_absolute_uri))
