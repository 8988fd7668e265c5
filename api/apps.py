"""The REST API: viewsets, serializers, the router and the schema."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Clients' access to articles, claims, agencies and suggestions."""

    name = "api"
    verbose_name = "REST API"
