"""What every API endpoint shares: the base viewset, pagination, error answers.

Views call a service and let its errors pass: ``exception_handler`` turns
Django's ``ValidationError`` into 400, ``PermissionDenied`` into 403, a
``StaleVersion`` into 409 with the object as it stands now, and ``Http404``
into 404, each a JSON body. This module knows no app.
"""

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import QuerySet
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from newsroom.apiauth import count_anonymous_write
from newsroom.writes import StaleVersion

M = TypeVar("M", bound=models.Model)


class Pagination(PageNumberPagination):
    """Pages of 20 by default; ``page_size`` from 1 to 200, refused otherwise."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if (
            not raw.isascii()
            or not raw.isdigit()
            or not 1 <= int(raw) <= self.max_page_size
        ):
            raise exceptions.ValidationError(
                {"page_size": f"Give a whole number from 1 to {self.max_page_size}."}
            )
        return int(raw)

    def get_page_number(self, request: Request, paginator: Any) -> int:
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise exceptions.ValidationError(
                {self.page_query_param: "Give a whole number from 1."}
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


class ServiceViewSet(viewsets.GenericViewSet[M]):
    """A viewset whose writes go through services and answer the object re-read.

    ``answer_serializer_class`` shows an object after a write (and in a 409);
    any segment reaches the view as a lookup, so a malformed one gets the
    API's JSON 404 rather than the site's HTML page.
    """

    pagination_class = Pagination
    lookup_value_regex = "[^/]+"
    answer_serializer_class: type[BaseSerializer[Any]]
    # Throttle scopes (settings' DEFAULT_THROTTLE_RATES) for writes, by action;
    # any other write counts against "writes".
    write_scopes: Mapping[str, str] = {}

    @property
    def throttle_scope(self) -> str | None:
        """The stricter scope a write counts against; reads have none."""
        if self.request.method in permissions.SAFE_METHODS:
            return None
        return self.write_scopes.get(self.action or "", "writes")

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), ScopedRateThrottle()]

    def reread(self, pk: Any) -> M:
        """The object as this client sees it now (annotations included)."""
        queryset: QuerySet[M] = self.get_queryset()
        return queryset.get(pk=pk)

    def represent(self, instance: models.Model) -> Any:
        """The answer body for an object: re-read, then serialized for this client."""
        serializer = self.answer_serializer_class(
            self.reread(instance.pk), context=self.get_serializer_context()
        )
        return serializer.data

    def answer(self, instance: models.Model) -> Response:
        """200 with the object as it stands after a write."""
        return Response(self.represent(instance))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus the services' errors: 400, 403 and 409 with a JSON body."""
    if isinstance(exc, StaleVersion):
        body: dict[str, Any] = {"detail": str(exc)}
        view = context.get("view")
        if isinstance(view, ServiceViewSet):
            body[exc.current._meta.model_name or "object"] = view.represent(exc.current)
        return Response(body, status=status.HTTP_409_CONFLICT)
    exc = count_anonymous_write(exc, context.get("request"))
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, exceptions.ValidationError)
        and _codes(exc.get_codes()) == {"unique"}
    ):
        # Well-formed, but another object already holds that slug or name:
        # a conflict with the current state, not a malformed request.
        response.status_code = status.HTTP_409_CONFLICT
    return response


def _codes(codes: Any) -> set[str]:
    """Every error code in DRF's nested ``get_codes()`` answer."""
    if isinstance(codes, dict):
        return set().union(*(_codes(value) for value in codes.values()))
    if isinstance(codes, list):
        return set().union(*(_codes(value) for value in codes))
    return {str(codes)}


ERROR_RESPONSES = {
    "400": "The request is malformed; the body names each problem.",
    "401": "No credentials, or a token that is not valid.",
    "403": "Your role may not do this (or a session request without its CSRF token).",
    "404": "No such object visible to you, or no such page.",
    "429": "Too many requests; Retry-After says when to try again.",
}
WRITE_RESPONSES = {
    "409": "A conflict with the current state: a stale version, or a slug taken.",
    "413": "The body is over the size limit (docs/api.md).",
}


def document_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Schema hook: the error answers every operation may give, and anonymous reads."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "`detail` says what is wrong; a 400 may instead map fields to messages.",
        "additionalProperties": True,
    }
    for component in schemas.values():
        _no_nul(component)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                _no_nul(parameter.get("schema", {}))
            responses = operation.setdefault("responses", {})
            errors = dict(ERROR_RESPONSES)
            if method in ("post", "put", "patch"):
                errors.update(WRITE_RESPONSES)
            for code, description in errors.items():
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
    return result


# No string holds a NUL (PostgreSQL refuses it); the schema says so.
NO_NUL = "^[^\\u0000]*$"
# A required text holds something besides spaces (the API trims them, and a
# string of spaces alone is blank).
NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


def _no_nul(schema: Any) -> None:
    """Add the no-NUL pattern to every free string of a schema, however nested."""
    if isinstance(schema, list):
        for item in schema:
            _no_nul(item)
        return
    if not isinstance(schema, dict):
        return
    if (
        schema.get("type") == "string"
        and not {"pattern", "enum", "format", "const"} & schema.keys()
        and schema.get("maxLength") != 0
    ):
        schema["pattern"] = NOT_BLANK if schema.get("minLength", 0) >= 1 else NO_NUL
    for key, value in schema.items():
        if key not in ("enum", "pattern", "description", "example"):
            _no_nul(value)
