"""The API's suggestion endpoints: an article's suggestions, accept, reject.

Reporters and editors only: an anonymous client is answered 401, a signed-in
one without the role 403, and nobody learns from them what detection found.
Decisions go through ``claims.services``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api.fields import slug_of
from api.permissions import ReadsAndDecides
from api.serializers import ClaimSerializer
from articles.models import Article
from claims import selectors
from claims.models import Agency, Suggestion
from claims.services import accept_suggestion, reject_suggestion


@contextmanager
def _service_errors() -> Iterator[None]:
    try:
        yield
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise exceptions.ValidationError(detail) from error
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from error


class DecidesSuggestions(ReadsAndDecides):
    """Reporters and editors see suggestions and decide on them."""

    message = "Only reporters and editors see and decide on suggestions."
    reads = "claims.view_suggestion"
    decides = "claims.change_suggestion"


class SuggestionSerializer(serializers.ModelSerializer[Suggestion]):
    """A passage detection proposes as a claim."""

    quote = serializers.CharField(source="exact", read_only=True)
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The slug of the agency, or null when the source is not one the newsroom knows.",
    )
    agency_name = serializers.CharField(
        read_only=True,
        help_text="The source as named: the agency's name or the unknown one.",
    )
    person = slug_of("slug")
    decided_by = slug_of("username")

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "quote",
            "start",
            "end",
            "agency",
            "agency_name",
            "speaker",
            "person",
            "cue",
            "confidence",
            "is_direct_quote",
            "state",
            "decided_by",
            "decided_at",
            "claim",
        ]
        read_only_fields = fields


class AcceptSerializer(serializers.Serializer[Any]):
    """What may change before a suggestion becomes a claim; all optional."""

    agency = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Agency.objects.all(),
        required=False,
        help_text="Attribute the claim to this agency (slug) instead.",
    )
    speaker = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Who is quoted."
    )
    start = serializers.IntegerField(
        required=False, min_value=0, help_text="A new start in the plain text."
    )
    end = serializers.IntegerField(
        required=False, min_value=1, help_text="A new end in the plain text."
    )
    new_agency_name = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Create an agency of this name (affiliation unknown) for the claim.",
    )


class AcceptedSerializer(serializers.Serializer[Any]):
    suggestion = SuggestionSerializer()
    claim = ClaimSerializer()


@extend_schema(
    parameters=[
        OpenApiParameter(
            "state",
            str,
            enum=Suggestion.State.values,
            description="Only suggestions in this state.",
        )
    ]
)
class ArticleSuggestionsView(generics.ListAPIView[Suggestion]):
    """An article's suggestions, in text order (reporters and editors)."""

    serializer_class = SuggestionSerializer
    permission_classes = [DecidesSuggestions]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Suggestion]:
        if getattr(self, "swagger_fake_view", False):
            return Suggestion.objects.none()
        article = get_object_or_404(Article, slug=self.kwargs["slug"])
        state = self.request.query_params.get("state")
        if state is not None and state not in Suggestion.State.values:
            raise exceptions.ValidationError(
                {"state": f"Use one of {', '.join(Suggestion.State.values)}."}
            )
        return selectors.article_suggestions(article, state)


class SuggestionViewSet(viewsets.GenericViewSet[Suggestion]):
    """Decide on a suggestion: accept it as a claim, or reject it."""

    queryset = selectors.suggestions_read()
    serializer_class = SuggestionSerializer
    permission_classes = [DecidesSuggestions]
    # Any segment reaches the view, so a malformed id is the API's JSON 404.
    lookup_value_regex = "[^/]+"

    @extend_schema(request=AcceptSerializer, responses={200: AcceptedSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """Make the suggestion a claim, optionally with another agency, speaker or span."""
        suggestion = self.get_object()
        form = AcceptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with _service_errors():
            claim = accept_suggestion(
                suggestion.pk, actor=request.user, **form.validated_data
            )
        suggestion.refresh_from_db()
        context = self.get_serializer_context()
        return Response(
            {
                "suggestion": SuggestionSerializer(suggestion, context=context).data,
                "claim": ClaimSerializer(claim, context=context).data,
            }
        )

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """Reject the suggestion: its words are not suggested for the article again."""
        suggestion = self.get_object()
        with _service_errors():
            rejected = reject_suggestion(suggestion.pk, actor=request.user)
        return Response(self.get_serializer(rejected).data)
