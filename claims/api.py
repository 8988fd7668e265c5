"""The API's claim and agency endpoints, and what every endpoint shares.

Writes go through ``claims.services``; this module only translates the
services' errors into HTTP answers.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from claims.filters import ClaimFilter
from claims.models import Agency, Claim
from claims.serializers import (
    AGENCY_LABEL_FIELDS,
    PRIVATE_CLAIM_FIELDS,
    AgencySerializer,
    ClaimEventSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    ReviewSerializer,
    StaleReviewSerializer,
    WithdrawSerializer,
    is_member,
)
from claims.services import (
    StaleReview,
    change_agency_label,
    change_attribution,
    create_agency,
    create_claim,
    review_claim,
    withdraw_claim,
)
from newsroom.caching import CachedReads, agency_scope, claim_scope


class Pagination(PageNumberPagination):
    """Pages of 20 by default; ``page_size`` from 1 to 200, refused otherwise."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 200:
            raise exceptions.ValidationError(
                {"page_size": f"Give a whole number from 1 to {self.max_page_size}."}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


@contextmanager
def service_errors() -> Iterator[None]:
    """Answer a service's refusal as DRF does: 400 with field messages, or 403."""
    try:
        yield
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise exceptions.ValidationError(detail) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


class CanReview(permissions.BasePermission):
    """Editors review; everyone else is told so before the body is read."""

    message = "You do not have permission to review claims."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.has_perm("claims.review_claim"))


def claims_for(request: Request, *, with_article: bool = True) -> QuerySet[Claim]:
    """The claims a client may see: members see all, others published ones only.

    A claim shows its article's slug, never its text: the article's body is
    not read with each claim. ``with_article=False`` when the caller sets
    the article itself (a prefetch from the article).
    """
    related = ["agency", *(["article"] if with_article else [])]
    claims = Claim.objects.select_related(*related)
    if with_article:
        claims = claims.defer(
            "article__body", "article__plain_text", "article__standfirst"
        )
    if is_member(request.user):
        return claims.select_related("reviewed_by")
    return claims.public()


