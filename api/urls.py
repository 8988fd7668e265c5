"""The REST API's URLs (mounted at /api/): endpoints, OpenAPI schema, docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api.articles import ArticleViewSet
from api.claims import AgencyViewSet, ClaimViewSet
from api.matches import ClaimMatchesView, ClaimMatchView
from api.suggestions import ArticleSuggestionsView, SuggestionViewSet
from api.webhooks import WebhookEndpointViewSet


class Router(DefaultRouter):
    """The endpoints and a browsable root listing them, without format suffixes."""

    include_format_suffixes = False


router = Router()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("suggestions", SuggestionViewSet, basename="suggestion")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script from a URL, not inline: the
    # site's Content-Security-Policy forbids inline scripts.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path(
        "articles/<str:slug>/suggestions/",
        ArticleSuggestionsView.as_view(),
        name="article-suggestions",
    ),
    path("claims/<int:pk>/matches/", ClaimMatchesView.as_view(), name="claim-matches"),
    path(
        "claims/<int:pk>/matches/<int:other>/",
        ClaimMatchView.as_view(),
        name="claim-match",
    ),
    path("", include(router.urls)),
]
