"""The REST API's URLs (mounted at /api/)."""

from django.urls import path
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response


@api_view(["GET"])
def api_root(request: Request) -> Response:
    """The API's entry point."""
    return Response({})


urlpatterns = [path("", api_root, name="api-root")]