class ClaimViewSet(
    CachedReads,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Claim],
):
    """Claims: read them, create them from a quote, and review them."""

    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    # Any segment reaches the view, so a malformed id gets the API's JSON 404.
    lookup_value_regex = "[^/]+"
    detail_scopes = staticmethod(lambda pk: [claim_scope(pk)])

    def get_queryset(self) -> QuerySet[Claim]:
        return claims_for(self.request).order_by("article_id", "start", "pk")

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action in ("update", "partial_update"):
            return ClaimUpdateSerializer
        if self.action == "review":
            return ReviewSerializer
        return ClaimSerializer

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        with service_errors():
            claim = create_claim(
                data.pop("article"),
                quote=data.pop("quote"),
                agency=data.pop("agency"),
                actor=self.request.user,
                **data,
            )
        serializer.instance = self.get_queryset().get(pk=claim.pk)

    def _stale(self, stale: StaleReview) -> Response:
        current = self.get_queryset().get(pk=stale.claim.pk)
        body = {
            "detail": str(stale),
            "claim": ClaimSerializer(
                current, context=self.get_serializer_context()
            ).data,
        }
        return Response(body, status=status.HTTP_409_CONFLICT)

    @extend_schema(
        responses={
            200: ClaimSerializer,
            409: OpenApiResponse(
                StaleReviewSerializer,
                description="The claim changed since `version`; nothing was saved.",
            ),
        }
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a claim's agency or speaker (with ``version``) or internal note."""
        return self._update(request, partial=True)

    @extend_schema(
        responses={
            200: ClaimSerializer,
            409: OpenApiResponse(
                StaleReviewSerializer,
                description="The claim changed since `version`; nothing was saved.",
            ),
        }
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a claim's agency, speaker and internal note (with ``version``)."""
        return self._update(request, partial=False)

    def _update(self, request: Request, *, partial: bool) -> Response:
        claim = self.get_object()
        serializer = ClaimUpdateSerializer(
            claim,
            data=request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with service_errors():
                change_attribution(
                    claim.pk,
                    agency=data.get("agency"),
                    speaker=data.get("speaker"),
                    internal_note=data.get("internal_note"),
                    expected_version=data.get("version", claim.version),
                    actor=request.user,
                )
        except StaleReview as stale:
            return self._stale(stale)
        claim = self.get_queryset().get(pk=claim.pk)
        return Response(
            ClaimSerializer(claim, context=self.get_serializer_context()).data
        )

    @extend_schema(request=None, responses={200: ClaimEventSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk: str | None = None) -> Response:
        """The claim's history, newest first: kind, old and new values, time.

        The actor is shown to newsroom members only.
        """
        claim = self.get_object()
        events = claim.events.select_related("actor").order_by("-version", "-pk")
        return Response(
            ClaimEventSerializer(
                events, many=True, context=self.get_serializer_context()
            ).data
        )

    @extend_schema(
        request=WithdrawSerializer,
        responses={
            200: ClaimSerializer,
            409: OpenApiResponse(
                StaleReviewSerializer,
                description="The claim changed since `version`; nothing was saved.",
            ),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[permissions.IsAuthenticated, CanReview],
    )
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw a claim: it leaves every public page; its history stays."""
        claim = self.get_object()
        form = WithdrawSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            with service_errors():
                withdraw_claim(
                    claim.pk,
                    note=form.validated_data["note"],
                    expected_version=form.validated_data["version"],
                    actor=request.user,
                )
        except StaleReview as stale:
            return self._stale(stale)
        claim = self.get_queryset().get(pk=claim.pk)
        return Response(
            ClaimSerializer(claim, context=self.get_serializer_context()).data
        )

    @extend_schema(
        request=ReviewSerializer,
        responses={
            200: ClaimSerializer,
            400: OpenApiResponse(
                description="A missing note, or a transition the desk does not allow."
            ),
            403: OpenApiResponse(description="Only editors review claims."),
            409: OpenApiResponse(
                StaleReviewSerializer,
                description="The claim changed since `version`; nothing was saved.",
            ),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[permissions.IsAuthenticated, CanReview],
    )
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Review a claim: set its status and note, as the admin does."""
        claim = self.get_object()
        review = ReviewSerializer(data=request.data)
        review.is_valid(raise_exception=True)
        data = review.validated_data
        try:
            with service_errors():
                review_claim(
                    claim.pk,
                    status=data["status"],
                    note=data["note"],
                    disputed_by=data["disputed_by"],
                    internal_note=data.get("internal_note"),
                    actor=request.user,
                    expected_version=data["version"],
                )
        except StaleReview as stale:
            return self._stale(stale)
        claim = self.get_queryset().get(pk=claim.pk)
        return Response(
            ClaimSerializer(claim, context=self.get_serializer_context()).data
        )


def agencies_for(request: Request) -> QuerySet[Agency]:
    """Agencies with their claims counted by status, among the claims the client may see."""
    visible = Q() if is_member(request.user) else Q(claims__article__status="published")
    counts = {
        f"count_{value}": Count("claims", filter=visible & Q(claims__status=value))
        for value in Claim.Status.values
    }
    return Agency.objects.annotate(
        count_total=Count("claims", filter=visible), **counts
    )


class AgencyViewSet(
    CachedReads,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Agency],
):
    """Agencies, each with its claims counted by review status; editors write them."""

    queryset = Agency.objects.all()
    serializer_class = AgencySerializer
    pagination_class = Pagination
    lookup_field = "slug"
    # Any segment reaches the view, so a malformed slug gets the API's JSON 404.
    lookup_value_regex = "[^/]+"
    filter_backends: list[Any] = []
    detail_scopes = staticmethod(lambda slug: [agency_scope(slug)])

    def get_queryset(self) -> QuerySet[Agency]:
        return agencies_for(self.request).order_by("name", "pk")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        with service_errors():
            agency = create_agency(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=agency.pk)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        agency = serializer.instance
        assert agency is not None
        data = dict(serializer.validated_data)
        label = {name: data.pop(name) for name in AGENCY_LABEL_FIELDS if name in data}
        with service_errors(), transaction.atomic():
            if data:
                for name, value in data.items():
                    setattr(agency, name, value)
                agency.save(update_fields=list(data))
            if label:
                current = {name: getattr(agency, name) for name in AGENCY_LABEL_FIELDS}
                change_agency_label(
                    agency.pk, actor=self.request.user, **{**current, **label}
                )
        serializer.instance = self.get_queryset().get(pk=agency.pk)


ERROR_RESPONSES = {
    "400": "The request is malformed; the body names each problem.",
    "401": "No credentials, or a token that is not valid.",
    "403": "Your role may not do this (or a session request without its CSRF token).",
    "404": "No such object visible to you, or no such page.",
}


def document_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Schema hook: the error answers every operation may give, anonymous reads, and
    the members-only claim fields as optional (anonymous answers leave them out)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "`detail` says what is wrong; a 400 may instead map fields to messages.",
        "additionalProperties": True,
    }
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": description})
                responses[code].setdefault(
                    "content",
                    {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Error"}
                        }
                    },
                )
            if method == "get" and {} not in operation.get("security", [{}]):
                operation["security"].append({})
    for component in schemas.values():
        if "reviewed_by" in component.get("properties", {}) and "required" in component:
            component["required"] = [
                field
                for field in component["required"]
                if field not in PRIVATE_CLAIM_FIELDS
            ]
    return result
