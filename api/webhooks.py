"""The API's webhook endpoints (``/api/webhooks/``): editors register, list
and remove the addresses of other systems and read their deliveries.

Writes go through ``notifications.services``; an endpoint's ``secret`` is in
the answer to its registration only.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from newsroom.apibase import ServiceViewSet
from notifications.models import Event, WebhookDelivery, WebhookEndpoint
from notifications.services import (
    EDITOR_PERMISSION,
    delete_endpoint,
    register_endpoint,
    replay_delivery,
)

LISTED_DELIVERIES = 50


class IsEditor(permissions.BasePermission):
    """Editors manage webhooks; everyone else is told so."""

    message = "Only editors manage webhooks."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.has_perm(EDITOR_PERMISSION))


class WebhookEndpointSerializer(serializers.ModelSerializer[WebhookEndpoint]):
    """An endpoint as listed: never its secret."""

    events = serializers.ListField(
        child=serializers.ChoiceField(choices=Event.choices),
        allow_empty=False,
        max_length=len(Event.values),
    )
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "events",
            "description",
            "active",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["id", "active", "created_by", "created_at"]


class RegisteredEndpointSerializer(WebhookEndpointSerializer):
    """The answer to a registration: the endpoint and, this once, its secret."""

    secret = serializers.CharField(
        read_only=True,
        help_text="Signs every delivery (HMAC-SHA256); shown only in this answer.",
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer[WebhookDelivery]):
    """One event sent to an endpoint, with each attempt at it."""

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "status",
            "attempts",
            "log",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields


class WebhookEndpointViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    ServiceViewSet[WebhookEndpoint],
):
    """Webhook endpoints: register one for some events, list, read, remove."""

    queryset = WebhookEndpoint.objects.select_related("created_by").order_by("pk")
    serializer_class = WebhookEndpointSerializer
    answer_serializer_class = WebhookEndpointSerializer
    permission_classes = [permissions.IsAuthenticated, IsEditor]

    def get_serializer_class(self) -> Any:
        if self.action == "deliveries":
            return WebhookDeliverySerializer
        return WebhookEndpointSerializer

    @extend_schema(responses={201: RegisteredEndpointSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Register an endpoint; the answer carries its secret, shown only once."""
        serializer = WebhookEndpointSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        endpoint = register_endpoint(
            url=data["url"],
            events=list(data["events"]),
            description=data.get("description", ""),
            actor=request.user,
        )
        answer = RegisteredEndpointSerializer(self.reread(endpoint.pk))
        return Response(answer.data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: WebhookEndpoint) -> None:
        delete_endpoint(instance.pk, actor=self.request.user)

    def _deliveries(self) -> QuerySet[WebhookDelivery]:
        return self.get_object().deliveries.order_by("-created_at", "-pk")

    @extend_schema(responses={200: WebhookDeliverySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """The endpoint's latest deliveries, newest first, with their attempts."""
        listed = self._deliveries()[:LISTED_DELIVERIES]
        return Response(WebhookDeliverySerializer(listed, many=True).data)

    @extend_schema(request=None, responses={200: WebhookDeliverySerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"deliveries/(?P<delivery_id>\d+)/replay",
    )
    def replay(
        self, request: Request, pk: str | None = None, delivery_id: str = ""
    ) -> Response:
        """Send a delivery again, with the same event id."""
        delivery = self._deliveries().filter(pk=int(delivery_id)).first()
        if delivery is None:
            return Response(
                {"detail": "No such delivery for this endpoint."},
                status=status.HTTP_404_NOT_FOUND,
            )
        replay_delivery(delivery.pk, actor=request.user)
        delivery.refresh_from_db()
        return Response(WebhookDeliverySerializer(delivery).data)
