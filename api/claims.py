"""The API's claim and agency endpoints.

Writes go through ``claims.services``; their errors become HTTP answers in
``newsroom.apibase.exception_handler``.
"""

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, filters, permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from api.filters import ClaimFilter
from api.serializers import (
    PRIVATE_CLAIM_FIELDS,
    PRIVATE_EVENT_FIELDS,
    AgencySerializer,
    ClaimEventSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    ReviewSerializer,
    StaleReviewSerializer,
    WithdrawSerializer,
    is_member,
)
from api.viewsets import EntityViewSet
from claims import search, selectors
from claims.models import Agency, Claim
from claims.services import (
    change_agency,
    change_attribution,
    create_agency,
    create_claim,
    review_claim,
    withdraw_claim,
)
from newsroom.caching import agency_scope, claim_scope

# The answer to a write sent with an out-of-date ``version``.
STALE_CLAIM = OpenApiResponse(
    StaleReviewSerializer,
    description="The claim changed since `version`; nothing was saved.",
)


class SearchParameter(serializers.Serializer[Any]):
    """``?q=``: words to search for, at most as long as the readers' search allows."""

    q = serializers.CharField(
        max_length=search.MAX_QUERY_LENGTH, allow_blank=True, trim_whitespace=True
    )


def search_words(request: Request) -> str:
    """The words of ``?q=``, checked as the schema states them ("" when absent)."""
    if "q" not in request.query_params:
        return ""
    form = SearchParameter(data={"q": request.query_params["q"]})
    if not form.is_valid():
        raise exceptions.ValidationError(form.errors)
    return str(form.validated_data["q"])


class FullTextSearch(filters.BaseFilterBackend):
    """``?q=`` on a list: the readers' search (``claims.search``), best match first.

    It searches the queryset the view already limited to what the client may
    see, so an anonymous client never finds a draft or its claims.
    """

    parameter = "q"
    description = (
        "Words to search for, as in the readers' search: stemmed, with "
        '"exact phrase", or and -word on PostgreSQL; best match first.'
    )

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        # A detail is found by its key; the words narrow lists only.
        if view.action != "list":
            return queryset
        query = search_words(request)
        return search.matching(queryset, query) if query else queryset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.parameter,
                "required": False,
                "in": "query",
                "description": self.description,
                "schema": {"type": "string", "maxLength": search.MAX_QUERY_LENGTH},
            }
        ]


class CanReview(permissions.BasePermission):
    """Editors review; everyone else is told so before the body is read."""

    message = "You do not have permission to review claims."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.has_perm("claims.review_claim"))


def claims_for(request: Request, *, with_article: bool = True) -> QuerySet[Claim]:
    """The claims a client may see (``selectors.visible_claims``): members see
    all, others published ones only. A claim shows its article's slug, never
    its text."""
    member = is_member(request.user)
    return selectors.visible_claims(member=member, with_article=with_article)


class ClaimViewSet(EntityViewSet[Claim]):
    """Claims: read them, create them from a quote, and review them."""

    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    answer_serializer_class = ClaimSerializer
    write_scopes = {"review": "reviews", "withdraw": "reviews"}
    filter_backends = [DjangoFilterBackend, FullTextSearch]
    filterset_class = ClaimFilter
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
        claim = create_claim(
            data.pop("article"),
            quote=data.pop("quote"),
            agency=data.pop("agency"),
            actor=self.request.user,
            **data,
        )
        serializer.instance = self.reread(claim.pk)

    @extend_schema(
        responses={
            200: ClaimSerializer,
            409: STALE_CLAIM,
        }
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a claim's agency or speaker (with ``version``) or internal note."""
        return self._update(request, partial=True)

    @extend_schema(
        responses={
            200: ClaimSerializer,
            409: STALE_CLAIM,
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
        change_attribution(
            claim.pk,
            agency=data.get("agency"),
            speaker=data.get("speaker"),
            attribution_kind=data.get("attribution_kind"),
            reporting_verb=data.get("reporting_verb"),
            internal_note=data.get("internal_note"),
            expected_version=data.get("version"),
            actor=request.user,
        )
        return self.answer(claim)

    @extend_schema(request=None, responses={200: ClaimEventSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
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
            409: STALE_CLAIM,
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
        withdraw_claim(
            claim.pk,
            note=form.validated_data["note"],
            expected_version=form.validated_data["version"],
            actor=request.user,
        )
        return self.answer(claim)

    @extend_schema(
        request=ReviewSerializer,
        responses={
            200: ClaimSerializer,
            400: OpenApiResponse(
                description="A missing note, or a transition the desk does not allow."
            ),
            403: OpenApiResponse(description="Only editors review claims."),
            409: STALE_CLAIM,
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
        review_claim(
            claim.pk,
            status=data["status"],
            note=data["note"],
            disputed_by=data["disputed_by"],
            internal_note=data.get("internal_note"),
            actor=request.user,
            expected_version=data["version"],
        )
        return self.answer(claim)


def agencies_for(request: Request) -> QuerySet[Agency]:
    """Agencies with their claims counted by status, among the claims the client may see."""
    return selectors.agencies_counted(member=is_member(request.user))


class AgencyViewSet(EntityViewSet[Agency]):
    """Agencies, each with its claims counted by review status; editors write them."""

    queryset = Agency.objects.all()
    serializer_class = AgencySerializer
    answer_serializer_class = AgencySerializer
    lookup_field = "slug"
    filter_backends: list[Any] = []
    detail_scopes = staticmethod(lambda slug: [agency_scope(slug)])

    def get_queryset(self) -> QuerySet[Agency]:
        return agencies_for(self.request).order_by("name", "pk")

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        agency = create_agency(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(agency.pk)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        agency = serializer.instance
        if agency is None:  # DRF passes the agency being changed
            raise TypeError("An update needs its agency.")
        change_agency(agency.pk, actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(agency.pk)


def optional_private_fields(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Schema hook: the members-only fields of a claim and of its history are
    optional (answers to anyone else leave them out)."""
    schemas = result.get("components", {}).get("schemas", {})
    for name, component in schemas.items():
        if "reviewed_by" in component.get("properties", {}):
            private: tuple[str, ...] = PRIVATE_CLAIM_FIELDS
        elif name == "ClaimEvent":
            private = PRIVATE_EVENT_FIELDS
        else:
            continue
        if "required" in component:
            component["required"] = [
                field for field in component["required"] if field not in private
            ]
    return result
